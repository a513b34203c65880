// The golden run (tests/golden/golden.ini) gives byte for byte the outputs recorded beside it.
// A regression check, not an oracle: it fails on any change to what the model computes, wrong or
// meant. A refactor must pass it unchanged; a change to the model updates the recorded files with
// scripts/update_golden, in the same commit, with the reason.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "params/scenario.hpp"
#include "test_support.hpp"

using namespace partysim;
namespace fs = std::filesystem;

namespace {
const fs::path kGoldenDir = fs::path(PARTYSIM_SCENARIO_DIR) / ".." / "tests" / "golden";

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);) parts.push_back(part);
  return parts;
}

// Where two CSV texts first differ: line, column name, and both values, for the failure message.
std::string first_difference(const std::string& golden, const std::string& now) {
  const auto golden_lines = split(golden, '\n'), now_lines = split(now, '\n');
  const auto header = split(golden_lines.empty() ? "" : golden_lines[0], ',');
  for (std::size_t row = 0; row < std::max(golden_lines.size(), now_lines.size()); ++row) {
    const std::string g = row < golden_lines.size() ? golden_lines[row] : "<no line>";
    const std::string n = row < now_lines.size() ? now_lines[row] : "<no line>";
    if (g == n) continue;
    const auto gf = split(g, ','), nf = split(n, ',');
    for (std::size_t k = 0; k < std::max(gf.size(), nf.size()); ++k) {
      const std::string a = k < gf.size() ? gf[k] : "<none>", b = k < nf.size() ? nf[k] : "<none>";
      if (a != b)
        return "line " + std::to_string(row + 1) + ", column '" +
               (k < header.size() ? header[k] : std::to_string(k + 1)) + "': recorded " + a +
               ", now " + b;
    }
    return "line " + std::to_string(row + 1);
  }
  return "none";
}
}  // namespace

TEST_CASE("the golden run's outputs are unchanged (tests/golden, scripts/update_golden)",
          "[golden]") {
  const Scenario scenario = Scenario::load((kGoldenDir / "golden.ini").string());
  const auto now = test::run_files(
      scenario, 2, fs::temp_directory_path() / ("partysim-golden-test-" + std::to_string(::getpid())));
  for (const char* name : {"timeseries.csv", "by_songbun.csv"}) {
    const std::string golden = test::read_file(kGoldenDir / name);
    REQUIRE(now.count(name) == 1);
    INFO(name << ": first difference at " << first_difference(golden, now.at(name))
              << ". If the model was meant to change, run scripts/update_golden and commit the "
                 "new files with the reason.");
    REQUIRE(golden.size() > 1000);  // the recorded file is there
    CHECK((now.at(name) == golden));  // not CHECK(a == b): Catch would print whole files
  }
}
