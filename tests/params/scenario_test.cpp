#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "params/parameter_table.hpp"
#include "params/scenario.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
std::string write_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("partysim_test_" + name);
  std::ofstream(path) << text;
  return path.string();
}
const char* const kHeader = "start = 2000-01\nmonths = 12\nhouseholds = 100\nseed = 3\n";

std::vector<std::string> problems_of(const std::string& path, const std::vector<Override>& o = {}) {
  try {
    Scenario::load(path, o);
  } catch (const ScenarioError& e) {
    std::vector<std::string> texts;
    for (const auto& p : e.problems()) texts.push_back(p.text());
    return texts;
  }
  FAIL("expected a ScenarioError");
  return {};
}
}  // namespace

TEST_CASE("the parameter table is complete and consistent", "[params]") {
  std::set<std::string> keys;
  for (const auto& s : parameter_table()) {
    CHECK(keys.insert(s.key()).second);  // unique
    CHECK_FALSE(s.unit.empty());
    CHECK_FALSE(s.meaning.empty());
    CHECK_FALSE(s.source.empty());
    CHECK(s.min <= s.max);
  }
  CHECK(keys.size() == kParamCount);
  CHECK_NOTHROW(Scenario());  // every default parses and is in range
}

TEST_CASE("sections group keys in scenario files, and overrides win", "[params]") {
  const auto path = write_file("sections.ini", std::string(kHeader) +
                                                   "[enforcement]\ncrackdown_rate = 0.03  # comment\n"
                                                   "[market]\nmarket_return = 2000-01:20, 2019-12:60\n");
  const Scenario s = Scenario::load(path);
  CHECK(s.name() == "partysim_test_sections");
  CHECK(s.real(P::crackdown_rate) == 0.03);
  CHECK(s.integer(P::months) == 12);
  CHECK(s.start_month() == 2000 * 12);
  CHECK(s.schedule(P::market_return).text() == "2000-01:20, 2019-12:60");
  CHECK(s.origin(P::crackdown_rate) == path + ":6");

  const Scenario o = Scenario::load(path, {{"enforcement.crackdown_rate", "0.05", "--set"},
                                           {"seed", "9", "--seed"}});
  CHECK(o.real(P::crackdown_rate) == 0.05);
  CHECK(o.integer(P::seed) == 9);
  CHECK(o.origin(P::seed) == "--seed");
}

TEST_CASE("scenario errors name file, line, key, range and the nearest key", "[params]") {
  const auto path = write_file("bad.ini", std::string(kHeader) +
                                              "[enforcement]\n"
                                              "crackdwn_rate = 0.02\n"        // line 6
                                              "expel_if_caught = 1.5\n"       // line 7
                                              "absence_detection = abc\n");   // line 8
  const auto problems = problems_of(path);
  REQUIRE(problems.size() == 3);
  CHECK_THAT(problems[0], Catch::Contains(path + ":6") &&
                              Catch::Contains("did you mean 'enforcement.crackdown_rate'"));
  CHECK_THAT(problems[1], Catch::Contains(path + ":7") && Catch::Contains("out of range") &&
                              Catch::Contains("[0, 1] probability"));
  CHECK_THAT(problems[2], Catch::Contains(path + ":8") && Catch::Contains("not a number"));
}

TEST_CASE("required keys, duplicates, whole numbers and consistency are checked", "[params]") {
  CHECK_THAT(problems_of(write_file("noseed.ini", "start = 2000-01\nmonths = 1\nhouseholds = 5\n"))[0],
             Catch::Contains("'seed'"));
  CHECK_THAT(problems_of(write_file("dup.ini", std::string(kHeader) + "seed = 4\n"))[0],
             Catch::Contains(":5") && Catch::Contains("more than once"));
  CHECK_THAT(problems_of(write_file("frac.ini", std::string(kHeader) + "[population]\ncell_size = 2.5\n"))[0],
             Catch::Contains("whole number"));
  CHECK_THAT(problems_of(write_file("shares.ini", std::string(kHeader) +
                                                   "[population]\nsongbun_share_core = 0.5\n"))[0],
             Catch::Contains("sum to 1"));
  CHECK_THAT(problems_of(write_file("missing_dir/none.ini", "")), Catch::VectorContains(
      std::filesystem::temp_directory_path().string() + "/partysim_test_missing_dir/none.ini: scenario file does not exist"));
}

TEST_CASE("nearest keys help with typos but not with nonsense", "[params]") {
  CHECK(nearest_key("enforcement.crackdwn_rate") == "enforcement.crackdown_rate");
  CHECK(nearest_key("crackdown_rate") == "enforcement.crackdown_rate");
  CHECK(nearest_key("market.market_retrun") == "market.market_return");
  CHECK(nearest_key("zzzzzzzzzzzzzzzz").empty());
}

TEST_CASE("overrides are checked like file values", "[params]") {
  CHECK_THROWS_AS(test::scenario_with({{"households", "-5"}}), ScenarioError);
  CHECK_THROWS_AS(test::scenario_with({{"months", "0"}}), ScenarioError);
  CHECK_THROWS_AS(test::scenario_with({{"market.market_return", "2019-12:60, 2000-01:20"}}), ScenarioError);
  CHECK_THROWS_AS(test::scenario_with({{"population.cell_size", "2000-01:5"}}), ScenarioError);
  CHECK_NOTHROW(test::scenario_with({{"enforcement.crackdown_rate", "2000-01:0.02,2009-11:0.06,2010-06:0.02"}}));
}
