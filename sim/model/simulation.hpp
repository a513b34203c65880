#pragma once
// A simulation of one scenario: initialisation (MODEL.md section 11) and the month as a list of
// named phases (section 3). Runs on the calling thread's oneTBB arena; the number of threads
// never changes the results.
#include <cstddef>

#include "model/month_record.hpp"
#include "model/simulation_state.hpp"

namespace partysim {

class Simulation {
 public:
  explicit Simulation(const Scenario& scenario);

  // Simulates the next month and returns its observations.
  MonthRecord step();

  int month() const { return state_.month; }  // months simulated so far
  int months() const { return static_cast<int>(state_.scenario.integer(P::months)); }
  bool done() const { return month() >= months(); }
  const SimulationState& state() const { return state_; }
  SimulationState& mutable_state() { return state_; }  // for tests of single phases

 private:
  void initialise();
  SimulationState state_;
};

}  // namespace partysim
