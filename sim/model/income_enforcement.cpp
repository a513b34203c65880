// Phase 3: income, inspections, bribes, detention, expulsion after a catch, wealth
// (docs/ODD.md section 7.3).
#include <algorithm>
#include <functional>
#include <oneapi/tbb/parallel_reduce.h>

#include "model/enforcement.hpp"
#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "model/status_changes.hpp"
#include "model/work_options.hpp"
#include "rng/household_draws.hpp"
#include "rng/samplers.hpp"

namespace partysim {

namespace {
// W <- max(0, W + y - subsistence - consumption_share * max(y - subsistence, 0) - spending * W)
double next_wealth(const MonthContext& c, double wealth, double net_income) {
  const double subsistence = c[P::subsistence];
  const double surplus = std::max(net_income - subsistence, 0.0);
  return std::max(0.0, wealth + net_income - subsistence - c[P::consumption_share] * surplus -
                           c[P::wealth_spending] * wealth);
}

void realise_income_of(Households& h, const MonthContext& c, const OptionTable& options,
                       const HouseholdDraws& draws, std::size_t i) {
  const int t = c.month;
  // The income shock first: its random block, normal and exp are one long chain of dependent
  // instructions, and started here it runs alongside the rest of the household's month.
  const double shock = lognormal_mean_one(c[P::income_sigma], draws.income_normal());
  const double savings_cap = c[P::savings_cap];
  // A currency reform wipes out savings above its exchange cap (no cap by default).
  h.wealth[i] = std::min(h.wealth[i], savings_cap);
  const std::uint8_t code = h.work_option[i];
  if (code == kNoWork) {  // detained: no income
    h.market_time[i] = 0;
    h.wealth[i] = next_wealth(c, h.wealth[i], 0.0);
    return;
  }
  if (code == kCadreWork) {
    h.market_time[i] = 0;
    h.wealth[i] = next_wealth(c, h.wealth[i], c.cadre_rent);
    return;
  }
  const OptionTerms& terms = options[code];
  const WorkOption option = terms.option;
  const OptionShape shape = business_shape(c, h.skill[i], terms);
  const bool party = in_party(h.status[i]);
  h.market_time[i] = static_cast<float>(shape.market_time);

  const double market = c[P::market_return] * shape.size * shock;
  const double wage = terms.wage;
  const double fees = terms.fees;

  // Inspections: each violation is detected independently; a caught household pays the
  // bribe from its savings if it can, otherwise it is detained.
  const double s = surveillance(c, h, i, party);
  double available = h.wealth[i];
  bool caught = false;
  bool detained = false;
  auto inspect = [&](double probability, double bribe, std::uint32_t draw, Event violated,
                     Event caught_event, Event paid_event, double& bribe_paid) {
    h.events[i] |= violated;
    if (detained || !bernoulli32(probability, draw)) return;
    caught = true;
    h.events[i] |= caught_event | (party ? Event::caught_as_party : 0u);
    if (available >= bribe) {
      available -= bribe;
      bribe_paid = bribe;
      h.events[i] |= paid_event;
    } else {
      detained = true;
    }
  };
  if (shape.large)
    inspect(catch_probability_large(c, shape.size, s), bribe_large(c, shape.size, party),
            draws.catch_large(), Event::violated_large, Event::caught_large,
            Event::paid_bribe_large, h.bribe_large_usd[i]);
  if (option.job == Job::absent)
    inspect(catch_probability_absence(c, s), bribe_absence(c, party), draws.catch_absence(),
            Event::violated_absence, Event::caught_absence, Event::paid_bribe_absence,
            h.bribe_absence_usd[i]);

  if (caught && party && bernoulli32(c[P::expel_if_caught], draws.expel_if_caught())) {
    change_status(h, i, StatusChange::expel_caught, t);
  }
  if (detained) {
    // No income this month or during detention; savings are confiscated.
    h.events[i] |= Event::detained_now;
    h.detained_until[i] = t + static_cast<std::int32_t>(c[P::detention_months]);
    h.ever_detained[i] = 1;
    h.market_income[i] = 0;
    h.wealth[i] = 0;
    return;
  }
  // Fees are paid only by those not detained this month.
  h.events[i] |= (option.job == Job::pay_83 ? Event::paid_83 : 0u) |
                 (option.party == PartyDuty::skip_deal ? Event::bought_skip_deal : 0u);
  h.market_income[i] = market;
  const double bribes = h.bribe_large_usd[i] + h.bribe_absence_usd[i];
  h.wealth[i] = next_wealth(c, h.wealth[i], market + wage - fees - bribes);
}
}  // namespace

void realise_income_and_enforcement(SimulationState& state, const MonthContext& c) {
  Households& h = state.households;
  const OptionTable options(c);
  // Violators are counted as integers, exact in any order, for next month's congestion.
  using Range = oneapi::tbb::blocked_range<std::size_t>;
  const std::int64_t violators = oneapi::tbb::parallel_reduce(
      Range(0, h.size(), kHouseholdGrain), std::int64_t{0},
      [&](const Range& r, std::int64_t count) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) {
          realise_income_of(h, c, options, HouseholdDraws(state.rng, i, c.month), i);
          count += (h.events[i] & (Event::violated_large | Event::violated_absence)) != 0;
        }
        return count;
      },
      std::plus<>());
  state.violators_per_1000 = 1000.0 * static_cast<double>(violators) /
                             static_cast<double>(h.size());
}

}  // namespace partysim
