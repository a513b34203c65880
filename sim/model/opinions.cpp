// Phase 5: opinions with social learning over ties, applications and withdrawals
// (MODEL.md section 7).
#include <cmath>
#include <utility>

#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "rng/samplers.hpp"

namespace partysim {

double entry_price_for(const SimulationState& state, const MonthContext& c, std::size_t i) {
  return entry_price(c, state.cells.entry_price[state.cells.cell_of(i)],
                     state.households.songbun[i]);
}

namespace {
// Delta V without the entry price (MODEL.md section 7).
double membership_value_before_price(const Households& h, const MonthContext& c, std::size_t i) {
  const double member = h.value_member[i];
  const double outsider = h.value_outsider[i];
  const double cadre_chance = c.cadre_chance[static_cast<int>(h.songbun[i])];
  const double expulsion_hazard =
      c[P::purge_rate] + h.catch_probability_member[i] * c[P::expel_if_caught];
  return (member - outsider) + c[P::status_value] +
         cadre_chance * (c.cadre_rent - member) / 2.0 -
         (1.0 + h.risk_aversion[i]) * expulsion_hazard * h.expulsion_loss[i];
}

// The entry price counts only for those who have not paid it, spread over the horizon.
double with_entry_price(const Households& h, const MonthContext& c, std::size_t i, double value,
                        double entry_price) {
  return in_party(h.status[i]) ? value : value - entry_price / c[P::horizon_months];
}

// How many households ahead the opinion loop asks for its neighbours' opinions: the ties
// "anywhere" are random reads into an array larger than the caches at national scale.
constexpr std::size_t kPrefetchDistance = 8;
}  // namespace

double membership_value(const SimulationState& state, const MonthContext& c, std::size_t i) {
  const Households& h = state.households;
  return with_entry_price(h, c, i, membership_value_before_price(h, c, i),
                          entry_price_for(state, c, i));
}

void update_opinions_and_applications(SimulationState& state, const MonthContext& c) {
  Households& h = state.households;
  Cells& cells = state.cells;
  const int t = c.month;
  // Last month's opinions are what neighbours hear; every household writes a new one below.
  std::swap(h.opinion, h.opinion_last);

  const double peer_weight = c[P::peer_weight];
  const double review_rate = c[P::review_rate];
  const double temperature = c[P::choice_temperature];
  const double ban = c[P::reapply_ban_months];
  for_each_index(cells.size(), kCellGrain, [&](std::size_t cell) {
    int applications = 0;
    const bool recruiting = cells.recruiting[cell] != 0;
    const double cell_price = cells.entry_price[cell];
    const std::size_t end = cells.end(cell);
    for (std::size_t i = cells.first(cell); i < end; ++i) {
      if (i + kPrefetchDistance < h.size()) state.ties.prefetch(i + kPrefetchDistance, h.opinion_last);
      const double price = entry_price(c, cell_price, h.songbun[i]);
      const double own = with_entry_price(h, c, i, membership_value_before_price(h, c, i), price);
      const double peers = state.ties.neighbour_mean(i, h.opinion_last, own);
      const Status status = h.status[i];
      double opinion = (1.0 - peer_weight) * own + peer_weight * peers;
      if (recruiting && status == Status::outsider) opinion += c[P::recruit_boost];
      h.opinion[i] = opinion;

      const bool may_apply =
          status == Status::outsider || (status == Status::expelled && t - h.expelled_at[i] >= ban);
      if (may_apply && !h.detained(i, t) && h.wealth[i] >= price) {
        h.events[i] |= Event::eligible_to_apply;
        const double probability = review_rate / (1.0 + std::exp(-opinion / temperature));
        if (bernoulli(probability, state.rng.words(Purpose::apply, i, t)[0])) {
          h.status[i] = Status::applicant;
          h.status_since[i] = t;
          h.events[i] |= Event::applied;
          ++applications;
        }
      } else if ((status == Status::applicant || status == Status::candidate) && opinion < 0 &&
                 bernoulli(review_rate, state.rng.words(Purpose::withdraw, i, t)[0])) {
        h.status[i] = Status::outsider;
        h.status_since[i] = t;
        h.events[i] |= Event::withdrew;
      }
    }
    cells.window(cell)[t % kDemandWindowMonths] = applications;
  });
}

}  // namespace partysim
