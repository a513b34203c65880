#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "io/run_writer.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
Scenario small(const std::string& seed = "5") {
  return test::scenario_with({{"households", "5000"}, {"months", "36"}, {"seed", seed},
                              {"market.market_return", "2000-01:20, 2002-12:60"}});
}
std::string csv(const std::vector<MonthRecord>& records) {
  std::string text = timeseries_header() + "\n";
  for (const auto& r : records) text += timeseries_row(r) + "\n";
  return text;
}
}  // namespace

TEST_CASE("invariants hold every month", "[simulation]") {
  const auto records = test::run_all(small());
  REQUIRE(records.size() == 36);
  double admissions = 0;
  for (const MonthRecord& r : records) {
    using M = Measure;
    // Status counts sum to N.
    CHECK(r[M::outsiders] + r[M::applicants] + r[M::candidates] + r[M::members] + r[M::cadres] +
              r[M::expelled] == r[M::households]);
    CHECK(r[M::households] == 5000);
    // Entry bribes paid by households are the secretaries' entry income.
    CHECK(r[M::entry_bribes_paid_total_usd] ==
          Approx(r[M::secretary_entry_income_total_usd]).epsilon(1e-12));
    CHECK(r[M::cadres] <= std::llround(0.005 * 5000));
    CHECK(r[M::catches] == r[M::catches_large] + r[M::catches_absence]);
    CHECK(r[M::detentions] <= r[M::catches]);
    CHECK(r[M::member_share] == Approx((r[M::candidates] + r[M::members] + r[M::cadres]) / 5000));
    // A mean over nobody is no value, never 0.
    CHECK(std::isnan(r[M::entry_price_paid_mean_usd]) == (r[M::admissions] == 0));
    if (r[M::admissions] > 0)
      CHECK(r[M::entry_price_paid_mean_usd] >= 5 * 0.8);  // at least the floor times core's factor
    admissions += r[M::admissions];
  }
  CHECK(admissions > 0);
}

TEST_CASE("outputs are byte-identical for 1, 2 and 4 threads; another seed differs",
          "[simulation][reproducibility]") {
  const std::string one = csv(test::run_all(small(), 1));
  CHECK(csv(test::run_all(small(), 2)) == one);
  CHECK(csv(test::run_all(small(), 4)) == one);
  CHECK(csv(test::run_all(small("6"), 2)) != one);
}

TEST_CASE("an empty mean is written as an empty field", "[simulation]") {
  MonthRecord r;
  r.calendar_month = 2000 * 12;
  r[Measure::households] = 3;
  const std::string row = timeseries_row(r);
  CHECK(row.rfind("2000-01,3,,", 0) == 0);
  CHECK(row.find("nan") == std::string::npos);
}
