#pragma once
// What a checkpoint holds of a scenario and of a simulation: every parameter (as its scenario
// text, so a resumed run needs no scenario file) and every array of the state. Random numbers are
// keyed by (seed, purpose, index, month), so the month is all the generators' state there is.
#include <cstdint>
#include <memory>

#include "io/checkpoint_file.hpp"
#include "model/simulation.hpp"
#include "params/scenario.hpp"

namespace partysim {

// A fingerprint of every resolved parameter value: a checkpoint resumes only the scenario it was
// made from.
std::uint64_t scenario_fingerprint(const Scenario& scenario);

void save_scenario(CheckpointWriter& out, const Scenario& scenario);
Scenario load_scenario(CheckpointReader& in);

void save_simulation(CheckpointWriter& out, const Simulation& simulation);
// Throws CheckpointError when the arrays do not fit the scenario's sizes.
std::unique_ptr<Simulation> load_simulation(CheckpointReader& in);

}  // namespace partysim
