#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "params/calendar.hpp"
#include "sweep/summaries.hpp"
#include "sweep/sweep_spec.hpp"

#include <unistd.h>

using namespace partysim;

namespace {
// A sweep file with the given [summaries] lines, read back.
SweepSpec spec_with(const std::string& summaries) {
  // One folder per process: ctest runs the test cases of this file in parallel.
  const auto dir = std::filesystem::temp_directory_path() /
                   ("partysim_summaries_test." + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "base.ini") << "schema_version = 1\nmonths = 24\nhouseholds = 100\n";
  std::ofstream(dir / "sweep.ini") << "schema_version = 1\nbase = base.ini\ndesign = list\n[vary]\n"
                                      "enforcement.crackdown_rate = 0.01\n[summaries]\n"
                                   << summaries;
  return SweepSpec::load((dir / "sweep.ini").string());
}

// Months 2000-01 .. 2001-12 with member_share = k (k = 0..23) and hostile member_share = 100 - k.
SummaryAccumulator fed(const SweepSpec& spec) {
  SummaryAccumulator acc(spec.summaries);
  for (int k = 0; k < 24; ++k) {
    MonthRecord r;
    r.calendar_month = *parse_month("2000-01") + k;
    r.values[measure_index("member_share")] = k;
    r.by_songbun[2][static_cast<int>(SongbunMeasure::member_share)] = 100 - k;
    acc.add(r);
  }
  return acc;
}
}  // namespace

TEST_CASE("Sweep summaries: min, max, sd, slope, first crossing and by_songbun measures", "[sweep][summaries]") {
  const SweepSpec spec = spec_with(
      "lo = member_share min 2000-01..2000-12\n"
      "hi = member_share max 2000-01..2000-12\n"
      "spread = member_share sd 2000-01..2000-12\n"
      "trend = member_share slope 2000-01..2001-12\n"
      "up = member_share first_above 5.5 2000-01..2001-12\n"
      "never = member_share first_above 99 2000-01..2001-12\n"
      "down = hostile.member_share first_below 90 2000-01..2001-12\n"
      "hostile = hostile.member_share mean 2001-01..2001-12\n"
      "rise = member_share change 2000-01..2000-12 to 2001-01..2001-12\n");
  REQUIRE(spec.summaries.size() == 9);
  const auto v = fed(spec).values();
  CHECK(v[0] == 0);
  CHECK(v[1] == 11);
  CHECK(v[2] == Approx(std::sqrt(13.0)));  // sd of 0..11 (n - 1): sqrt(143 / 11)
  CHECK(v[3] == Approx(12.0));             // one a month: 12 a year
  CHECK(v[4] == Approx(2000 + 6 / 12.0));  // 6 >= 5.5 first in 2000-07
  CHECK(std::isnan(v[5]));                 // never crossed: no value
  CHECK(v[6] == Approx(2000 + 10 / 12.0)); // 100 - 10 <= 90 first in 2000-11
  CHECK(v[7] == Approx(100 - 17.5));       // hostile class, 2001: 100 - mean(12..23)
  CHECK(v[8] == Approx(12.0));
  // The sweep file's text round-trips.
  const SweepSpec again = spec_with(spec.normalised_text().substr(spec.normalised_text().find("[summaries]") + 12));
  REQUIRE(again.summaries.size() == 9);
  for (std::size_t k = 0; k < 9; ++k) {
    CHECK(again.summaries[k].kind == spec.summaries[k].kind);
    CHECK(again.summaries[k].threshold == spec.summaries[k].threshold);
    CHECK(again.summaries[k].songbun == spec.summaries[k].songbun);
  }
}

TEST_CASE("Sweep summaries: a measure that is not one, or a bad class, is a located error", "[sweep][summaries]") {
  CHECK_THROWS_WITH(spec_with("x = hostil.member_share mean 2000-01..2000-12\n"),
                    Catch::Contains("not SONGBUN.MEASURE of by_songbun.csv"));
  CHECK_THROWS_WITH(spec_with("x = member_share first_above high 2000-01..2000-12\n"),
                    Catch::Contains("is not a number"));
  CHECK_THROWS_WITH(spec_with("x = member_share median 2000-01..2000-12\n"), Catch::Contains("expected"));
}
