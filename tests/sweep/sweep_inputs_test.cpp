// Unit tests of the checks against careless and hostile input (issue 17): shell quoting, the Slurm
// option checks, the run count of each design computed without building it.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "sweep/designs.hpp"
#include "sweep/plan.hpp"
#include "sweep/slurm.hpp"
#include "util/shell_quote.hpp"

using namespace partysim;

namespace {
// What /bin/sh makes of `word`, printed back.
std::string through_shell(const std::string& word) {
  FILE* pipe = ::popen(("printf '%s' " + shell_quoted(word)).c_str(), "r");
  std::string out;
  char buffer[256];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}
}  // namespace

TEST_CASE("shell_quoted gives a word the shell reads back unchanged, whatever it holds", "[sweep][quoting]") {
  for (const std::string word : {"plain/path-1.ini", "a b", "it's", "$(touch x)", "`id`", "a;b|c&d", "new\nline",
                                 "'", "''", "\\", "*?[", "~", "#x", "--set=a b", "%s", ""})
    CHECK(through_shell(word) == word);
  CHECK(shell_quoted("runs/m1") == "runs/m1");  // plain words stay readable
  CHECK(shell_command({"run", "a b", "x"}) == "run 'a b' x");
}

TEST_CASE("sweep slurm options are checked against Slurm's formats and for injection", "[sweep][slurm]") {
  const SlurmOptions good;
  CHECK(slurm_option_problems(good).empty());
  auto problems_with = [](auto change) {
    SlurmOptions o;
    change(o);
    return slurm_option_problems(o).size();
  };
  for (const std::string time : {"30", "30:00", "1:00:00", "2-0", "2-01:30", "2-01:30:00", "UNLIMITED"})
    CHECK(problems_with([&](SlurmOptions& o) { o.time = time; }) == 0);
  for (const std::string time : {"", "1:00:00\nid", "abc", "1:2:3:4", "2-", "-2", "1h", "2", "0:120"})
    CHECK(problems_with([&](SlurmOptions& o) { o.time = time; }) == 1);
  for (const std::string mem : {"4000", "4G", "512M", "1T", "0"})
    CHECK(problems_with([&](SlurmOptions& o) { o.mem = mem; }) == 0);
  for (const std::string mem : {"4GB", "G", "4.5G", "4G\nid", "-1"})
    CHECK(problems_with([&](SlurmOptions& o) { o.mem = mem; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.partition = "debug\nid"; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.account = "a b"; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.qos = "q'"; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.constraint = "intel&(ib|eth)"; }) == 0);
  CHECK(problems_with([](SlurmOptions& o) { o.constraint = "intel;id"; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.mail_type = "END,FAIL"; }) == 0);
  CHECK(problems_with([](SlurmOptions& o) { o.mail_type = "END,LATER"; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.mail_user = "me@example.org"; }) == 0);
  CHECK(problems_with([](SlurmOptions& o) { o.mail_user = "me@x\nid"; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.job_name = "my job"; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.directives = {"--gres=gpu:1", "--exclusive"}; }) == 0);
  CHECK(problems_with([](SlurmOptions& o) { o.directives = {"--gres=gpu:1\nid"}; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.directives = {"--array=0-9"}; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.directives = {"gres=gpu:1"}; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.setup = {"module load gcc/12 && export X='a b'"}; }) == 0);
  CHECK(problems_with([](SlurmOptions& o) { o.setup = {"module load gcc\nid"}; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.setup = {"   "}; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.setup = {""}; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.setup = {"echo 'open"}; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.setup = {"echo $(date"}; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.setup = {"cat <<EOF"}; }) == 1);
  CHECK(problems_with([](SlurmOptions& o) { o.setup = {"x \\"}; }) == 1);
}

TEST_CASE("a design's run count is known before it is built, and equals the plan's", "[sweep][plan]") {
  SweepSpec spec;
  spec.replicates = 3;
  spec.samples = 4;
  spec.seed = 2;
  for (int j = 0; j < 3; ++j) {
    VariedParameter p;
    p.key = "enforcement.crackdown_rate";
    p.min = 0.01;
    p.max = 0.02;
    spec.varied.push_back(p);
  }
  for (const Design design : {Design::lhs, Design::sobol, Design::morris}) {
    spec.design = design;
    CHECK(planned_run_count(spec) == static_cast<double>(make_plan(spec).runs.size()));
  }
  spec.varied[0].values = {1, 2};
  spec.varied[1].values = {1, 2, 3};
  spec.varied[2].values = {1, 2, 3, 4, 5};
  spec.design = Design::grid;
  CHECK(planned_run_count(spec) == 90);
  CHECK(planned_run_count(spec) == static_cast<double>(make_plan(spec).runs.size()));
  // Counted, not built: a grid of 10^12 points x 3 replicates.
  for (auto& p : spec.varied) p.values.assign(10000, 0.5);
  CHECK(planned_run_count(spec) == 3e12);
  CHECK(planned_run_count(spec) > kMaxPlannedRuns);
}
