#include "model/month_context.hpp"

#include <algorithm>
#include <cmath>

#include "model/phases.hpp"

namespace partysim {

MonthContext MonthContext::at(const Scenario& scenario, int month, double violators_per_1000,
                              const std::array<double, kSongbunCount>& promotion_rate) {
  MonthContext c;
  c.month = month;
  c.calendar_month = scenario.first_month() + month;
  for (std::size_t i = 0; i < kParamCount; ++i)
    c.value[i] = scenario.schedule(static_cast<ParamId>(i)).at(c.calendar_month);

  // Congestion (Epstein 2002): the more households break the rules, the smaller each one's risk.
  const double exponent = c[P::congestion_exponent];
  c.congestion = exponent == 0 ? 1.0
                               : std::pow(c[P::congestion_reference] /
                                              std::max(violators_per_1000, 1.0),
                                          exponent);
  c.cadre_rent = c[P::cadre_rent_base] + c[P::cadre_rent_market_share] * c[P::market_return];
  c.entry_multiplier = {c[P::entry_price_multiplier_core], c[P::entry_price_multiplier_wavering],
                        c[P::entry_price_multiplier_hostile]};
  c.cadre_weight = {c[P::cadre_songbun_weight_core], c[P::cadre_songbun_weight_wavering],
                    c[P::cadre_songbun_weight_hostile]};
  c.bribe_multiple = {1.0, c[P::bribe_member_multiplier]};
  c.surveillance_floor = {1.0, std::max(1.0, c[P::surveillance_member])};
  const double horizon = c[P::horizon_months];
  for (int s = 0; s < kSongbunCount; ++s)
    c.cadre_chance[s] = 1.0 - std::pow(1.0 - std::clamp(promotion_rate[s], 0.0, 1.0), horizon);
  // f = (1 - (1 - pi)^H) / (pi H): the mean share of the next H months before a purge at the
  // monthly rate pi (1 without purges), which shortens membership's status and cadre chance.
  const double purge = c[P::purge_rate];
  c.tenure_share = purge > 0 ? (1.0 - std::pow(1.0 - purge, horizon)) / (purge * horizon) : 1.0;
  return c;
}

// Phase 1: the month's policy, from the schedules and what the state remembers of the past.
MonthContext policy_at(const SimulationState& state, int month) {
  return MonthContext::at(state.scenario, month, state.violators_per_1000,
                          state.promotion_history.monthly_rate());
}

}  // namespace partysim
