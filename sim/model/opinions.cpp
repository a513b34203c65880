// Phase 6: opinions with social learning over ties, applications and withdrawals
// (docs/ODD.md section 7.6).
#include <algorithm>
#include <cmath>
#include <utility>

#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "model/status_changes.hpp"
#include "rng/household_draws.hpp"

namespace partysim {

double entry_price_for(const SimulationState& state, const MonthContext& c, std::size_t i) {
  return entry_price(c, state.cells.entry_price[state.cells.cell_of(i)],
                     state.households.songbun[i]);
}

namespace {
// Delta V without the entry price (docs/ODD.md section 7.6 and its choice 13, v2). Each loss is
// counted once: the expulsion after a catch is already a cost of the member options (V_mem, phase
// 2); here only the purge adds its expected loss, purge_rate x L_expel a month. The purge also
// ends membership early, so status and the cadre chance count for the expected share f of the
// horizon before a purge (tenure_share).
double membership_value_before_price(const Households& h, const MonthContext& c, std::size_t i) {
  const double member = h.value_member[i];
  const double outsider = h.value_outsider[i];
  const double cadre_chance = c.cadre_chance[static_cast<int>(h.songbun[i])];
  const double rewards = c[P::status_value] + cadre_chance * (c.cadre_rent - member) / 2.0;
  return (member - outsider) + c.tenure_share * rewards - c[P::purge_rate] * h.expulsion_loss[i];
}

// The entry price counts only for those who have not paid it, spread over the horizon.
double with_entry_price(const Households& h, const MonthContext& c, std::size_t i, double value,
                        double entry_price) {
  return in_party(h.status[i]) ? value : value - entry_price / c[P::horizon_months];
}

// The local norm ("absolutely don't join"): with k = norm_pressure, a pull of k x (n - 1/2), n
// the share of ties with a negative opinion last month, so that opinion can tip once most of a
// household's circle is against joining. It fades as exp(-max(own, 0) / k) with the household's
// own private value, so the norm cannot override a strongly positive value of membership: where
// markets fall back and membership pays again, households return (bounded pressure, not lock-in,
// for k up to about $30 a month; above, demand stays out even with markets at $5: docs/ODD.md,
// "A norm that tips").
// k = 0 is v1's pure averaging, and the neighbours are not read.
template <class NegativeShare>
double norm_pull(double k, double own, NegativeShare negative_share) {
  if (k <= 0) return 0.0;
  return k * (negative_share() - 0.5) * std::exp(-std::max(own, 0.0) / k);
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

namespace {
// Returns whether household i applied.
bool update_opinion_of(SimulationState& state, const MonthContext& c, const HouseholdDraws& draws,
                       std::size_t cell, std::size_t i) {
  Households& h = state.households;
  const int t = c.month;
  if (i + kPrefetchDistance < h.size()) state.ties.prefetch(i + kPrefetchDistance, h.opinion_last);
  const double price = entry_price(c, state.cells.entry_price[cell], h.songbun[i]);
  const double own = with_entry_price(h, c, i, membership_value_before_price(h, c, i), price);
  const double peers = state.ties.neighbour_mean(i, h.opinion_last, own);
  const Status status = h.status[i];
  const double peer_weight = c[P::peer_weight];
  double opinion = (1.0 - peer_weight) * own + peer_weight * peers;
  opinion -= norm_pull(c[P::norm_pressure], own, [&] {
    return state.ties.neighbour_negative_share(i, h.opinion_last, own < 0 ? 1.0 : 0.0);
  });
  if (state.cells.recruiting[cell] != 0 && status == Status::outsider)
    opinion += c[P::recruit_boost];
  h.opinion[i] = opinion;

  const double review_rate = c[P::review_rate];
  const bool may_apply =
      status == Status::outsider ||
      (status == Status::expelled && t - h.expelled_at[i] >= c[P::reapply_ban_months]);
  if (may_apply && !h.detained(i, t) && h.wealth[i] >= price) {
    h.events[i] |= Event::eligible_to_apply;
    // The probability is review_rate x logistic(o / tau) <= review_rate, so a draw that fails
    // review_rate fails it too: the exp is needed only for the few that pass (same outcome).
    const std::uint32_t draw = draws.apply_or_withdraw();
    if (!bernoulli32(review_rate, draw)) return false;
    const double probability =
        review_rate / (1.0 + std::exp(-opinion / c[P::choice_temperature]));
    if (!bernoulli32(probability, draw)) return false;
    change_status(h, i, StatusChange::apply, t);
    return true;
  }
  if ((status == Status::applicant || status == Status::candidate) && opinion < 0 &&
      bernoulli32(review_rate, draws.apply_or_withdraw())) {
    change_status(h, i, StatusChange::withdraw, t);
  }
  return false;
}
}  // namespace

void update_opinions_and_applications(SimulationState& state, const MonthContext& c) {
  // Last month's opinions are what neighbours hear; every household writes a new one below.
  std::swap(state.households.opinion, state.households.opinion_last);
  for_each_index(state.cells.size(), kCellGrain, [&](std::size_t cell) {
    int applications = 0;
    for (std::size_t i = state.cells.first(cell); i < state.cells.end(cell); ++i)
      applications += update_opinion_of(state, c, HouseholdDraws(state.rng, i, c.month), cell, i);
    state.cells.window(cell)[c.month % kDemandWindowMonths] = applications;
  });
}

}  // namespace partysim
