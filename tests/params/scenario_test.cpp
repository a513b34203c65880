#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "params/parameter_table.hpp"
#include "params/scenario.hpp"
#include "params/scenario_text.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
std::string write_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("partysim_test_" + name);
  std::ofstream(path) << text;
  return path.string();
}
const char* const kHeader = "schema_version = 1\nstart = 2000-01\nmonths = 12\nhouseholds = 100\nseed = 3\n";

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
  CHECK(s.origin(P::crackdown_rate) == path + ":7");

  const Scenario o = Scenario::load(path, {{"enforcement.crackdown_rate", "0.05", "--set"},
                                           {"seed", "9", "--seed"}});
  CHECK(o.real(P::crackdown_rate) == 0.05);
  CHECK(o.integer(P::seed) == 9);
  CHECK(o.origin(P::seed) == "--seed");
}

TEST_CASE("scenario errors name file, line, key, range and the nearest key", "[params]") {
  const auto path = write_file("bad.ini", std::string(kHeader) +
                                              "[enforcement]\n"
                                              "crackdwn_rate = 0.02\n"        // line 7
                                              "expel_if_caught = 1.5\n"       // line 8
                                              "absence_detection = abc\n");   // line 9
  const auto problems = problems_of(path);
  REQUIRE(problems.size() == 3);
  CHECK_THAT(problems[0], Catch::Contains(path + ":7") &&
                              Catch::Contains("did you mean 'enforcement.crackdown_rate'"));
  CHECK_THAT(problems[1], Catch::Contains(path + ":8") && Catch::Contains("out of range") &&
                              Catch::Contains("[0, 1] probability"));
  CHECK_THAT(problems[2], Catch::Contains(path + ":9") && Catch::Contains("not a number"));
}

TEST_CASE("required keys, duplicates, whole numbers and consistency are checked", "[params]") {
  CHECK_THAT(problems_of(write_file("noseed.ini", "schema_version = 1\nstart = 2000-01\nmonths = 1\nhouseholds = 5\n"))[0],
             Catch::Contains("'seed'"));
  CHECK_THAT(problems_of(write_file("dup.ini", std::string(kHeader) + "seed = 4\n"))[0],
             Catch::Contains(":6") && Catch::Contains("more than once"));
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

TEST_CASE("a scenario may start from a base and override its keys", "[params][base]") {
  write_file("base_parent.ini", std::string(kHeader) + "[enforcement]\ncrackdown_rate = 0.03\n"
                                                       "absence_detection = 0.04\n");
  const auto child = write_file("base_child.ini", "schema_version = 1\nbase = partysim_test_base_parent.ini\n"
                                                  "seed = 8\n[enforcement]\ncrackdown_rate = 0.05\n");
  const Scenario s = Scenario::load(child);
  CHECK(s.name() == "partysim_test_base_child");
  CHECK(s.real(P::crackdown_rate) == 0.05);    // the child's value wins
  CHECK(s.real(P::absence_detection) == 0.04); // the base's value stays
  CHECK(s.integer(P::seed) == 8);
  CHECK(s.integer(P::months) == 12);           // required keys may come from the base
  CHECK_THAT(s.origin(P::absence_detection), Catch::Contains("partysim_test_base_parent.ini:8"));
}

TEST_CASE("missing bases and cycles of bases are clear errors", "[params][base]") {
  const auto orphan = write_file("orphan.ini", "schema_version = 1\nbase = no_such_file.ini\n");
  CHECK_THAT(problems_of(orphan)[0], Catch::Contains(orphan + ":2") &&
                                         Catch::Contains("no_such_file.ini") &&
                                         Catch::Contains("does not exist"));
  write_file("cycle_a.ini", "schema_version = 1\nbase = partysim_test_cycle_b.ini\n");
  const auto b = write_file("cycle_b.ini", "schema_version = 1\nbase = partysim_test_cycle_a.ini\n");
  CHECK_THAT(problems_of(b)[0], Catch::Contains("cycle") &&
                                    Catch::Contains("partysim_test_cycle_b.ini -> partysim_test_cycle_a.ini -> partysim_test_cycle_b.ini"));
  const auto self = write_file("self.ini", "schema_version = 1\nbase = partysim_test_self.ini\n");
  CHECK_THAT(problems_of(self)[0], Catch::Contains("cycle"));
}

TEST_CASE("schema versions: newer and older files are refused, missing ones too", "[params][schema]") {
  CHECK(schema_version_problem(kSchemaVersion, schema_changes()).empty());
  CHECK_THAT(schema_version_problem(kSchemaVersion + 1, schema_changes()),
             Catch::Contains("newer") && Catch::Contains("use a newer partysim"));
  // An older file gets the list of keys that changed since its version.
  const std::vector<SchemaChange> changes = {
      {kSchemaVersion, "enforcement.crackdown", "enforcement.crackdown_rate", "renamed"},
      {kSchemaVersion, "market.tax_rate", "", ""}};
  const std::string older = schema_version_problem(kSchemaVersion - 1, changes);
  CHECK_THAT(older, Catch::Contains("older") &&
                        Catch::Contains("enforcement.crackdown is now enforcement.crackdown_rate") &&
                        Catch::Contains("market.tax_rate was removed"));
  const auto newer = write_file("newer.ini", "schema_version = 99\nstart = 2000-01\nmonths = 1\n"
                                             "households = 5\nseed = 1\n");
  CHECK_THAT(problems_of(newer)[0], Catch::Contains(newer + ":1") && Catch::Contains("newer"));
  const auto unversioned = write_file("unversioned.ini", "start = 2000-01\nmonths = 1\nhouseholds = 5\nseed = 1\n");
  CHECK_THAT(problems_of(unversioned)[0], Catch::Contains("does not state schema_version"));
}

TEST_CASE("show's text is a complete scenario that reads back to the same values", "[params][show]") {
  const Scenario original = test::scenario_with({{"market.market_return", "2000-01:20, 2009-11:55, 2009-11:30"},
                                                 {"households", "1234"}, {"enforcement.crackdown_rate", "0.0375"}});
  const std::string text = scenario_text(original);
  const Scenario reread = Scenario::load(write_file("shown.ini", text));
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const auto id = static_cast<ParamId>(i);
    CHECK(reread.schedule(id) == original.schedule(id));
  }
  CHECK(scenario_text(reread) == text);
}

TEST_CASE("spin_up_from: none by default, a month not after start, checked like any key", "[params][spin-up]") {
  const Scenario defaults;
  CHECK(value_text(defaults, P::spin_up_from) == "none");
  CHECK(defaults.spin_up_months() == 0);
  CHECK(defaults.first_month() == defaults.start_month());
  CHECK(defaults.simulated_months() == defaults.integer(P::months));

  const Scenario warm = test::scenario_with({{"start", "2012-01"}, {"spin_up_from", "2000-01"}, {"months", "24"}});
  CHECK(value_text(warm, P::spin_up_from) == "2000-01");
  CHECK(warm.spin_up_months() == 144);
  CHECK(warm.first_month() == 2000 * 12);
  CHECK(warm.simulated_months() == 144 + 24);
  CHECK(test::scenario_with({{"start", "2012-01"}, {"spin_up_from", "2012-01"}}).spin_up_months() == 0);
  CHECK(test::scenario_with({{"spin_up_from", "2000-01"}, {"spin_up_from", "none"}}).spin_up_months() == 0);

  // show's text reads back, none included.
  for (const Scenario* s : {&defaults, &warm}) {
    const Scenario reread = Scenario::load(write_file("spin_up_shown.ini", scenario_text(*s)));
    CHECK(reread.schedule(P::spin_up_from) == s->schedule(P::spin_up_from));
  }

  const auto after = write_file("spin_up_after.ini", std::string(kHeader) + "spin_up_from = 2001-06\n");
  CHECK_THAT(problems_of(after)[0], Catch::Contains(after + ":6") && Catch::Contains("spin_up_from = 2001-06") &&
                                        Catch::Contains("is after start = 2000-01") &&
                                        Catch::Contains("must not be later than start"));
  // A start moved before the file's spin-up on the command line names both places.
  const auto file = write_file("spin_up_ok.ini", "schema_version = 1\nstart = 2005-01\nmonths = 12\n"
                                                  "households = 100\nseed = 3\nspin_up_from = 2001-06\n");
  CHECK(Scenario::load(file).spin_up_months() == 43);
  CHECK_THAT(problems_of(file, {{"start", "2001-05", "--start"}})[0],
             Catch::Contains(file + ":6") && Catch::Contains("is after start = 2001-05 (--start)"));
  CHECK_THAT(problems_of(file, {{"spin_up_from", "1899-12", "--spin_up_from"}})[0],
             Catch::Contains("--spin_up_from") && Catch::Contains("out of range") &&
                 Catch::Contains("from 1900-01 to 2200-01, or none"));
  CHECK_THAT(problems_of(file, {{"spin_up_from", "2000", "--set"}})[0],
             Catch::Contains("'2000' is not a month (expected YYYY-MM or none)"));
  // none is only a value of a date that may be none.
  CHECK_THAT(problems_of(file, {{"start", "none", "--set"}})[0],
             Catch::Contains("'none' is not a month (expected YYYY-MM)"));
  // The consistency of price floor and cap is checked over the spin-up's months too.
  CHECK_THAT(problems_of(file, {{"secretary.price_floor", "2002-01:5, 2002-02:5000, 2002-03:5", "--set"}})[0],
             Catch::Contains("is above secretary.price_cap") && Catch::Contains("in 2002-02"));
}
