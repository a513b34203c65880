// The measures behind patterns P4-P6 (market income and large traders by Party status, the
// songbun breakdown of applications, admissions and prices, catches and bribes by Party status)
// recounted from the households after each month, by definitions written out here from the
// measures' meanings (measures.def, songbun_measures.def) rather than taken from observation.cpp.
// The state after step() is what observation saw, since observation is the last phase.
#include <catch2/catch.hpp>
#include <array>
#include <cmath>
#include <string>

#include "model/simulation.hpp"
#include "model/work_options.hpp"
#include "test_support.hpp"

using namespace partysim;
using M = Measure;
using SM = SongbunMeasure;

namespace {
// A scenario in which, at 6,000 households over 24 months, every group the measures split is seen:
// Party and other households caught for large businesses and for absence (detection 0.05 a month;
// a member multiplier of 1.5 and rare expulsions after a catch, 0.02, so that members still
// trade large and go absent), 8.3 payers among members and others (fee $15, members pay 0.3 of
// it), purges (0.01 a month), admissions. With seed 21 that gives, over the run, ~150 large-business
// and ~50 absence bribes paid by members, ~1,900 and ~5,100 by others, ~18,700 member and ~440
// other 8.3 payer-months, ~100 admissions, 6 expulsions after a catch.
// The market return is constant so that bribes can be recomputed from the parameters.
constexpr double kMarketReturn = 25;
Scenario busy(const std::string& seed) {
  return test::scenario_with({{"households", "6000"},
                              {"months", "24"},
                              {"seed", seed},
                              {"market.market_return", "25"},
                              {"enforcement.crackdown_rate", "0.05"},
                              {"enforcement.absence_detection", "0.05"},
                              {"enforcement.bribe_member_multiplier", "1.5"},
                              {"enforcement.expel_if_caught", "0.02"},
                              {"work.fee_83", "15"},
                              {"work.fee_83_member_multiplier", "0.3"},
                              {"purges.purge_rate", "0.01"}});
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

// A sum or mean compared loosely (the sums were made in another order): both empty or both values.
void check_close(double recorded, double recounted, const char* what) {
  INFO(what << ": recorded " << recorded << ", recounted " << recounted);
  CHECK(std::isnan(recorded) == std::isnan(recounted));
  if (!std::isnan(recounted)) CHECK(recorded == Approx(recounted).epsilon(1e-12).margin(1e-9));
}
}  // namespace

TEST_CASE("P4-P6 measures agree with counts made directly from the households", "[observation]") {
  const Scenario scenario = busy("21");
  Simulation sim(scenario);
  const double legal = scenario.real(P::legal_size);
  const double mu = scenario.real(P::bribe_member_multiplier);
  const std::array<double, kSongbunCount> multiplier = {
      scenario.real(P::entry_price_multiplier_core), scenario.real(P::entry_price_multiplier_wavering),
      scenario.real(P::entry_price_multiplier_hostile)};
  // Over the run: every group the measures split must have been seen, or the test proved nothing.
  double seen_member_large = 0, seen_other_large = 0, seen_member_absence = 0, seen_other_absence = 0;
  std::array<double, kSongbunCount> seen_admitted{}, seen_caught{};
  double seen_promoted = 0, seen_expelled_caught = 0;
  std::array<double, 2> seen_paid_83{};  // by Party duties

  while (!sim.done()) {
    const MonthRecord r = sim.step();
    const Households& h = sim.state().households;
    const Cells& cells = sim.state().cells;
    INFO("month " << sim.state().month - 1);
    Sum income_party, income_other, time_party, time_other;
    double large = 0, large_party = 0, working = 0, paid_83 = 0, absent = 0;
    double caught_large = 0, caught_absence = 0;
    Sum bribe_large_party, bribe_large_other, bribe_absence_party, bribe_absence_other;
    double admitted = 0, entry_paid = 0;
    std::array<double, kSongbunCount> households{}, applied{}, eligible{}, admitted_s{}, paid_s{},
        quoted{}, caught_s{}, promoted{};
    for (std::size_t i = 0; i < h.size(); ++i) {
      const std::uint32_t e = h.events[i];
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
      seen_expelled_caught += (e & Event::expelled_caught) != 0;

      // P5: by songbun.
      households[s] += 1;
      applied[s] += (e & Event::applied) != 0;
      eligible[s] += (e & Event::eligible_to_apply) != 0;
      quoted[s] += cells.entry_price[cells.cell_of(i)] * multiplier[s];
      promoted[s] += (e & Event::promoted_cadre) != 0;
      if (e & Event::admitted) {
        admitted += 1;
        entry_paid += h.entry_paid_usd[i];
        admitted_s[s] += 1;
        paid_s[s] += h.entry_paid_usd[i];
      }
    }

    CHECK(r[M::market_return_usd] == kMarketReturn);
    // P4
    check_close(r[M::market_income_mean_member_usd], income_party.mean(), "market income, members");
    check_close(r[M::market_income_mean_outsider_usd], income_other.mean(), "market income, others");
    check_close(r[M::market_time_mean_member], time_party.mean(), "market time, members");
    check_close(r[M::market_time_mean_outsider], time_other.mean(), "market time, others");
    CHECK(r[M::large_traders] == large);
    CHECK(r[M::violators_large] == large);
    check_close(r[M::member_share_large_traders], large > 0 ? large_party / large : kNoValue,
               "members' share of large traders");
    CHECK(r[M::pay_83_share] == paid_83 / working);
    CHECK(r[M::absent_share] == absent / working);
    // P6
    CHECK(r[M::catches_large] == caught_large);
    CHECK(r[M::catches_absence] == caught_absence);
    CHECK(r[M::catches] == caught_large + caught_absence);
    CHECK(r[M::bribes_large_member] == bribe_large_party.n);
    CHECK(r[M::bribes_large_other] == bribe_large_other.n);
    CHECK(r[M::bribes_absence_member] == bribe_absence_party.n);
    CHECK(r[M::bribes_absence_other] == bribe_absence_other.n);
    CHECK(r[M::bribes_member] == bribe_large_party.n + bribe_absence_party.n);
    CHECK(r[M::bribes_other] == bribe_large_other.n + bribe_absence_other.n);
    check_close(r[M::bribes_total_member_usd], bribe_large_party.total + bribe_absence_party.total,
               "bribes paid, members");
    check_close(r[M::bribes_total_other_usd], bribe_large_other.total + bribe_absence_other.total,
               "bribes paid, others");
    check_close(r[M::bribe_mean_large_member_usd], bribe_large_party.mean(), "large bribe, members");
    check_close(r[M::bribe_mean_large_other_usd], bribe_large_other.mean(), "large bribe, others");
    check_close(r[M::bribe_mean_absence_member_usd], bribe_absence_party.mean(), "absence bribe, members");
    check_close(r[M::bribe_mean_absence_other_usd], bribe_absence_other.mean(), "absence bribe, others");
    const double party_n = bribe_large_party.n + bribe_absence_party.n;
    const double other_n = bribe_large_other.n + bribe_absence_other.n;
    check_close(r[M::bribe_mean_member_usd],
               party_n > 0 ? (bribe_large_party.total + bribe_absence_party.total) / party_n : kNoValue,
               "bribe, members");
    check_close(r[M::bribe_mean_other_usd],
               other_n > 0 ? (bribe_large_other.total + bribe_absence_other.total) / other_n : kNoValue,
               "bribe, others");
    // P5, and the admissions the songbun breakdown splits.
    CHECK(r[M::admissions] == admitted);
    check_close(r[M::entry_bribes_paid_total_usd], entry_paid, "entry prices paid");
    check_close(r[M::entry_price_paid_mean_usd], admitted > 0 ? entry_paid / admitted : kNoValue,
               "entry price paid");
    for (int s = 0; s < kSongbunCount; ++s) {
      const auto songbun = static_cast<Songbun>(s);
      INFO("songbun " << kSongbunNames[s]);
      CHECK(r.at(songbun, SM::applications) == applied[s]);
      check_close(r.at(songbun, SM::applications_per_1000_eligible),
                 eligible[s] > 0 ? 1000 * applied[s] / eligible[s] : kNoValue,
                 "applications per 1,000 eligible");
      CHECK(r.at(songbun, SM::admissions) == admitted_s[s]);
      check_close(r.at(songbun, SM::entry_price_paid_mean_usd),
                 admitted_s[s] > 0 ? paid_s[s] / admitted_s[s] : kNoValue, "entry price paid");
      check_close(r.at(songbun, SM::entry_price_quoted_mean_usd), quoted[s] / households[s],
                 "entry price quoted");
      check_close(r.at(songbun, SM::inspections_per_1000), 1000 * caught_s[s] / households[s],
                 "catches per 1,000");
      CHECK(r.at(songbun, SM::promotions_cadre) == promoted[s]);
      seen_admitted[s] += admitted_s[s];
      seen_caught[s] += caught_s[s];
      seen_promoted += promoted[s];
    }
    seen_member_large += bribe_large_party.n;
    seen_other_large += bribe_large_other.n;
    seen_member_absence += bribe_absence_party.n;
    seen_other_absence += bribe_absence_other.n;
  }
  INFO("bribes over the run: large member " << seen_member_large << ", other " << seen_other_large
                                            << ", absence member " << seen_member_absence
                                            << ", other " << seen_other_absence);
  INFO("8.3 payer-months: member " << seen_paid_83[1] << ", other " << seen_paid_83[0]
                                   << ", admissions " << seen_admitted[0] + seen_admitted[1] + seen_admitted[2]
                                   << ", expelled after a catch " << seen_expelled_caught);
  CHECK(seen_member_large > 0);
  CHECK(seen_other_large > 0);
  CHECK(seen_member_absence > 0);
  CHECK(seen_other_absence > 0);
  CHECK(seen_expelled_caught > 0);
  CHECK(seen_paid_83[0] > 0);
  CHECK(seen_paid_83[1] > 0);
  CHECK(seen_promoted > 0);
  for (int s = 0; s < kSongbunCount; ++s) {
    INFO("songbun " << kSongbunNames[s]);
    CHECK(seen_admitted[s] > 0);
    CHECK(seen_caught[s] > 0);
  }
}
