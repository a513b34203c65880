#pragma once
// A simulation of one scenario: initialisation (initialisation.hpp) and the month as the list of
// named phases of phases.hpp. Runs on the calling thread's oneTBB arena; the number of threads
// never changes the results.
#include "model/month_record.hpp"
#include "model/phase_observer.hpp"
#include "model/simulation_state.hpp"

namespace partysim {

class Simulation {
 public:
  explicit Simulation(const Scenario& scenario);
  // A simulation continued from a saved state (a checkpoint), without initialising.
  explicit Simulation(SimulationState state) : state_(std::move(state)) {}

  // Simulates the next month and returns its observations; `observer`, if given, is told when
  // each phase begins and ends.
  MonthRecord step(PhaseObserver* observer = nullptr);

  int month() const { return state_.month; }  // months simulated so far
  // Months to simulate in all: the spin-up's (spin_up_from up to start) and the reported ones.
  int months() const { return static_cast<int>(state_.scenario.simulated_months()); }
  int spin_up_months() const { return state_.scenario.spin_up_months(); }
  // Whether the next month is one of the spin-up's: simulated like any other, but its record is
  // not reported (not written, not in an ensemble or a sweep's summaries).
  bool spinning_up() const { return month() < spin_up_months(); }
  bool done() const { return month() >= months(); }
  const SimulationState& state() const { return state_; }
  SimulationState& mutable_state() { return state_; }  // for tests of single phases

 private:
  SimulationState state_;
};

}  // namespace partysim
