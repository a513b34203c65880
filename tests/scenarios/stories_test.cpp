// Each historical scenario and each policy variant tells the story its file states (20,000
// households, the scenario's seed), compared with itself before and after, or with
// marketization.ini on the same seed. Margins leave room for another seed or a small model change
// but not for the effect to vanish: the values seen at seed 1 are given with each.
#include <catch2/catch.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "params/calendar.hpp"
#include "test_support.hpp"

using namespace partysim;
using M = Measure;
using SM = SongbunMeasure;

namespace {
struct Run {
  Scenario scenario;
  std::vector<MonthRecord> records;

  // Index of the record of calendar month "YYYY-MM".
  std::size_t at(const char* month) const {
    const int index = *parse_month(month) - scenario.start_month();
    REQUIRE(index >= 0);
    REQUIRE(static_cast<std::size_t>(index) < records.size());
    return static_cast<std::size_t>(index);
  }
  // Mean of a measure over the months [from, to] inclusive.
  double mean(Measure m, const char* from, const char* to) const {
    return test::mean(records, m, at(from), at(to) + 1);
  }
};

// The scenario `name` at 20,000 households, with `more` overrides (KEY, VALUE), run once.
const Run& story(const std::string& name, const test::Values& more = {}) {
  static std::map<std::pair<std::string, test::Values>, Run> cache;
  const auto key = std::make_pair(name, more);
  auto it = cache.find(key);
  if (it == cache.end()) {
    std::vector<Override> overrides = {{"households", "20000", "test"}};
    for (const auto& [k, v] : more) overrides.push_back({k, v, "test"});
    Scenario s = Scenario::load(PARTYSIM_SCENARIO_DIR "/" + name + ".ini", overrides);
    auto records = test::run_all(s);
    it = cache.emplace(key, Run{std::move(s), std::move(records)}).first;
  }
  return it->second;
}
}  // namespace

TEST_CASE("arduous_march: membership stays valuable while the markets appear", "[stories]") {
  const Run& r = story("arduous_march");
  const double opinion_famine = r.mean(M::opinion_mean_usd, "1994-01", "1996-12");
  const double opinion_late = r.mean(M::opinion_mean_usd, "2001-07", "2002-06");
  INFO("mean opinion 1994-96 $" << opinion_famine << ", 2001-02 $" << opinion_late);
  CHECK(opinion_famine > 0);
  CHECK(opinion_late < opinion_famine);
  // Demand keeps the entry price in the hundreds of dollars throughout.
  for (std::size_t k = 24; k < r.records.size(); ++k) {
    INFO(format_month(r.records[k].calendar_month));
    CHECK(r.records[k][M::entry_price_quoted_mean_usd] > 200);
  }
}

TEST_CASE("reform_2002: the wage rise draws applicants, legal markets mean fewer catches", "[stories]") {
  const Run& r = story("reform_2002");
  const Run& base = story("marketization");
  const double applications = r.mean(M::applications, "2002-07", "2003-06");
  const double applications_base = base.mean(M::applications, "2002-07", "2003-06");
  INFO("applications a month 2002-07..2003-06: " << applications << " vs " << applications_base);
  CHECK(applications > applications_base);
  const double catches = r.mean(M::catches, "2003-06", "2005-12");
  const double catches_base = base.mean(M::catches, "2003-06", "2005-12");
  INFO("catches a month 2003-06..2005-12: " << catches << " vs " << catches_base);
  CHECK(catches < catches_base);
}

TEST_CASE("redenomination_2009: market income collapses, applications surge and fall back", "[stories]") {
  const Run& r = story("redenomination_2009");
  const double income_before = r.mean(M::market_income_mean_outsider_usd, "2009-06", "2009-11");
  const double income_shock = r.mean(M::market_income_mean_outsider_usd, "2009-12", "2010-01");
  const double applications_before = r.mean(M::applications, "2009-06", "2009-11");
  const double applications_shock = r.mean(M::applications, "2009-12", "2010-03");
  const double applications_after = r.mean(M::applications, "2011-01", "2012-12");
  INFO("outsiders' market income $" << income_before << " -> $" << income_shock);
  INFO("applications a month " << applications_before << " -> " << applications_shock << " -> "
                               << applications_after);
  CHECK(income_shock < 0.5 * income_before);
  CHECK(applications_shock > 3 * applications_before);
  CHECK(applications_after < 0.5 * applications_shock);
  // The exchange cap wipes out savings in 2009-12.
  CHECK(r.records[r.at("2009-12")][M::wealth_mean_usd] < 0.5 * r.records[r.at("2009-11")][M::wealth_mean_usd]);
}

TEST_CASE("tolerance_2012_2019: tolerated markets keep membership in demand", "[stories]") {
  const Run& r = story("tolerance_2012_2019");
  const Run& base = story("marketization");
  const double applications = r.mean(M::applications, "2017-01", "2019-12");
  const double applications_base = base.mean(M::applications, "2017-01", "2019-12");
  INFO("applications a month 2017-19: " << applications << " vs " << applications_base);
  CHECK(applications > applications_base);
  CHECK(r.mean(M::catches, "2015-01", "2019-12") < base.mean(M::catches, "2015-01", "2019-12"));
}

TEST_CASE("closure_2020: catches and bribes rise, market income falls", "[stories]") {
  const Run& r = story("closure_2020");
  const double catches_before = r.mean(M::catches, "2016-01", "2019-12");
  const double catches_after = r.mean(M::catches, "2021-01", "2023-12");
  INFO("catches a month " << catches_before << " -> " << catches_after);
  CHECK(catches_after > 1.3 * catches_before);
  const double bribes_before = r.mean(M::bribes_member, "2016-01", "2019-12") +
                               r.mean(M::bribes_other, "2016-01", "2019-12");
  const double bribes_after = r.mean(M::bribes_member, "2021-01", "2023-12") +
                              r.mean(M::bribes_other, "2021-01", "2023-12");
  INFO("bribes paid a month " << bribes_before << " -> " << bribes_after);
  CHECK(bribes_after > 1.3 * bribes_before);
  CHECK(r.mean(M::market_income_mean_outsider_usd, "2021-01", "2022-12") <
        r.mean(M::market_income_mean_outsider_usd, "2018-01", "2019-12"));
}

TEST_CASE("closure_2020: it starts warm, from the state its 2000-2011 history leaves", "[stories][spin-up]") {
  // Started cold in 2012-01 from the table's initial state (seed 1), 2012 had a fifth of the
  // applications of 2013-2015 (3.9 against 21.1 a month), the entry price began at the initial
  // $400, no secretary recruited for 18 months (the initial flags are off and the initial
  // applications window is in balance) and then 73% did at once in 2013-07, when that window had
  // rolled over.
  const Run& r = story("closure_2020");
  REQUIRE(r.scenario.spin_up_months() == 144);
  const double first_year = r.mean(M::applications, "2012-01", "2012-12");
  const double next_years = r.mean(M::applications, "2013-01", "2015-12");
  INFO("applications a month: 2012 " << first_year << ", 2013-2015 " << next_years);
  CHECK(first_year > 0.6 * next_years);  // seen 0.93 (cold 0.19)
  const MonthRecord& first = r.records[r.at("2012-01")];
  CHECK(first[M::secretaries_recruiting_share] > 0.1);  // seen 0.67 (cold 0)
  CHECK(first[M::entry_price_quoted_mean_usd] < 200);   // seen $95 (cold $398)
  double largest_change = 0;
  for (std::size_t k = r.at("2012-01"); k < r.at("2014-12"); ++k)
    largest_change = std::max(largest_change, std::abs(r.records[k + 1][M::secretaries_recruiting_share] -
                                                       r.records[k][M::secretaries_recruiting_share]));
  INFO("largest change of the share of secretaries recruiting from one month to the next, 2012-2014: "
       << largest_change);
  CHECK(largest_change < 0.25);  // seen 0.035 (cold 0.73, in 2013-07)
}

TEST_CASE("songbun_neutral: the hostile/core entry-price gap vanishes", "[stories]") {
  // Mean over two-year periods of hostile / core mean entry price paid (prices of one period).
  auto gap = [](const Run& r) {
    double sum = 0;
    int periods = 0;
    for (std::size_t first = 0; first + 24 <= r.records.size(); first += 24) {
      std::array<double, kSongbunCount> paid{}, admitted{};
      for (std::size_t k = first; k < first + 24; ++k)
        for (int s = 0; s < kSongbunCount; ++s) {
          const double n = r.records[k].at(static_cast<Songbun>(s), SM::admissions);
          if (n > 0) {
            paid[s] += n * r.records[k].at(static_cast<Songbun>(s), SM::entry_price_paid_mean_usd);
            admitted[s] += n;
          }
        }
      if (admitted[0] == 0 || admitted[2] == 0) continue;
      sum += (paid[2] / admitted[2]) / (paid[0] / admitted[0]);
      ++periods;
    }
    REQUIRE(periods >= 5);
    return sum / periods;
  };
  const double neutral = gap(story("songbun_neutral"));
  const double base = gap(story("marketization"));
  INFO("hostile / core entry price paid: songbun_neutral " << neutral << ", marketization " << base);
  CHECK(base > 1.5);
  CHECK(neutral == Approx(1.0).margin(0.2));
}

TEST_CASE("market_reversal: after the 2010 cut, demand for membership and the entry price recover",
          "[stories]") {
  // Seen: applications 25.5 a month in 2007-09, 36.1 in 2017-19 (marketization 5.6); entry price
  // $142 at the cut, $510 in 2017-19 (marketization $7.8); income gap $6 (marketization $49).
  const Run& r = story("market_reversal");
  const Run& base = story("marketization");
  // The cut itself: the market return falls to a third in 2010-01 and stays there.
  CHECK(r.records[r.at("2010-01")][M::market_return_usd] <
        0.35 * r.records[r.at("2009-12")][M::market_return_usd]);
  // Applications recover: more in 2017-19 than just before the cut, and than without the cut.
  const double before_cut = r.mean(M::applications, "2007-01", "2009-12");
  const double late = r.mean(M::applications, "2017-01", "2019-12");
  const double late_base = base.mean(M::applications, "2017-01", "2019-12");
  INFO("applications a month 2007-09 " << before_cut << ", 2017-19 " << late
                                       << ", marketization 2017-19 " << late_base);
  // 1.42 times with v2's defaults (1.99 in v1, where the cut also ended unpaid absence's appeal).
  CHECK(late > 1.25 * before_cut);
  CHECK(late > 3 * late_base);
  // The entry price recovers: higher in 2017-19 than at the cut, and than without the cut.
  const double price_at_cut = r.records[r.at("2009-12")][M::entry_price_quoted_mean_usd];
  const double price_late = r.mean(M::entry_price_quoted_mean_usd, "2017-01", "2019-12");
  const double price_late_base = base.mean(M::entry_price_quoted_mean_usd, "2017-01", "2019-12");
  INFO("entry price quoted 2009-12 $" << price_at_cut << ", 2017-19 $" << price_late
                                      << ", marketization 2017-19 $" << price_late_base);
  CHECK(price_late > 3 * price_at_cut);
  CHECK(price_late > 3 * price_late_base);
  // Why: the members' disadvantage in the market shrinks with the market return.
  auto gap = [](const Run& run) {
    return run.mean(M::market_income_mean_outsider_usd, "2017-01", "2019-12") -
           run.mean(M::market_income_mean_member_usd, "2017-01", "2019-12");
  };
  INFO("non-members' market income minus members' 2017-19: $" << gap(r) << ", marketization $"
                                                               << gap(base));
  CHECK(gap(r) > 0);
  CHECK(gap(r) < 0.5 * gap(base));
}

TEST_CASE("crackdown_high: catches rise at first, then large businesses shrink",
          "[stories]") {
  // Seen: catches 226 vs 117 a month in 2000-01; large traders 3,824 vs 4,130; 8.3 payers 70.2%
  // vs 70.4% and absentees 0% vs 0% of working households. (The file leaves open whether
  // membership is deterred: applications are nearly unchanged, so that is not asserted.)
  const Run& r = story("crackdown_high");
  const Run& base = story("marketization");
  const double catches = r.mean(M::catches, "2000-01", "2001-12");
  const double catches_base = base.mean(M::catches, "2000-01", "2001-12");
  INFO("catches a month 2000-01: " << catches << " vs " << catches_base);
  CHECK(catches > 1.5 * catches_base);
  const double large = r.mean(M::large_traders, "2005-01", "2019-12");
  const double large_base = base.mean(M::large_traders, "2005-01", "2019-12");
  INFO("large traders 2005-19: " << large << " vs " << large_base);
  CHECK(large < 0.95 * large_base);
  // Absence is caught twice as often. At the default detection (0.2 a month) unpaid absence has
  // already given way to the legal 8.3 fee (v2; in v1, at 0.02, the crackdown moved 26% of
  // working households from absence to 8.3), so the crackdown leaves both as they are: nobody
  // goes back to unpaid absence and the 8.3 share moves by under 2 points.
  const double pay_83 = r.mean(M::pay_83_share, "2005-01", "2019-12");
  const double pay_83_base = base.mean(M::pay_83_share, "2005-01", "2019-12");
  INFO("share of working households paying 8.3, 2005-19: " << pay_83 << " vs " << pay_83_base);
  CHECK(pay_83 == Approx(pay_83_base).margin(0.02));
  const double absent = r.mean(M::absent_share, "2005-01", "2019-12");
  const double absent_base = base.mean(M::absent_share, "2005-01", "2019-12");
  INFO("share of working households absent, 2005-19: " << absent << " vs " << absent_base);
  CHECK(absent <= absent_base);
  CHECK(absent < 0.01);
}

TEST_CASE("cadre_rents_high: the cadre track keeps applications up, above all for core households",
          "[stories]") {
  // Seen: applications 23.8 vs 22.6 a month over the run, 7.3 vs 5.6 in 2017-19; core minus
  // hostile applications per 1,000 eligible 3.5 vs 2.5. The pull is weaker than in v1 (1.16,
  // 1.49 and 2.0 times): members now pay the multiple on every routine shakedown, a cost that
  // grows with the market like the rent's market part.
  const Run& r = story("cadre_rents_high");
  const Run& base = story("marketization");
  const double applications = r.mean(M::applications, "2000-01", "2019-12");
  const double applications_base = base.mean(M::applications, "2000-01", "2019-12");
  INFO("applications a month 2000-19: " << applications << " vs " << applications_base);
  // About 5,700 vs 5,400 applications on the same seed (common random numbers): 1.056 seen; 1.03
  // keeps half the effect.
  CHECK(applications > 1.03 * applications_base);
  // Applications fall less: the gap is widest at the end, when the rent's market part is largest.
  const double late = r.mean(M::applications, "2017-01", "2019-12");
  const double late_base = base.mean(M::applications, "2017-01", "2019-12");
  INFO("applications a month 2017-19: " << late << " vs " << late_base);
  // About 262 vs 200 applications: the ratio's sd is about 0.13, so 1.1 is 1.6 sd below the
  // 1.31 seen (the whole-run check above carries the firmer margin).
  CHECK(late > 1.1 * late_base);
  // Applications per 1,000 eligible, core minus hostile, mean over the run.
  auto core_gap = [](const Run& run) {
    double gap = 0;
    for (const MonthRecord& record : run.records)
      gap += record.at(Songbun::core, SM::applications_per_1000_eligible) -
             record.at(Songbun::hostile, SM::applications_per_1000_eligible);
    return gap / static_cast<double>(run.records.size());
  };
  INFO("core minus hostile applications per 1,000 eligible: " << core_gap(r) << " vs "
                                                              << core_gap(base));
  // 1.39 times seen; 1.2 keeps half the effect.
  CHECK(core_gap(r) > 1.2 * core_gap(base));
}

namespace {
// norm_tipping at 20,000 households and the given seed, with the file's norm_pressure or, for its
// twin, with the norm off (k = 0, v1's averaging). The story needs the v2 calibration (docs/ODD.md
// "Calibration of v2"): with v1's status value most households are against joining from the
// start.
const Run& norm_story(int seed, bool norm) {
  test::Values more = {{"seed", std::to_string(seed)}};
  if (!norm) more.push_back({"opinion.norm_pressure", "0"});
  return story("norm_tipping", more);
}

// What the test reads of a norm_tipping run: the share of households whose opinion of joining is
// positive, month by month, measured against its level in 2002-2004 (after the first two years,
// when the initial entry price settles), on the way up (2002-01 .. 2019-12, the market rising to
// $60) and on the way down (2019-12 .. the end, the market falling to $5).
struct Loop {
  double early = 0;            // mean share in favour 2002-01 .. 2004-12
  int collapse_months = -1;    // from the last month >= 75% of early to the first < 10% (way up)
  double tip_market = -1;      // market return at the first month < 50% of early (way up)
  double recover_market = -1;  // market return at the first month >= 50% of early (way down)
  double up = 0, down = 0;     // mean share in favour at a market return of $26-32, up and down
  double applications_up = 0, applications_down = 0;  // the same for applications a month

  explicit Loop(const Run& r) {
    const auto& records = r.records;
    auto in_favour = [&](std::size_t k) { return 1.0 - records[k][M::opinion_negative_share]; };
    auto market = [&](std::size_t k) { return records[k][M::market_return_usd]; };
    const std::size_t first = r.at("2002-01"), peak = r.at("2019-12");
    for (std::size_t k = first; k <= r.at("2004-12"); ++k) early += in_favour(k) / 36.0;
    std::size_t collapsed = 0, still_high = 0;
    for (std::size_t k = first; k <= peak && collapsed == 0; ++k)
      if (in_favour(k) < 0.1 * early) collapsed = k;
    for (std::size_t k = first; k < collapsed; ++k)
      if (in_favour(k) >= 0.75 * early) still_high = k;
    if (collapsed > 0 && still_high > 0) collapse_months = static_cast<int>(collapsed - still_high);
    for (std::size_t k = first; k <= peak && tip_market < 0; ++k)
      if (in_favour(k) < 0.5 * early) tip_market = market(k);
    for (std::size_t k = peak; k < records.size() && recover_market < 0; ++k)
      if (in_favour(k) >= 0.5 * early) recover_market = market(k);
    int n_up = 0, n_down = 0;
    for (std::size_t k = first; k < records.size(); ++k) {
      if (market(k) < 26 || market(k) > 32) continue;
      const bool way_up = k <= peak;
      (way_up ? up : down) += in_favour(k);
      (way_up ? applications_up : applications_down) += records[k][M::applications];
      ++(way_up ? n_up : n_down);
    }
    REQUIRE(n_up > 12);
    REQUIRE(n_down > 12);
    up /= n_up;
    applications_up /= n_up;
    down /= n_down;
    applications_down /= n_down;
  }
};
}  // namespace

TEST_CASE("norm_tipping: with the norm, demand tips within three years and does not come back at "
          "the same market return",
          "[stories]") {
  // Seen (seeds 1 and 2; the values of seed 2 in brackets where they differ):
  //   norm (k = 25): early 0.972 in favour; still high 2006-09 [2006-10], collapsed 2007-07,
  //     10 [9] months; tips at $34.4, comes back at $12.8 [$11.0]; share in favour at $26-32
  //     0.951 [0.953] up, 0.000 down; applications 40.0 [39.2] up, 0.0 down;
  //   twin (k = 0): early 0.381 [0.378]; 110 [108] months from 75% to 10% of it; half of it lost
  //     at $39.4 [$38.6], regained at $42.6 [$43.0]; share in favour at $26-32 0.348 [0.342] up,
  //     0.332 [0.336] down; applications 28.6 [29.8] up, 48.9 [45.2] down (the entry price is
  //     lower on the way down).
  for (int seed : {1, 2}) {
    INFO("seed " << seed);
    const Loop norm(norm_story(seed, true));
    const Loop twin(norm_story(seed, false));
    INFO("share in favour 2002-04: norm " << norm.early << ", twin " << twin.early);
    // Most households start in favour with the norm: it holds them there while the market rises.
    CHECK(norm.early > 0.8);
    // The collapse: from 75% to under 10% of the early share within three years (seen 9-10
    // months), against a slow decline without the norm (seen 108-110 months).
    INFO("months from 75% to 10% of the early share: norm " << norm.collapse_months << ", twin "
                                                            << twin.collapse_months);
    REQUIRE(norm.collapse_months > 0);
    CHECK(norm.collapse_months <= 36);
    CHECK((twin.collapse_months < 0 || twin.collapse_months >= 72));  // < 0: never fell that far
    // Hysteresis, as market levels: demand comes back on the way down only well below the level
    // where it tipped (seen 0.29-0.37 of it), while without the norm it comes back about where it
    // went (seen 1.08-1.12). It does come back: the norm fades once membership pays (no lock-in).
    INFO("market return at half the early share lost / regained: norm $"
         << norm.tip_market << " / $" << norm.recover_market << ", twin $" << twin.tip_market
         << " / $" << twin.recover_market);
    REQUIRE(norm.tip_market > 0);
    REQUIRE(norm.recover_market > 0);
    CHECK(norm.recover_market < 0.6 * norm.tip_market);
    REQUIRE(twin.recover_market > 0);
    CHECK(twin.recover_market > 0.8 * twin.tip_market);
    // Hysteresis, at the same market return ($26-32, below the tipping level): in favour and
    // applying on the way up, against it on the way down; without the norm, about the same both
    // ways (the twin applies more on the way down, when the entry price is lower).
    INFO("share in favour at $26-32, up / down: norm " << norm.up << " / " << norm.down
                                                       << ", twin " << twin.up << " / " << twin.down);
    INFO("applications a month at $26-32, up / down: norm " << norm.applications_up << " / "
         << norm.applications_down << ", twin " << twin.applications_up << " / "
         << twin.applications_down);
    CHECK(norm.down < 0.1 * norm.up);
    CHECK(norm.applications_down < 0.1 * norm.applications_up);
    CHECK(twin.down > 0.75 * twin.up);
    CHECK(twin.applications_down > 0.75 * twin.applications_up);
  }
}
