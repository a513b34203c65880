// The phase timer of the benchmarks: each of the month's phases is charged its own time, and
// measuring does not change what the model computes.
#include <catch2/catch.hpp>
#include <cstring>
#include <vector>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "run/phase_timer.hpp"
#include "test_support.hpp"

using namespace partysim;

TEST_CASE("each phase is timed on its own and timing changes no result", "[simulation][bench]") {
  const Scenario scenario = test::scenario_with({{"households", "4000"}, {"months", "6"}});
  PhaseTimer times;
  std::vector<MonthRecord> timed, untimed;
  test::with_threads(2, [&] {
    Simulation measured(scenario);
    while (!measured.done()) timed.push_back(measured.step(&times));
    Simulation plain(scenario);
    while (!plain.done()) untimed.push_back(plain.step());
  });
  // Every phase does work every month, so each is charged some time (steady_clock counts
  // nanoseconds); a clock read charged to the wrong phase leaves one of them at 0.
  for (std::size_t phase = 0; phase < kPhaseCount; ++phase) {
    INFO("phase " << phase << ", " << kMonthPhases[phase].name << ": " << times.seconds(phase)
                  << " s");
    CHECK(times.seconds(phase) > 0);
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

namespace {
// Records the order in which the simulation announces phases.
struct PhaseLog : PhaseObserver {
  std::vector<std::pair<char, std::size_t>> calls;
  void phase_begins(std::size_t phase) override { calls.push_back({'b', phase}); }
  void phase_ends(std::size_t phase) override { calls.push_back({'e', phase}); }
};
}  // namespace

TEST_CASE("a month runs every registered phase once, in the order of the list", "[simulation]") {
  Simulation simulation(test::scenario_with({{"households", "500"}, {"months", "2"}}));
  PhaseLog log;
  simulation.step(&log);
  REQUIRE(log.calls.size() == 2 * kPhaseCount);
  for (std::size_t phase = 0; phase < kPhaseCount; ++phase) {
    INFO("phase " << phase << ", " << kMonthPhases[phase].name);
    CHECK(log.calls[2 * phase] == std::pair<char, std::size_t>{'b', phase});
    CHECK(log.calls[2 * phase + 1] == std::pair<char, std::size_t>{'e', phase});
  }
  CHECK(simulation.month() == 1);
}

TEST_CASE("the phase list names each phase once and says what it reads and writes", "[simulation]") {
  for (std::size_t p = 0; p < kPhaseCount; ++p) {
    const Phase& phase = kMonthPhases[p];
    INFO("phase " << p << ", " << phase.name);
    CHECK(!phase.name.empty());
    CHECK(!phase.reads.empty());
    CHECK(!phase.writes.empty());
    CHECK(phase.run != nullptr);
    for (std::size_t q = 0; q < p; ++q) CHECK(kMonthPhases[q].name != phase.name);
  }
  // The first phase sets the month's policy, the last observes it.
  CHECK(kMonthPhases.front().name == "policy");
  CHECK(kMonthPhases.back().name == "observation");
}
