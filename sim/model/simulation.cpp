#include "model/simulation.hpp"

#include "model/initialisation.hpp"
#include "model/phases.hpp"

namespace partysim {

Simulation::Simulation(const Scenario& scenario) : state_(scenario) { initialise(state_); }

MonthRecord Simulation::step(PhaseObserver* observer) {
  Month month;
  for (std::size_t phase = 0; phase < kPhaseCount; ++phase) {
    if (observer) observer->phase_begins(phase);
    kMonthPhases[phase].run(state_, month);
    if (observer) observer->phase_ends(phase);
  }
  ++state_.month;
  return month.record;
}

}  // namespace partysim
