// Phase 2: work choice (docs/ODD.md section 7.2).
#include <algorithm>

#include "model/enforcement.hpp"
#include "model/fast/best_options.hpp"
#include "model/parallel.hpp"
#include "model/phases.hpp"

namespace partysim {

namespace {
// Households first .. first + kChoiceLanes - 1 of a cell (up to `end`), side by side: their best
// options are searched together (model/fast/best_options.hpp). Past the cell's end the last
// household fills the lanes, and those results are dropped. Lanes are cell-aligned, so a
// household is always computed the same way, whatever the number of threads.
void choose_work_of(SimulationState& state, const MonthContext& c, const OptionMenus& menus,
                    std::size_t cell, std::size_t first, std::size_t end) {
  Households& h = state.households;
  std::array<std::size_t, kChoiceLanes> index;
  for (int k = 0; k < kChoiceLanes; ++k) index[k] = std::min(first + k, end - 1);

  // As an outsider, under the surveillance the household has anyway.
  ChooserLanes outsiders;
  for (int k = 0; k < kChoiceLanes; ++k) {
    const std::size_t i = index[k];
    outsiders.skill[k] = h.skill[i];
    outsiders.risk_aversion[k] = h.risk_aversion[i];
    outsiders.wealth[k] = h.wealth[i];
    outsiders.surveillance[k] = surveillance(c, h, i, false);
    outsiders.expulsion_loss[k] = 0.0;
  }
  const BestOptions as_outsider = best_options(c, menus.outsider, outsiders);

  // As a candidate or member (what it is, or would be), with this month's skip offers.
  const bool skips = state.cells.selling_skips[cell] != 0;
  // L_expel: surveillance_months of the extra enforcement cost of being watched as expelled,
  // at the same outsider option.
  ChooserLanes watched = outsiders;
  for (int k = 0; k < kChoiceLanes; ++k)
    watched.surveillance[k] = std::max(outsiders.surveillance[k], c[P::surveillance_expelled]);
  const auto cost_watched = enforcement_costs(c, menus.outsider, watched, as_outsider.option);
  ChooserLanes members = outsiders;
  for (int k = 0; k < kChoiceLanes; ++k) {
    members.expulsion_loss[k] = c[P::surveillance_months] *
                                std::max(0.0, cost_watched[k] - as_outsider.enforcement_cost[k]);
    members.surveillance[k] = surveillance(c, h, index[k], true);
  }
  const BestOptions as_member =
      best_options(c, skips ? menus.member_with_skips : menus.member, members);

  for (std::size_t k = 0; k < kChoiceLanes && first + k < end; ++k) {
    const std::size_t i = first + k;
    h.start_month(i);  // the month's money and events, cleared where they are already in cache
    h.value_outsider[i] = static_cast<float>(as_outsider.net[k]);
    h.value_member[i] = static_cast<float>(as_member.net[k]);
    h.expulsion_loss[i] = static_cast<float>(members.expulsion_loss[k]);

    const Status status = h.status[i];
    if (h.detained(i, c.month))
      h.work_option[i] = kNoWork;
    else if (status == Status::cadre)
      h.work_option[i] = kCadreWork;
    else
      h.work_option[i] = owes_party_duties(status) ? as_member.option[k] : as_outsider.option[k];
  }
}
}  // namespace

void choose_work(SimulationState& state, const MonthContext& c) {
  const OptionMenus menus(c);
  const Cells& cells = state.cells;
  for_each_index(cells.size(), kCellGrain, [&](std::size_t cell) {
    const std::size_t end = cells.end(cell);
    for (std::size_t first = cells.first(cell); first < end; first += kChoiceLanes)
      choose_work_of(state, c, menus, cell, first, end);
  });
}

}  // namespace partysim
