#pragma once
// The work choice's fast path: the best options of four choosers of one menu at a time, from the
// decision rule of model/work_options.hpp instantiated for lanes. Nothing here states the rule:
// edit it there, and tests/model/fast/best_options_test.cpp checks that this search still gives
// what best_option() gives, bit for bit.
#include <array>
#include <cstdint>

#include "model/month_context.hpp"
#include "model/work_options.hpp"

namespace partysim {

// Four choosers of one menu side by side (the work choice's hot loop), one array per trait of
// Chooser; Party duties and skip offers are the menu's.
inline constexpr int kChoiceLanes = 4;
struct ChooserLanes {
  std::array<double, kChoiceLanes> skill, risk_aversion, wealth, surveillance, expulsion_loss;
  void set(int lane, const Chooser& who) {
    skill[lane] = who.skill;
    risk_aversion[lane] = who.risk_aversion;
    wealth[lane] = who.wealth;
    surveillance[lane] = who.surveillance;
    expulsion_loss[lane] = who.expulsion_loss;
  }
};
// Their best options, one array per field of OptionValue.
struct BestOptions {
  std::array<double, kChoiceLanes> net, enforcement_cost;
  std::array<std::uint8_t, kChoiceLanes> option;
  OptionValue operator[](int k) const {
    return {{net[k], enforcement_cost[k]}, option[k]};
  }
};
// best_option() for each of four households, all of them choosers of `menu`.
BestOptions best_options(const MonthContext& c, const OptionMenu& menu, const ChooserLanes& who);
// The enforcement cost of each of four choosers of `menu` at an option of that menu given for each
// (at full scale, or its capped twin where the full-scale business is large, as best_options()
// returns them): what evaluate_option() gives, for the four at once.
std::array<double, kChoiceLanes> enforcement_costs(
    const MonthContext& c, const OptionMenu& menu, const ChooserLanes& who,
    const std::array<std::uint8_t, kChoiceLanes>& options);

}  // namespace partysim
