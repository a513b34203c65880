// The phase timer of the benchmarks: each of the month's phases is charged its own time, and
// measuring does not change what the model computes.
#include <catch2/catch.hpp>
#include <cstring>
#include <vector>

#include "model/simulation.hpp"
#include "test_support.hpp"

using namespace partysim;

TEST_CASE("each phase is timed on its own and timing changes no result", "[simulation][bench]") {
  const Scenario scenario = test::scenario_with({{"households", "4000"}, {"months", "6"}});
  PhaseTimes times;
  std::vector<MonthRecord> timed, untimed;
  test::with_threads(2, [&] {
    Simulation measured(scenario);
    measured.measure_phases(&times);
    while (!measured.done()) timed.push_back(measured.step());
    Simulation plain(scenario);
    while (!plain.done()) untimed.push_back(plain.step());
  });
  // Every phase does work every month, so each is charged some time (steady_clock counts
  // nanoseconds); a clock read charged to the wrong phase leaves one of them at 0.
  for (std::size_t phase = 0; phase < PhaseTimes::kCount; ++phase) {
    INFO("phase " << phase << ", " << PhaseTimes::kNames[phase] << ": " << times.seconds[phase]
                  << " s");
    CHECK(times.seconds[phase] > 0);
  }
  REQUIRE(timed.size() == untimed.size());
  for (std::size_t month = 0; month < timed.size(); ++month) {
    INFO("month " << month);
    // Byte for byte (an empty mean is a NaN, which == would call different).
    CHECK(std::memcmp(timed[month].values.data(), untimed[month].values.data(),
                      sizeof timed[month].values) == 0);
    CHECK(std::memcmp(timed[month].by_songbun.data(), untimed[month].by_songbun.data(),
                      sizeof timed[month].by_songbun) == 0);
  }
}
