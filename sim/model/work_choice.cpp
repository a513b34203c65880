// Phase 2: work choice (MODEL.md section 4).
#include "model/enforcement.hpp"
#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "model/work_options.hpp"

namespace partysim {

namespace {
void choose_work_of(SimulationState& state, const MonthContext& c, const OptionMenus& menus,
                    std::size_t cell, std::size_t i) {
  Households& h = state.households;
  h.events[i] = 0;
  h.market_income[i] = 0;
  h.bribe_large_usd[i] = 0;
  h.bribe_absence_usd[i] = 0;
  h.entry_paid_usd[i] = 0;

  // As an outsider, under the surveillance the household has anyway.
  Chooser outsider{h.skill[i], h.risk_aversion[i], h.wealth[i], false, false,
                   surveillance(c, h, i, false), 0.0};
  const OptionValue as_outsider = best_option(c, menus.outsider, outsider);
  // L_expel: surveillance_months of the extra enforcement cost of being watched as expelled,
  // at the same outsider option.
  Chooser watched = outsider;
  watched.surveillance = std::max(outsider.surveillance, c[P::surveillance_expelled]);
  const double cost_watched =
      evaluate_option(c, watched, WorkOption::decode(as_outsider.option)).enforcement_cost;
  const double expulsion_loss =
      c[P::surveillance_months] * std::max(0.0, cost_watched - as_outsider.enforcement_cost);

  // As a candidate or member (what it is, or would be), with this month's skip offers.
  const bool skips = state.cells.selling_skips[cell] != 0;
  const Chooser member{h.skill[i], h.risk_aversion[i], h.wealth[i], true, skips,
                       surveillance(c, h, i, true), expulsion_loss};
  const OptionValue as_member =
      best_option(c, skips ? menus.member_with_skips : menus.member, member);

  h.value_outsider[i] = static_cast<float>(as_outsider.net);
  h.value_member[i] = static_cast<float>(as_member.net);
  h.catch_probability_member[i] = static_cast<float>(as_member.catch_probability);
  h.expulsion_loss[i] = static_cast<float>(expulsion_loss);

  const Status status = h.status[i];
  if (h.detained(i, c.month))
    h.work_option[i] = kNoWork;
  else if (status == Status::cadre)
    h.work_option[i] = kCadreWork;
  else
    h.work_option[i] = owes_party_duties(status) ? as_member.option : as_outsider.option;
}
}  // namespace

void choose_work(SimulationState& state, const MonthContext& c) {
  const OptionMenus menus(c);
  for_each_household_by_cell(state.cells, [&](std::size_t i, std::size_t cell) {
    choose_work_of(state, c, menus, cell, i);
  });
}

}  // namespace partysim
