// Phase 9: observation. The month is reduced to one record of named measures (measures.def).
// Sums run over cells with oneTBB's deterministic reduction, whose split does not depend on the
// number of threads, so floating-point sums are identical for any thread count.
#include <array>
#include <cstdint>
#include <oneapi/tbb/parallel_reduce.h>

#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "model/work_options.hpp"

namespace partysim {

namespace {
enum Tally : int {
  // status counts, in Status order
  n_outsider, n_applicant, n_candidate, n_member, n_cadre, n_expelled,
  n_detained, n_applied, n_admitted, n_withdrew, n_dropped, n_promoted_member, n_promoted_cadre,
  n_retired, n_purged, n_expelled_caught, n_replaced, entry_paid_sum,
  n_violators_large, n_violators_absence, n_violators_any, n_caught_large, n_caught_absence,
  n_bribe_large_party, sum_bribe_large_party, n_bribe_large_other, sum_bribe_large_other,
  n_bribe_absence_party, sum_bribe_absence_party, n_bribe_absence_other, sum_bribe_absence_other,
  n_detentions, n_skip_deals,
  n_working_party, sum_income_party, sum_time_party,
  n_working_other, sum_income_other, sum_time_other,
  n_large_party, n_working, n_paid_83, n_absent,
  sum_opinion, n_opinion_negative,
  sum_wealth, sum_wealth_party, sum_wealth_other, sum_wealth_cadre,
  // cells
  sum_price, sum_secretary_income, sum_secretary_smoothed, sum_secretary_entry, n_recruiting,
  n_selling_skips,
  kTallyCount
};
enum SongbunTally : int {
  s_households, s_applied, s_eligible, s_admitted, s_entry_paid, s_quoted_price, s_party,
  s_caught, s_promoted_cadre, s_opinion, kSongbunTallyCount
};

struct Tallies {
  std::array<double, kTallyCount> total{};
  std::array<std::array<double, kSongbunTallyCount>, kSongbunCount> songbun{};

  void add(const Tallies& o) {
    for (int k = 0; k < kTallyCount; ++k) total[k] += o.total[k];
    for (int s = 0; s < kSongbunCount; ++s)
      for (int k = 0; k < kSongbunTallyCount; ++k) songbun[s][k] += o.songbun[s][k];
  }
};

double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : kNoValue;
}

// Events that any sum below counts, other than the common ones (violations, eligibility, 8.3
// fees, skip deals).
constexpr std::uint32_t kRareEvents =
    Event::applied | Event::admitted | Event::withdrew | Event::dropped_unpaid |
    Event::promoted_member | Event::promoted_cadre | Event::retired_cadre | Event::purged |
    Event::expelled_caught | Event::replaced | Event::caught_large | Event::caught_absence |
    Event::paid_bribe_large | Event::paid_bribe_absence | Event::detained_now;

void tally_cell(const SimulationState& state, const MonthContext& c, std::size_t cell, Tallies& t) {
  const Households& h = state.households;
  const Cells& cells = state.cells;
  auto& T = t.total;
  T[sum_price] += cells.entry_price[cell];
  T[sum_secretary_income] += cells.income[cell];
  T[sum_secretary_smoothed] += cells.smoothed_income[cell];
  T[sum_secretary_entry] += cells.entry_income[cell];
  T[n_recruiting] += cells.recruiting[cell];
  T[n_selling_skips] += cells.selling_skips[cell];

  // Counts are integers, exact in any order: they are kept as integers in `n` and `ns` and added
  // to the totals once per cell. Amounts are added household by household in the same order as
  // ever, into running sums held in local variables rather than in the tally arrays.
  std::array<std::int64_t, kTallyCount> n{};
  std::array<std::array<std::int64_t, kSongbunTallyCount>, kSongbunCount> ns{};
  double income_sum[2] = {T[sum_income_other], T[sum_income_party]};  // by Party duties
  double time_sum[2] = {T[sum_time_other], T[sum_time_party]};
  double opinion_sum = T[sum_opinion];
  double wealth_sum = T[sum_wealth];
  const double cell_price = cells.entry_price[cell];
  const std::size_t end = cells.end(cell);
  for (std::size_t i = cells.first(cell); i < end; ++i) {
    const Status status = h.status[i];
    const std::uint32_t e = h.events[i];
    const int songbun = static_cast<int>(h.songbun[i]);
    auto& S = t.songbun[songbun];
    auto& nS = ns[songbun];
    const bool party = in_party(status);
    n[static_cast<int>(status)] += 1;
    n[n_detained] += h.detained(i, c.month);
    n[n_violators_large] += (e & Event::violated_large) != 0;
    n[n_violators_absence] += (e & Event::violated_absence) != 0;
    n[n_violators_any] += (e & (Event::violated_large | Event::violated_absence)) != 0;
    // Most households have none of these events in a month; skipping what would add 0 leaves
    // every sum as it was.
    if (e & kRareEvents) {
      n[n_applied] += (e & Event::applied) != 0;
      n[n_admitted] += (e & Event::admitted) != 0;
      n[n_withdrew] += (e & Event::withdrew) != 0;
      n[n_dropped] += (e & Event::dropped_unpaid) != 0;
      n[n_promoted_member] += (e & Event::promoted_member) != 0;
      n[n_promoted_cadre] += (e & Event::promoted_cadre) != 0;
      n[n_retired] += (e & Event::retired_cadre) != 0;
      n[n_purged] += (e & Event::purged) != 0;
      n[n_expelled_caught] += (e & Event::expelled_caught) != 0;
      n[n_replaced] += (e & Event::replaced) != 0;
      T[entry_paid_sum] += h.entry_paid_usd[i];
      n[n_caught_large] += (e & Event::caught_large) != 0;
      n[n_caught_absence] += (e & Event::caught_absence) != 0;
      // Bribes are classed by the status at the catch (a member expelled for it paid as a member).
      const bool paid_as_party = (e & Event::caught_as_party) != 0;
      if (e & Event::paid_bribe_large) {
        n[paid_as_party ? n_bribe_large_party : n_bribe_large_other] += 1;
        T[paid_as_party ? sum_bribe_large_party : sum_bribe_large_other] += h.bribe_large_usd[i];
      }
      if (e & Event::paid_bribe_absence) {
        n[paid_as_party ? n_bribe_absence_party : n_bribe_absence_other] += 1;
        T[paid_as_party ? sum_bribe_absence_party : sum_bribe_absence_other] +=
            h.bribe_absence_usd[i];
      }
      n[n_detentions] += (e & Event::detained_now) != 0;
      nS[s_applied] += (e & Event::applied) != 0;
      nS[s_admitted] += (e & Event::admitted) != 0;
      S[s_entry_paid] += h.entry_paid_usd[i];
      nS[s_caught] += ((e & Event::caught_large) != 0) + ((e & Event::caught_absence) != 0);
      nS[s_promoted_cadre] += (e & Event::promoted_cadre) != 0;
    }
    n[n_skip_deals] += (e & Event::bought_skip_deal) != 0;

    const std::uint8_t code = h.work_option[i];
    const bool duties = WorkOption::decode(code).party != PartyDuty::none;
    // Large traders by the option they chose (whether or not they were caught and detained).
    n[n_large_party] += ((e & Event::violated_large) != 0) & duties;
    if (worked_this_month(code, e)) {
      // Classed by the option chosen this month, i.e. by the status when working.
      n[n_working] += 1;
      n[duties ? n_working_party : n_working_other] += 1;
      income_sum[duties] += h.market_income[i];
      time_sum[duties] += h.market_time[i];
      n[n_paid_83] += (e & Event::paid_83) != 0;
      n[n_absent] += WorkOption::decode(code).job == Job::absent;
    }
    opinion_sum += h.opinion[i];
    n[n_opinion_negative] += h.opinion[i] < 0;
    wealth_sum += h.wealth[i];
    if (status == Status::cadre)
      T[sum_wealth_cadre] += h.wealth[i];
    else
      T[owes_party_duties(status) ? sum_wealth_party : sum_wealth_other] += h.wealth[i];

    nS[s_households] += 1;
    nS[s_eligible] += (e & Event::eligible_to_apply) != 0;
    S[s_quoted_price] += entry_price(c, cell_price, h.songbun[i]);
    nS[s_party] += party;
    S[s_opinion] += h.opinion[i];
  }
  T[sum_income_other] = income_sum[0];
  T[sum_income_party] = income_sum[1];
  T[sum_time_other] = time_sum[0];
  T[sum_time_party] = time_sum[1];
  T[sum_opinion] = opinion_sum;
  T[sum_wealth] = wealth_sum;
  for (int k = 0; k < kTallyCount; ++k) T[k] += static_cast<double>(n[k]);
  for (int s = 0; s < kSongbunCount; ++s)
    for (int k = 0; k < kSongbunTallyCount; ++k)
      t.songbun[s][k] += static_cast<double>(ns[s][k]);
}
}  // namespace

MonthRecord observe(const SimulationState& state, const MonthContext& c) {
  using Range = oneapi::tbb::blocked_range<std::size_t>;
  const Tallies t = oneapi::tbb::parallel_deterministic_reduce(
      Range(0, state.cells.size(), kCellGrain), Tallies{},
      [&](const Range& r, Tallies acc) {
        for (std::size_t cell = r.begin(); cell != r.end(); ++cell) tally_cell(state, c, cell, acc);
        return acc;
      },
      [](Tallies a, const Tallies& b) {
        a.add(b);
        return a;
      });
  const auto& T = t.total;
  const double n = static_cast<double>(state.households.size());
  const double cells = static_cast<double>(state.cells.size());
  const double party = T[n_candidate] + T[n_member] + T[n_cadre];
  const double bribes_party_n = T[n_bribe_large_party] + T[n_bribe_absence_party];
  const double bribes_other_n = T[n_bribe_large_other] + T[n_bribe_absence_other];
  const double bribes_party_sum = T[sum_bribe_large_party] + T[sum_bribe_absence_party];
  const double bribes_other_sum = T[sum_bribe_large_other] + T[sum_bribe_absence_other];

  MonthRecord r;
  r.calendar_month = c.calendar_month;
  using M = Measure;
  r[M::households] = n;
  r[M::outsiders] = T[n_outsider];
  r[M::applicants] = T[n_applicant];
  r[M::candidates] = T[n_candidate];
  r[M::members] = T[n_member];
  r[M::cadres] = T[n_cadre];
  r[M::expelled] = T[n_expelled];
  r[M::detained] = T[n_detained];
  r[M::member_share] = ratio(party, n);
  r[M::applications] = T[n_applied];
  r[M::admissions] = T[n_admitted];
  r[M::withdrawals] = T[n_withdrew];
  r[M::dropped_unpaid] = T[n_dropped];
  r[M::promotions_member] = T[n_promoted_member];
  r[M::promotions_cadre] = T[n_promoted_cadre];
  r[M::retirements_cadre] = T[n_retired];
  r[M::purges] = T[n_purged];
  r[M::expulsions_caught] = T[n_expelled_caught];
  r[M::replacements] = T[n_replaced];
  r[M::entry_price_quoted_mean_usd] = ratio(T[sum_price], cells);
  r[M::entry_price_paid_mean_usd] = ratio(T[entry_paid_sum], T[n_admitted]);
  r[M::entry_bribes_paid_total_usd] = T[entry_paid_sum];
  r[M::secretary_income_mean_usd] = ratio(T[sum_secretary_income], cells);
  r[M::secretary_income_smoothed_mean_usd] = ratio(T[sum_secretary_smoothed], cells);
  r[M::secretary_entry_income_mean_usd] = ratio(T[sum_secretary_entry], cells);
  r[M::secretary_entry_income_total_usd] = T[sum_secretary_entry];
  r[M::secretaries_recruiting_share] = ratio(T[n_recruiting], cells);
  r[M::secretaries_selling_skips_share] = ratio(T[n_selling_skips], cells);
  r[M::skip_deals] = T[n_skip_deals];
  r[M::violators_large] = T[n_violators_large];
  r[M::violators_absent] = T[n_violators_absence];
  r[M::violators_per_1000] = ratio(1000.0 * T[n_violators_any], n);
  r[M::catches] = T[n_caught_large] + T[n_caught_absence];
  r[M::catches_large] = T[n_caught_large];
  r[M::catches_absence] = T[n_caught_absence];
  r[M::bribes_member] = bribes_party_n;
  r[M::bribes_other] = bribes_other_n;
  r[M::bribes_large_member] = T[n_bribe_large_party];
  r[M::bribes_large_other] = T[n_bribe_large_other];
  r[M::bribes_absence_member] = T[n_bribe_absence_party];
  r[M::bribes_absence_other] = T[n_bribe_absence_other];
  r[M::bribes_total_member_usd] = bribes_party_sum;
  r[M::bribes_total_other_usd] = bribes_other_sum;
  r[M::bribe_mean_member_usd] = ratio(bribes_party_sum, bribes_party_n);
  r[M::bribe_mean_other_usd] = ratio(bribes_other_sum, bribes_other_n);
  r[M::bribe_mean_large_member_usd] = ratio(T[sum_bribe_large_party], T[n_bribe_large_party]);
  r[M::bribe_mean_large_other_usd] = ratio(T[sum_bribe_large_other], T[n_bribe_large_other]);
  r[M::bribe_mean_absence_member_usd] = ratio(T[sum_bribe_absence_party], T[n_bribe_absence_party]);
  r[M::bribe_mean_absence_other_usd] = ratio(T[sum_bribe_absence_other], T[n_bribe_absence_other]);
  r[M::detentions] = T[n_detentions];
  r[M::market_return_usd] = c[P::market_return];
  r[M::market_income_mean_member_usd] = ratio(T[sum_income_party], T[n_working_party]);
  r[M::market_income_mean_outsider_usd] = ratio(T[sum_income_other], T[n_working_other]);
  r[M::market_time_mean_member] = ratio(T[sum_time_party], T[n_working_party]);
  r[M::market_time_mean_outsider] = ratio(T[sum_time_other], T[n_working_other]);
  r[M::large_traders] = T[n_violators_large];
  r[M::member_share_large_traders] = ratio(T[n_large_party], T[n_violators_large]);
  r[M::pay_83_share] = ratio(T[n_paid_83], T[n_working]);
  r[M::absent_share] = ratio(T[n_absent], T[n_working]);
  r[M::opinion_mean_usd] = ratio(T[sum_opinion], n);
  r[M::opinion_negative_share] = ratio(T[n_opinion_negative], n);
  r[M::wealth_mean_usd] = ratio(T[sum_wealth], n);
  r[M::wealth_mean_member_usd] = ratio(T[sum_wealth_party], T[n_candidate] + T[n_member]);
  r[M::wealth_mean_outsider_usd] =
      ratio(T[sum_wealth_other], T[n_outsider] + T[n_applicant] + T[n_expelled]);
  r[M::wealth_mean_cadre_usd] = ratio(T[sum_wealth_cadre], T[n_cadre]);

  using SM = SongbunMeasure;
  for (int s = 0; s < kSongbunCount; ++s) {
    const auto& S = t.songbun[s];
    const auto songbun = static_cast<Songbun>(s);
    r.at(songbun, SM::households) = S[s_households];
    r.at(songbun, SM::applications) = S[s_applied];
    r.at(songbun, SM::applications_per_1000_eligible) = ratio(1000.0 * S[s_applied], S[s_eligible]);
    r.at(songbun, SM::admissions) = S[s_admitted];
    r.at(songbun, SM::entry_price_paid_mean_usd) = ratio(S[s_entry_paid], S[s_admitted]);
    r.at(songbun, SM::entry_price_quoted_mean_usd) = ratio(S[s_quoted_price], S[s_households]);
    r.at(songbun, SM::member_share) = ratio(S[s_party], S[s_households]);
    r.at(songbun, SM::inspections_per_1000) = ratio(1000.0 * S[s_caught], S[s_households]);
    r.at(songbun, SM::promotions_cadre) = S[s_promoted_cadre];
    r.at(songbun, SM::opinion_mean_usd) = ratio(S[s_opinion], S[s_households]);
  }
  return r;
}

}  // namespace partysim
