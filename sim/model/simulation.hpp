#pragma once
// A simulation of one scenario: initialisation (MODEL.md section 11) and the month as a list of
// named phases (section 3). Runs on the calling thread's oneTBB arena; the number of threads
// never changes the results.
#include <array>
#include <chrono>
#include <cstddef>

#include "model/month_record.hpp"
#include "model/simulation_state.hpp"

namespace partysim {

// Wall time spent in each phase, for benchmarks (measured only when a Simulation is given one).
struct PhaseTimes {
  static constexpr std::size_t kCount = 9;
  static constexpr std::array<const char*, kCount> kNames = {
      "policy", "work choice", "income and enforcement", "purges", "opinions and applications",
      "secretaries", "cadre posts", "demography", "observation"};
  std::array<double, kCount> seconds{};
};

class Simulation {
 public:
  explicit Simulation(const Scenario& scenario);
  // A simulation continued from a saved state (a checkpoint), without initialising.
  explicit Simulation(SimulationState state) : state_(std::move(state)) {}

  // Simulates the next month and returns its observations.
  MonthRecord step();

  int month() const { return state_.month; }  // months simulated so far
  int months() const { return static_cast<int>(state_.scenario.integer(P::months)); }
  bool done() const { return month() >= months(); }
  const SimulationState& state() const { return state_; }
  SimulationState& mutable_state() { return state_; }  // for tests of single phases
  void measure_phases(PhaseTimes* times) { phase_times_ = times; }

 private:
  void initialise();
  SimulationState state_;
  PhaseTimes* phase_times_ = nullptr;
};

}  // namespace partysim
