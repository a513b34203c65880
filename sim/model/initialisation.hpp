#pragma once
// Initialisation (docs/ODD.md section 5): the population, its ties, cadres,
// secretaries and memories at t = 0, as named steps in the order of the ODD.
#include "model/simulation_state.hpp"

namespace partysim {

void initialise(SimulationState& state);

}  // namespace partysim
