#pragma once
// Wall time spent in each phase of the month (phases.hpp), for benchmarks: a phase observer, so
// timing stays outside the model and cannot change what it computes.
#include <array>
#include <chrono>

#include "model/phase_observer.hpp"
#include "model/phases.hpp"

namespace partysim {

class PhaseTimer : public PhaseObserver {
 public:
  void phase_begins(std::size_t) override { start_ = std::chrono::steady_clock::now(); }
  void phase_ends(std::size_t phase) override {
    seconds_[phase] +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  double seconds(std::size_t phase) const { return seconds_[phase]; }

 private:
  std::chrono::steady_clock::time_point start_;
  std::array<double, kPhaseCount> seconds_{};
};

}  // namespace partysim
