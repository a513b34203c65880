// Phase 8: demography (MODEL.md section 10). A dissolved household is replaced in its slot by a
// new one: same cell, ties and songbun; new skill, risk aversion and wealth; an outsider whose
// opinion is its neighbours' mean opinion (as of last month, so the order of replacement within
// the month does not matter).
#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "rng/samplers.hpp"

namespace partysim {

void draw_traits(SimulationState& state, std::size_t i, std::int64_t month) {
  const Scenario& s = state.scenario;
  Households& h = state.households;
  const auto skill = state.rng.words(Purpose::skill, i, month);
  const auto wealth = state.rng.words(Purpose::initial_wealth, i, month);
  h.skill[i] = static_cast<float>(lognormal_median(1.0, s.real(P::skill_sigma), skill[0], skill[1]));
  h.risk_aversion[i] = static_cast<float>(
      s.real(P::risk_aversion_max) * state.rng.uniform(Purpose::risk_aversion, i, month));
  h.wealth[i] = lognormal_median(s.real(P::wealth_initial_median), s.real(P::wealth_initial_sigma),
                                 wealth[0], wealth[1]);
}

void replace_dissolved_households(SimulationState& state, const MonthContext& c) {
  Households& h = state.households;
  const double hazard = c[P::turnover_rate];
  for_each_index(h.size(), kHouseholdGrain, [&](std::size_t i) {
    if (!bernoulli(hazard, state.rng.words(Purpose::turnover, i, c.month)[0])) return;
    draw_traits(state, i, c.month);
    h.status[i] = Status::outsider;
    h.status_since[i] = c.month;
    h.member_since[i] = kNever;
    h.expelled_at[i] = kNever;
    h.detained_until[i] = kNever;
    h.ever_detained[i] = 0;
    h.opinion[i] = state.ties.neighbour_mean(i, h.opinion_last, 0.0);
    h.events[i] |= Event::replaced;
  });
}

}  // namespace partysim
