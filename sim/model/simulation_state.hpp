#pragma once
// Everything a running simulation holds. No globals: two simulations run side by side.
#include <array>
#include <cstddef>

#include "model/cells.hpp"
#include "model/households.hpp"
#include "model/ties.hpp"
#include "params/scenario.hpp"
#include "rng/keyed_rng.hpp"

namespace partysim {

// The cadre track as households see it: promotions to cadre and member-months by songbun over
// the last 12 months (a ring indexed by month % 12).
struct PromotionHistory {
  std::array<std::array<double, kSongbunCount>, kDemandWindowMonths> promotions{};
  std::array<std::array<double, kSongbunCount>, kDemandWindowMonths> members{};

  void record(int month, const std::array<double, kSongbunCount>& promoted,
              const std::array<double, kSongbunCount>& member_count) {
    promotions[month % kDemandWindowMonths] = promoted;
    members[month % kDemandWindowMonths] = member_count;
  }
  // pi_c: promotions per member-month over the window (0 where there were no members).
  std::array<double, kSongbunCount> monthly_rate() const {
    std::array<double, kSongbunCount> rate{};
    for (int s = 0; s < kSongbunCount; ++s) {
      double promoted = 0, member_months = 0;
      for (int k = 0; k < kDemandWindowMonths; ++k) {
        promoted += promotions[k][s];
        member_months += members[k][s];
      }
      rate[s] = member_months > 0 ? promoted / member_months : 0.0;
    }
    return rate;
  }
};

struct SimulationState {
  explicit SimulationState(const Scenario& s) : scenario(s), rng(s.integer(P::seed)) {}

  Scenario scenario;
  KeyedRng rng;
  Households households;
  Cells cells;
  Ties ties;
  std::size_t cadre_posts = 0;
  int month = 0;                        // the next month to simulate
  // V: households that broke a rule, per 1,000, in the last month simulated (phase 3 sets it;
  // enforcement.initial_violators before t = 0). The next month's congestion reads it.
  double violators_per_1000 = 0;
  PromotionHistory promotion_history;
};

}  // namespace partysim
