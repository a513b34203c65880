// Every measure of the month's record (measures.def) and of the songbun record
// (songbun_measures.def) recounted from the households and cells after each month, by definitions
// written out here from the measures' meanings rather than taken from their reducers (the last
// argument of each declaration) or from observation.cpp; among them the measures behind patterns
// P4-P6 (market income and large traders by Party status, the songbun breakdown of applications,
// admissions and prices, catches and bribes by Party status), with each bribe also recomputed from
// its violation. The state after step() is what observation saw, since
// observation is the last phase.
#include <catch2/catch.hpp>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/work_options.hpp"
#include "test_support.hpp"

using namespace partysim;
using M = Measure;
using SM = SongbunMeasure;

namespace {
// A scenario in which, at 6,000 households over 36 months, every group the measures split is seen
// (the test fails on any measure that is 0 or empty in every month): Party and other households
// caught for large businesses and for absence (detection 0.05 a month; a member multiplier of 1.5
// and rare expulsions after a catch, 0.02, so that members still trade large and go absent), 8.3
// payers among members and others (fee $15, members pay 0.3 of it), purges (0.01 a month),
// admissions, withdrawals and applicants dropped for want of the price (a status value of 10
// keeps opinions near zero), candidacies completed within the run. Hostile members are drawn for
// cadre posts with core's weight (1, not 0.02), so that the songbun record's cadre promotions are
// seen in every class.
// Traders are shaken down at 0.1 a month (times their surveillance). The market return is
// constant so that bribes can be recomputed from the parameters.
constexpr double kMarketReturn = 25;
Scenario busy(const std::string& seed) {
  return test::scenario_with({{"households", "6000"},
                              {"months", "36"},
                              {"seed", seed},
                              {"market.market_return", "25"},
                              {"enforcement.crackdown_rate", "0.05"},
                              {"enforcement.absence_detection", "0.05"},
                              {"enforcement.bribe_member_multiplier", "1.5"},
                              {"enforcement.expel_if_caught", "0.02"},
                              {"work.fee_83", "15"},
                              {"work.fee_83_member_multiplier", "0.3"},
                              {"purges.purge_rate", "0.01"},
                              {"opinion.status_value", "10"},
                              {"enforcement.extortion_rate", "0.1"},
                              {"cadres.cadre_songbun_weight_hostile", "1"}});
}

// Whether household i was a candidate or member when it chose its work this month (phase 2), from
// its status at the end of the month and the events that changed it since; unknown (-1) when the
// events do not tell (a withdrawal may have been an applicant's or a candidate's; a replaced
// household's past is gone).
int party_when_working(const Households& h, std::size_t i) {
  const std::uint32_t e = h.events[i];
  if (e & (Event::replaced | Event::withdrew)) return -1;
  switch (h.status[i]) {
    case Status::candidate: return (e & Event::admitted) ? 0 : 1;  // admitted after working
    case Status::member: return (e & Event::retired_cadre) ? 0 : 1;  // a retired cadre did not trade
    case Status::cadre: return (e & Event::promoted_cadre) ? 1 : 0;
    case Status::expelled: return (e & (Event::purged | Event::expelled_caught)) ? 1 : 0;
    default: return 0;  // outsiders (dropped applicants included) and applicants
  }
}

// Sums over households of a group; mean() is a mean over nobody -> no value.
struct Sum {
  double n = 0, total = 0;
  void add(double x) { n += 1, total += x; }
  double mean() const { return n > 0 ? total / n : kNoValue; }
};
double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : kNoValue;
}

// The recount of one month: a value (or no value, a mean over nobody) for each measure of both
// records. A measure without one is unset, and the test fails on it, so a measure added to
// measures.def or songbun_measures.def cannot go unchecked.
struct Recount {
  std::array<std::optional<double>, kMeasureCount> values;
  std::array<std::array<std::optional<double>, kSongbunMeasureCount>, kSongbunCount> by_songbun;
  void set(M m, double value) { values[static_cast<int>(m)] = value; }
  void set(int songbun, SM m, double value) { by_songbun[songbun][static_cast<int>(m)] = value; }
};

// Counts must match exactly; sums and means loosely (they were made in another order): both empty
// or both values.
bool is_count(std::string_view unit) {
  return unit == "households" || unit == "count/month";
}
void check_measure(double recorded, const std::optional<double>& recounted, std::string_view name,
                   std::string_view unit) {
  INFO(name << ": recorded " << recorded << ", recounted "
            << (recounted ? std::to_string(*recounted) : std::string("(no recount)")));
  REQUIRE(recounted.has_value());
  CHECK(std::isnan(recorded) == std::isnan(*recounted));
  if (std::isnan(*recounted)) return;
  if (is_count(unit))
    CHECK(recorded == *recounted);
  else
    CHECK(recorded == Approx(*recounted).epsilon(1e-12).margin(1e-9));
}
}  // namespace

TEST_CASE("every measure of the month's record agrees with a recount made directly from the households",
          "[observation]") {
  const Scenario scenario = busy("21");
  Simulation sim(scenario);
  const double legal = scenario.real(P::legal_size);
  const double mu = scenario.real(P::bribe_member_multiplier);
  const std::array<double, kSongbunCount> multiplier = {
      scenario.real(P::entry_price_multiplier_core), scenario.real(P::entry_price_multiplier_wavering),
      scenario.real(P::entry_price_multiplier_hostile)};
  // Over the run, each measure must have been recounted as a value other than 0 at least once
  // (so each group it counts or averages over was non-empty), or its check proved nothing.
  std::array<bool, kMeasureCount> seen{};
  std::array<std::array<bool, kSongbunMeasureCount>, kSongbunCount> seen_songbun{};
  std::array<double, 2> seen_paid_83{};  // 8.3 payer-months by Party duties

  while (!sim.done()) {
    const MonthRecord r = sim.step();
    const Households& h = sim.state().households;
    const Cells& cells = sim.state().cells;
    const int t = sim.state().month - 1;  // the month just simulated
    INFO("month " << t);
    std::array<double, kStatusCount> by_status{};
    double detained = 0, violators_absence = 0, violators_any = 0, negative = 0, detentions = 0, skip_deals = 0;
    double applied = 0, withdrew = 0, dropped = 0, promoted_member = 0, retired = 0, purged = 0;
    double expelled_caught = 0, replaced_n = 0;
    Sum opinion, wealth, wealth_party, wealth_other, wealth_cadre;
    Sum income_party, income_other, time_party, time_other;
    double large = 0, large_party = 0, working = 0, paid_83 = 0, absent = 0;
    double caught_large = 0, caught_absence = 0;
    Sum bribe_large_party, bribe_large_other, bribe_absence_party, bribe_absence_other;
    Sum entry_paid, shakedown_party, shakedown_other;
    std::array<double, kSongbunCount> households{}, applied_s{}, eligible{}, quoted{}, party_s{},
        caught_s{}, promoted_s{};
    std::array<Sum, kSongbunCount> paid_s, opinion_s;
    for (std::size_t i = 0; i < h.size(); ++i) {
      const std::uint32_t e = h.events[i];
      const Status status = h.status[i];
      const std::uint8_t code = h.work_option[i];
      const bool trades = code != kNoWork && code != kCadreWork;
      const int party = party_when_working(h, i);
      // The work option a household took must be the one of its status: Party duties for
      // candidates and members, none for others.
      if (trades && party >= 0) {
        INFO("household " << i);
        CHECK((WorkOption::decode(code).party != PartyDuty::none) == (party == 1));
      }
      const bool duties = trades && WorkOption::decode(code).party != PartyDuty::none;
      const int s = static_cast<int>(h.songbun[i]);

      // States at the end of the month.
      by_status[static_cast<int>(status)] += 1;
      detained += t < h.detained_until[i];
      opinion.add(h.opinion[i]);
      negative += h.opinion[i] < 0;
      wealth.add(h.wealth[i]);
      if (status == Status::candidate || status == Status::member) wealth_party.add(h.wealth[i]);
      if (status == Status::cadre) wealth_cadre.add(h.wealth[i]);
      if (status == Status::outsider || status == Status::applicant || status == Status::expelled)
        wealth_other.add(h.wealth[i]);

      // Membership events.
      applied += (e & Event::applied) != 0;
      withdrew += (e & Event::withdrew) != 0;
      dropped += (e & Event::dropped_unpaid) != 0;
      promoted_member += (e & Event::promoted_member) != 0;
      retired += (e & Event::retired_cadre) != 0;
      purged += (e & Event::purged) != 0;
      expelled_caught += (e & Event::expelled_caught) != 0;
      replaced_n += (e & Event::replaced) != 0;
      skip_deals += (e & Event::bought_skip_deal) != 0;
      detentions += (e & Event::detained_now) != 0;

      // P4: market income and time of working households, large traders.
      if (trades && !(e & Event::detained_now)) {
        (duties ? income_party : income_other).add(h.market_income[i]);
        (duties ? time_party : time_other).add(h.market_time[i]);
        working += 1;
        paid_83 += (e & Event::paid_83) != 0;
        seen_paid_83[duties] += (e & Event::paid_83) != 0;
        absent += WorkOption::decode(code).job == Job::absent;
      }
      if (e & Event::violated_large) {
        large += 1;
        large_party += duties;
      }
      violators_absence += (e & Event::violated_absence) != 0;
      violators_any += (e & (Event::violated_large | Event::violated_absence)) != 0;

      // P6: catches, and each bribe paid, recomputed from its violation: B_large =
      // bribe_large_months x A x (v / legal_size)^beta x mu, B_absence = bribe_absence_months x A
      // x mu, mu = bribe_member_multiplier for Party households and 1 for others.
      const bool caught_as_party = (e & Event::caught_as_party) != 0;
      if (e & (Event::caught_large | Event::caught_absence)) {
        INFO("household " << i << " caught");
        CHECK(trades);
        CHECK(caught_as_party == duties);
      }
      caught_large += (e & Event::caught_large) != 0;
      caught_absence += (e & Event::caught_absence) != 0;
      caught_s[s] += ((e & Event::caught_large) != 0) + ((e & Event::caught_absence) != 0);
      const double factor = duties ? mu : 1.0;
      // (A household replaced this month has the new household's skill: its bribe is only summed.)
      const bool replaced = (e & Event::replaced) != 0;
      if ((e & Event::paid_bribe_large) && !replaced) {
        const WorkOption option = WorkOption::decode(code);
        const double m = 1 - scenario.real(P::job_time) * (option.job == Job::attend) -
                         scenario.real(P::party_time) * (option.party == PartyDuty::attend);
        const double v = h.skill[i] * m;  // a caught business is large, so never capped
        const double bribe = scenario.real(P::bribe_large_months) * kMarketReturn *
                             std::pow(v / legal, scenario.real(P::bribe_size_exponent)) * factor;
        INFO("household " << i << ": size " << v << ", Party " << duties);
        CHECK(v > legal);
        CHECK(h.bribe_large_usd[i] == Approx(bribe).epsilon(1e-6));
      }
      if (e & Event::paid_bribe_large)
        (duties ? bribe_large_party : bribe_large_other).add(h.bribe_large_usd[i]);
      if (e & Event::paid_bribe_absence) {
        const double bribe = scenario.real(P::bribe_absence_months) * kMarketReturn * factor;
        CHECK(h.bribe_absence_usd[i] == Approx(bribe).epsilon(1e-12));
        (duties ? bribe_absence_party : bribe_absence_other).add(h.bribe_absence_usd[i]);
      }

      // Shakedowns, each bribe recomputed: extortion_months x A x v x mu, or what the household
      // had left (the rest is waived).
      if (e & Event::shaken_down) {
        INFO("household " << i << " shaken down");
        CHECK(trades);
        CHECK(h.market_time[i] > 0);
        if (!replaced) {
          const WorkOption option = WorkOption::decode(code);
          const double v = std::min(h.skill[i] * static_cast<double>(h.market_time[i]),
                                    option.capped ? legal : 1e300);
          const double bribe = scenario.real(P::extortion_months) * kMarketReturn * v * factor;
          CHECK(h.extortion_paid_usd[i] <= bribe * (1 + 1e-6));
          if (h.wealth[i] > 0) CHECK(h.extortion_paid_usd[i] == Approx(bribe).epsilon(1e-6));
        }
        (duties ? shakedown_party : shakedown_other).add(h.extortion_paid_usd[i]);
      }

      // P5: by songbun.
      households[s] += 1;
      applied_s[s] += (e & Event::applied) != 0;
      eligible[s] += (e & Event::eligible_to_apply) != 0;
      quoted[s] += cells.entry_price[cells.cell_of(i)] * multiplier[s];
      party_s[s] += in_party(status);
      promoted_s[s] += (e & Event::promoted_cadre) != 0;
      opinion_s[s].add(h.opinion[i]);
      if (e & Event::admitted) {
        entry_paid.add(h.entry_paid_usd[i]);
        paid_s[s].add(h.entry_paid_usd[i]);
      }
    }
    // Secretaries, one per cell.
    Sum price, income, smoothed, entry_income, recruiting, selling_skips;
    for (std::size_t cell = 0; cell < cells.size(); ++cell) {
      price.add(cells.entry_price[cell]);
      income.add(cells.income[cell]);
      smoothed.add(cells.smoothed_income[cell]);
      entry_income.add(cells.entry_income[cell]);
      recruiting.add(cells.recruiting[cell] != 0);
      selling_skips.add(cells.selling_skips[cell] != 0);
    }

    const double n = static_cast<double>(h.size());
    auto count_of = [&](Status s) { return by_status[static_cast<int>(s)]; };
    const double party_n = count_of(Status::candidate) + count_of(Status::member) + count_of(Status::cadre);
    Recount x;
    x.set(M::households, n);
    x.set(M::outsiders, count_of(Status::outsider));
    x.set(M::applicants, count_of(Status::applicant));
    x.set(M::candidates, count_of(Status::candidate));
    x.set(M::members, count_of(Status::member));
    x.set(M::cadres, count_of(Status::cadre));
    x.set(M::expelled, count_of(Status::expelled));
    x.set(M::detained, detained);
    x.set(M::member_share, party_n / n);
    x.set(M::applications, applied);
    x.set(M::admissions, entry_paid.n);
    x.set(M::withdrawals, withdrew);
    x.set(M::dropped_unpaid, dropped);
    x.set(M::promotions_member, promoted_member);
    x.set(M::promotions_cadre, promoted_s[0] + promoted_s[1] + promoted_s[2]);
    x.set(M::retirements_cadre, retired);
    x.set(M::purges, purged);
    x.set(M::expulsions_caught, expelled_caught);
    x.set(M::replacements, replaced_n);
    x.set(M::entry_price_quoted_mean_usd, price.mean());
    x.set(M::entry_price_paid_mean_usd, entry_paid.mean());
    x.set(M::entry_bribes_paid_total_usd, entry_paid.total);
    x.set(M::secretary_income_mean_usd, income.mean());
    x.set(M::secretary_income_smoothed_mean_usd, smoothed.mean());
    x.set(M::secretary_entry_income_mean_usd, entry_income.mean());
    x.set(M::secretary_entry_income_total_usd, entry_income.total);
    x.set(M::secretaries_recruiting_share, recruiting.mean());
    x.set(M::secretaries_selling_skips_share, selling_skips.mean());
    x.set(M::skip_deals, skip_deals);
    x.set(M::violators_large, large);
    x.set(M::violators_absent, violators_absence);
    x.set(M::violators_per_1000, 1000 * violators_any / n);
    x.set(M::catches, caught_large + caught_absence);
    x.set(M::catches_large, caught_large);
    x.set(M::catches_absence, caught_absence);
    x.set(M::bribes_member, bribe_large_party.n + bribe_absence_party.n);
    x.set(M::bribes_other, bribe_large_other.n + bribe_absence_other.n);
    x.set(M::bribes_large_member, bribe_large_party.n);
    x.set(M::bribes_large_other, bribe_large_other.n);
    x.set(M::bribes_absence_member, bribe_absence_party.n);
    x.set(M::bribes_absence_other, bribe_absence_other.n);
    x.set(M::bribes_total_member_usd, bribe_large_party.total + bribe_absence_party.total);
    x.set(M::bribes_total_other_usd, bribe_large_other.total + bribe_absence_other.total);
    x.set(M::bribe_mean_member_usd, ratio(bribe_large_party.total + bribe_absence_party.total,
                                          bribe_large_party.n + bribe_absence_party.n));
    x.set(M::bribe_mean_other_usd, ratio(bribe_large_other.total + bribe_absence_other.total,
                                         bribe_large_other.n + bribe_absence_other.n));
    x.set(M::bribe_mean_large_member_usd, bribe_large_party.mean());
    x.set(M::bribe_mean_large_other_usd, bribe_large_other.mean());
    x.set(M::bribe_mean_absence_member_usd, bribe_absence_party.mean());
    x.set(M::bribe_mean_absence_other_usd, bribe_absence_other.mean());
    x.set(M::detentions, detentions);
    x.set(M::market_return_usd, kMarketReturn);
    x.set(M::market_income_mean_member_usd, income_party.mean());
    x.set(M::market_income_mean_outsider_usd, income_other.mean());
    x.set(M::market_time_mean_member, time_party.mean());
    x.set(M::market_time_mean_outsider, time_other.mean());
    x.set(M::large_traders, large);
    x.set(M::member_share_large_traders, ratio(large_party, large));
    x.set(M::pay_83_share, ratio(paid_83, working));
    x.set(M::absent_share, ratio(absent, working));
    x.set(M::opinion_mean_usd, opinion.mean());
    x.set(M::opinion_negative_share, negative / n);
    x.set(M::wealth_mean_usd, wealth.mean());
    x.set(M::wealth_mean_member_usd, wealth_party.mean());
    x.set(M::wealth_mean_outsider_usd, wealth_other.mean());
    x.set(M::wealth_mean_cadre_usd, wealth_cadre.mean());
    x.set(M::shakedowns, shakedown_party.n + shakedown_other.n);
    x.set(M::shakedowns_member, shakedown_party.n);
    x.set(M::shakedowns_other, shakedown_other.n);
    x.set(M::shakedown_bribes_member_usd, shakedown_party.total);
    x.set(M::shakedown_bribes_other_usd, shakedown_other.total);
    x.set(M::shakedown_bribe_mean_member_usd, shakedown_party.mean());
    x.set(M::shakedown_bribe_mean_other_usd, shakedown_other.mean());
    for (int s = 0; s < kSongbunCount; ++s) {
      x.set(s, SM::households, households[s]);
      x.set(s, SM::applications, applied_s[s]);
      x.set(s, SM::applications_per_1000_eligible, ratio(1000 * applied_s[s], eligible[s]));
      x.set(s, SM::admissions, paid_s[s].n);
      x.set(s, SM::entry_price_paid_mean_usd, paid_s[s].mean());
      x.set(s, SM::entry_price_quoted_mean_usd, ratio(quoted[s], households[s]));
      x.set(s, SM::member_share, ratio(party_s[s], households[s]));
      x.set(s, SM::catches_per_1000, ratio(1000 * caught_s[s], households[s]));
      x.set(s, SM::promotions_cadre, promoted_s[s]);
      x.set(s, SM::opinion_mean_usd, opinion_s[s].mean());
    }

    for (std::size_t k = 0; k < kMeasureCount; ++k) {
      check_measure(r.values[k], x.values[k], kMeasures[k].name, kMeasures[k].unit);
      seen[k] = seen[k] || (*x.values[k] != 0 && !std::isnan(*x.values[k]));
    }
    for (int s = 0; s < kSongbunCount; ++s) {
      INFO("songbun " << kSongbunNames[s]);
      for (std::size_t k = 0; k < kSongbunMeasureCount; ++k) {
        const auto& recounted = x.by_songbun[s][k];
        check_measure(r.by_songbun[s][k], recounted, kSongbunMeasures[k].name, kSongbunMeasures[k].unit);
        seen_songbun[s][k] = seen_songbun[s][k] || (*recounted != 0 && !std::isnan(*recounted));
      }
    }
  }
  for (std::size_t k = 0; k < kMeasureCount; ++k) {
    INFO(kMeasures[k].name << " was 0 or empty in every month");
    CHECK(seen[k]);
  }
  for (int s = 0; s < kSongbunCount; ++s)
    for (std::size_t k = 0; k < kSongbunMeasureCount; ++k) {
      INFO(kSongbunMeasures[k].name << " of songbun " << kSongbunNames[s] << " was 0 or empty in every month");
      CHECK(seen_songbun[s][k]);
    }
  // The bribes are classed by the work option, which the 8.3 fee also depends on: both kinds of
  // payer must have been seen.
  CHECK(seen_paid_83[0] > 0);
  CHECK(seen_paid_83[1] > 0);
}

TEST_CASE("an opinion of exactly 0 is not negative and a household is detained until its release month",
          "[observation]") {
  // The boundaries of the two states, set by hand: no household of the runs above holds an
  // opinion of exactly 0, so the recount cannot tell "< 0" from "<= 0". detained_until is the first
  // month after detention.
  Simulation sim(test::scenario_with({{"households", "20"}, {"population.cell_size", "20"}}));
  SimulationState& state = sim.mutable_state();
  Households& h = state.households;
  const int t = 7;
  for (std::size_t i = 0; i < h.size(); ++i) {
    h.events[i] = 0;
    h.opinion[i] = 1;
    h.detained_until[i] = kNever;
  }
  h.opinion[0] = h.opinion[1] = 0;
  h.opinion[2] = -1e-9;
  h.opinion[3] = -50;
  h.detained_until[4] = t;      // released at the start of this month: free
  h.detained_until[5] = t + 1;  // released next month: detained
  h.detained_until[6] = t + 3;
  h.detained_until[7] = t - 2;
  const MonthRecord r = observe(state, MonthContext::at(state.scenario, t, 50, {}));
  CHECK(r[Measure::opinion_negative_share] == 2.0 / 20);
  CHECK(r[Measure::detained] == 2);
}
