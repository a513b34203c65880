// Phase: routine extortion (docs/ODD.md section 7.4). Each household that traded this month
// (not a cadre, not detained) is shaken down with extortion_probability() at its surveillance s,
// and pays extortion_bribe() from what it holds after the month's income; the rest is waived.
// The same two rules make the expected cost that every work option anticipates (value_of()).
#include <algorithm>

#include "model/enforcement.hpp"
#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "model/work_options.hpp"
#include "rng/household_draws.hpp"

namespace partysim {

void extort(SimulationState& state, const MonthContext& c) {
  if (c[P::extortion_rate] <= 0) return;  // no shakedowns: no draw is needed
  Households& h = state.households;
  for_each_index(h.size(), kHouseholdGrain, [&](std::size_t i) {
    if (!worked_this_month(h.work_option[i], h.events[i]) || h.market_time[i] <= 0) return;
    // Party households pay the multiple: those who worked this month as candidates or members
    // (also when expelled after a catch this month), as the work choice anticipated.
    const WorkOption option = WorkOption::decode(h.work_option[i]);
    const bool party = option.party != PartyDuty::none;
    const double probability = extortion_probability(c, surveillance(c, h, i, party));
    const bool shaken = bernoulli32(probability, HouseholdDraws(state.rng, i, c.month).shakedown());
    // Without a branch on the draw: about a quarter of traders are shaken down, in no order a
    // branch predictor could learn, and a mispredicted branch would also throw away the next
    // households' draws already under way (the phase took 21 ns a household with the branch).
    const double bribe = extortion_bribe(c, option_shape(c, h.skill[i], option).size, party);
    // (A product, not `shaken ? ... : 0`, which the compiler turns back into a branch.)
    const double paid = std::min(bribe, h.wealth[i]) * static_cast<double>(shaken);
    h.wealth[i] -= paid;
    h.extortion_paid_usd[i] = paid;
    h.events[i] |= shaken ? Event::shaken_down : 0u;
  });
}

}  // namespace partysim
