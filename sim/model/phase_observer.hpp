#pragma once
// Watches the month's phases from outside the model (the benchmark's phase timer is one): the
// simulation tells it when each phase of kMonthPhases (phases.hpp) begins and ends, and nothing
// it does can change what the model computes.
#include <cstddef>

namespace partysim {

class PhaseObserver {
 public:
  virtual ~PhaseObserver() = default;
  // `phase` indexes kMonthPhases.
  virtual void phase_begins(std::size_t phase) = 0;
  virtual void phase_ends(std::size_t phase) = 0;
};

}  // namespace partysim
