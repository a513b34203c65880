// Phase: routine extortion (docs/ODD.md section 7.4). Each household that traded this month
// (not a cadre, not detained) is shaken down with extortion_probability() at its surveillance s,
// and pays extortion_bribe() from what it holds after the month's income; the rest is waived.
// The same two rules make the expected cost that every work option anticipates (value_of()).
#include <algorithm>

#include "model/enforcement.hpp"
#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "model/work_options.hpp"
#include "rng/samplers.hpp"

namespace partysim {

namespace {
// Households are drawn in groups of four: one Philox4x32 call (purpose shakedown, keyed by the
// group and the month) gives each of them its 32-bit word. Every trader needs this draw each
// month, so it is the phase's main cost; a 64-bit block per household cost three times as much.
constexpr std::size_t kGroup = 4;

void extort_household(Households& h, const MonthContext& c, const OptionTable& options,
                      std::size_t i, std::uint32_t word) {
  const std::uint8_t code = h.work_option[i];
  if (!worked_this_month(code, h.events[i]) || h.market_time[i] <= 0) return;
  // Party households pay the multiple: those who worked this month as candidates or members
  // (also when expelled after a catch this month), as the work choice anticipated.
  const OptionTerms& terms = options[code];
  const bool party = terms.option.party != PartyDuty::none;
  const bool shaken = bernoulli32(extortion_probability(c, surveillance(c, h, i, party)), word);
  // Without a branch on the draw: about a quarter of traders are shaken down, in no order a
  // branch predictor could learn, and a mispredicted branch would also throw away the next
  // households' work already under way.
  const double bribe = extortion_bribe(c, business_shape(c, h.skill[i], terms).size, party);
  // (A product, not `shaken ? ... : 0`, which the compiler turns back into a branch.)
  const double paid = std::min(bribe, h.wealth[i]) * static_cast<double>(shaken);
  h.wealth[i] -= paid;
  h.extortion_paid_usd[i] = paid;
  h.events[i] |= shaken ? Event::shaken_down : 0u;
}
}  // namespace

void extort(SimulationState& state, const MonthContext& c) {
  if (c[P::extortion_rate] <= 0) return;  // no shakedowns: no draw is needed
  Households& h = state.households;
  const OptionTable options(c);
  const std::size_t groups = (h.size() + kGroup - 1) / kGroup;
  for_each_index(groups, kHouseholdGrain / kGroup, [&](std::size_t g) {
    const auto words = state.rng.words32(Purpose::shakedown, g, c.month);
    const std::size_t first = g * kGroup, last = std::min(first + kGroup, h.size());
    for (std::size_t i = first; i < last; ++i) extort_household(h, c, options, i, words[i - first]);
  });
}

}  // namespace partysim
