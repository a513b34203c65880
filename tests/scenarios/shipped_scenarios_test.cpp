// Every shipped scenario validates and runs 24 months at 5,000 households with the invariants
// holding.
#include <catch2/catch.hpp>
#include <filesystem>
#include <oneapi/tbb/task_arena.h>

#include "model/simulation.hpp"
#include "test_support.hpp"

using namespace partysim;

TEST_CASE("every shipped scenario runs 24 months at 5,000 households", "[scenarios]") {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(PARTYSIM_SCENARIO_DIR))
    if (entry.path().extension() == ".ini") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 11);
  for (const std::string& file : files) {
    INFO(file);
    const Scenario scenario =
        Scenario::load(file, {{"households", "5000", "test"}, {"months", "24", "test"}});
    const auto records = test::run_all(scenario);
    REQUIRE(records.size() == 24);
    for (const MonthRecord& r : records) {
      using M = Measure;
      CHECK(r[M::outsiders] + r[M::applicants] + r[M::candidates] + r[M::members] + r[M::cadres] +
                r[M::expelled] == 5000);
      CHECK(r[M::entry_bribes_paid_total_usd] ==
            Approx(r[M::secretary_entry_income_total_usd]).epsilon(1e-12));
    }
  }
}
