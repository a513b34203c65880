// Phase 7: secretaries (docs/ODD.md section 7.7), one cell at a time: admissions from the queue,
// candidacy ends, the entry price, income, and the recruiting / skip-selling flags.
#include <algorithm>
#include <cmath>

#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "model/status_changes.hpp"
#include "model/work_options.hpp"

namespace partysim {

namespace {
// A secretary's flag turns on when its smoothed income falls below the reservation income and off
// only once it rises above (1 + hysteresis) times it, so that it does not flicker.
void switch_with_hysteresis(std::uint8_t& flag, double smoothed, double reservation,
                            double hysteresis) {
  if (smoothed < reservation)
    flag = 1;
  else if (smoothed > (1.0 + hysteresis) * reservation)
    flag = 0;
}

// The applicant who has waited longest (ties by household index), or `end` if none.
std::size_t longest_waiting(const Households& h, std::size_t first, std::size_t end) {
  std::size_t best = end;
  for (std::size_t i = first; i < end; ++i)
    if (h.status[i] == Status::applicant && (best == end || h.status_since[i] < h.status_since[best]))
      best = i;
  return best;
}
}  // namespace

void run_secretaries(SimulationState& state, const MonthContext& c) {
  Households& h = state.households;
  Cells& cells = state.cells;
  const int t = c.month;
  const double quota = c[P::quota];
  for_each_index(cells.size(), kCellGrain, [&](std::size_t cell) {
    const std::size_t first = cells.first(cell);
    const std::size_t end = cells.end(cell);

    // Admissions: the budget grows by the quota; each whole admission admits the longest-waiting
    // applicant who can pay. What is left is capped at one admission, so a secretary without
    // applicants saves up no more than one, while any quota (0.4 a month, 3 a month) is kept on
    // average when there are applicants.
    double& budget = cells.admission_budget[cell];
    budget += quota;
    double entry_income = 0;
    // A whole admission, allowing for rounding: ten additions of 0.1 make 0.9999999999999999.
    constexpr double kWhole = 1.0 - 1e-9;
    while (budget >= kWhole) {
      const std::size_t i = longest_waiting(h, first, end);
      if (i == end) break;
      const double price = entry_price_for(state, c, i);
      if (h.wealth[i] < price) {
        change_status(h, i, StatusChange::drop_unpaid, t);
        continue;
      }
      h.wealth[i] -= price;
      h.entry_paid_usd[i] = price;
      entry_income += price;
      change_status(h, i, StatusChange::admit, t);
      budget -= 1.0;
    }
    budget = std::min(budget, 1.0);

    // Candidacy ends; count the month's skip deals and dues.
    int skip_deals = 0;
    int dues_payers = 0;
    for (std::size_t i = first; i < end; ++i) {
      if (h.status[i] == Status::candidate && t - h.status_since[i] >= c[P::candidacy_months]) {
        change_status(h, i, StatusChange::complete_candidacy, t);
      }
      if (h.events[i] & Event::bought_skip_deal) ++skip_deals;
      const std::uint8_t code = h.work_option[i];
      if (worked_this_month(code, h.events[i]) && WorkOption::decode(code).party == PartyDuty::attend)
        ++dues_payers;
    }

    // Entry price from the demand of the last 12 months against the quota.
    const double* window = cells.window(cell);
    double demand = 0;
    for (int k = 0; k < kDemandWindowMonths; ++k) demand += window[k];
    const double supply = kDemandWindowMonths * quota;
    const double excess = (demand - supply) / std::max(supply, c[P::quota_floor]);
    cells.entry_price[cell] =
        std::clamp(cells.entry_price[cell] * std::exp(c[P::price_adjustment] * excess),
                   c[P::price_floor], c[P::price_cap]);

    // Income and its smoothed level; the flags switch with hysteresis so they do not flicker.
    cells.entry_income[cell] = entry_income;
    cells.skip_income[cell] = skip_deals * c[P::skip_price];
    cells.dues_income[cell] = dues_payers * c[P::dues_rate] * c[P::state_wage] * c[P::dues_share];
    const double income = entry_income + cells.skip_income[cell] + cells.dues_income[cell];
    cells.income[cell] = income;
    const double alpha = c[P::income_smoothing];
    double& smoothed = cells.smoothed_income[cell];
    smoothed = (1.0 - alpha) * smoothed + alpha * income;
    // Recruiting and selling skip deals are two decisions, each with its own reservation income.
    const double hysteresis = c[P::secretary_hysteresis];
    switch_with_hysteresis(cells.recruiting[cell], smoothed,
                           c[P::secretary_reservation_income], hysteresis);
    switch_with_hysteresis(cells.selling_skips[cell], smoothed,
                           c[P::secretary_skip_reservation_income], hysteresis);
  });
}

}  // namespace partysim
