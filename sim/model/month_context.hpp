#pragma once
// Phase 1 (policy): every schedule evaluated at month t, plus the month-level quantities that
// every household's decisions share. Read-only for all later phases of the month.
#include <array>

#include "model/types.hpp"
#include "params/scenario.hpp"

namespace partysim {

struct MonthContext {
  int month = 0;           // t, 0-based from the first simulated month (the spin-up's, if any)
  int calendar_month = 0;  // absolute month (calendar.hpp)
  std::array<double, kParamCount> value{};  // every parameter at month t

  double operator[](ParamId id) const { return value[static_cast<int>(id)]; }

  // Derived for the household phases:
  double congestion = 1;  // c_t, from last month's violators per 1,000
  double cadre_rent = 0;  // R_t = cadre_rent_base + cadre_rent_market_share * A_t
  std::array<double, kSongbunCount> entry_multiplier{};
  std::array<double, kSongbunCount> cadre_weight{};
  std::array<double, kSongbunCount> cadre_chance{};  // Pi_c: chance of a cadre post within H
  double tenure_share = 1;  // f: expected share of the horizon H a member spends before a purge
  // By Party duties (0: none, 1: candidate or member), looked up rather than chosen by a branch:
  // which households are members follows no order a branch predictor could learn.
  std::array<double, 2> bribe_multiple{1, 1};      // 1, or mu (member_multiple())
  std::array<double, 2> surveillance_floor{1, 1};  // 1, or the larger of 1 and s_member

  // `violators_per_1000` is V_{t-1}; `promotion_rate` the observed monthly rate pi_c.
  static MonthContext at(const Scenario& scenario, int month, double violators_per_1000,
                         const std::array<double, kSongbunCount>& promotion_rate);
};

}  // namespace partysim
