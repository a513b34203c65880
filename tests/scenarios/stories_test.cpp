// Each historical scenario tells its story (20,000 households, the scenario's seed), compared
// with itself before and after, or with marketization.ini on the same seed.
#include <catch2/catch.hpp>
#include <array>
#include <map>

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

const Run& story(const std::string& name) {
  static std::map<std::string, Run> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    Scenario s = Scenario::load(PARTYSIM_SCENARIO_DIR "/" + name + ".ini",
                                {{"households", "20000", "test"}});
    auto records = test::run_all(s);
    it = cache.emplace(name, Run{std::move(s), std::move(records)}).first;
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
