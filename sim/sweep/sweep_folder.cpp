#include "sweep/sweep_folder.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/atomic_files.hpp"
#include "io/output_folder.hpp"
#include "io/output_schema.hpp"
#include "params/calendar.hpp"
#include "params/scenario_text.hpp"

namespace fs = std::filesystem;

namespace partysim {

namespace {
std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Scenario base_with_fixed(const SweepSpec& spec, const std::string& base_file) {
  Scenario base = Scenario::load(base_file);
  base.apply(spec.fixed);
  return base;
}
}  // namespace

SweepFolder SweepFolder::open(const std::string& dir) {
  if (!fs::exists(fs::path(dir) / "plan.csv"))
    throw ScenarioError({{dir, "not a planned sweep folder (no plan.csv); run 'partysim sweep plan' first"}});
  SweepFolder folder{dir, SweepSpec::load(dir + "/sweep.ini"), Scenario(), Plan()};
  folder.base = base_with_fixed(folder.spec, folder.spec.base_path);
  folder.plan = read_plan(dir + "/plan.csv");
  std::vector<std::string> columns;
  for (const auto& p : folder.spec.varied) columns.push_back(p.column());
  if (folder.plan.columns != columns)
    throw ScenarioError({{dir + "/plan.csv:1", "the plan's parameter columns do not match sweep.ini's [vary]"}});
  for (const auto& run : folder.plan.runs)
    if (run.replicate >= folder.spec.replicates)
      throw ScenarioError({{dir + "/plan.csv", run.id + " has replicate " + std::to_string(run.replicate) +
                                                   ", but the sweep has " + std::to_string(folder.spec.replicates)}});
  return folder;
}

Scenario SweepFolder::scenario_of(const PlannedRun& run) const {
  Scenario scenario = base;
  scenario.apply(run_overrides(spec, base, run));
  return scenario;
}

std::size_t plan_sweep(const std::string& sweep_file, const std::string& dir, std::optional<Keep> keep) {
  SweepSpec spec = SweepSpec::load(sweep_file);
  if (keep) spec.keep = *keep;
  const Scenario base = base_with_fixed(spec, spec.base_path);
  const Plan plan = make_plan(spec);

  // Every design point must make a valid scenario, and every summary window must lie in the run.
  std::vector<InputProblem> problems;
  for (const PlannedRun& run : plan.runs) {
    if (run.replicate != 0) continue;
    try {
      Scenario scenario = base;
      scenario.apply(run_overrides(spec, base, run));
      const int first = scenario.start_month();
      const int last = first + static_cast<int>(scenario.integer(P::months)) - 1;
      for (const auto& s : spec.summaries) {
        const int from = s.kind == SummarySpec::Kind::change ? std::min(s.from, s.before_from) : s.from;
        const int to = s.kind == SummarySpec::Kind::change ? std::max(s.to, s.before_to) : s.to;
        if (from < first || to > last)
          problems.push_back({sweep_file, "design point " + std::to_string(run.point) + ": summary " +
                                              s.name + " reaches outside the run (" + format_month(first) +
                                              ".." + format_month(last) + ")"});
      }
    } catch (const ScenarioError& e) {
      for (const auto& p : e.problems()) problems.push_back({sweep_file, "design point " + std::to_string(run.point) + ": " + p.text()});
      if (problems.size() >= 20) break;
    }
  }
  if (problems.size() > 20) problems.resize(20);
  if (!problems.empty()) throw ScenarioError(problems);

  // base.ini freezes the scenario as it is now, so later edits of it do not change the sweep.
  const std::string plan_text = plan_csv(plan);
  const std::string base_text = scenario_text(Scenario::load(spec.base_path));
  const std::string sweep_text = spec.normalised_text();
  const fs::path folder(dir);
  if (fs::exists(folder / "plan.csv")) {
    for (const auto& [file, text] : {std::pair{"plan.csv", &plan_text}, std::pair{"sweep.ini", &sweep_text},
                                     std::pair{"base.ini", &base_text}})
      if (read_text(folder / file) != *text)
        throw OutputError("'" + dir + "' already holds a different sweep (its " + file +
                          " differs); choose another --out");
    return plan.runs.size();
  }
  std::error_code ec;
  fs::create_directories(folder / "runs", ec);
  if (ec) throw OutputError("cannot create '" + dir + "': " + ec.message());
  AtomicFiles files;
  files.open(folder / "base.ini") << base_text;
  files.open(folder / "sweep.ini") << sweep_text;
  files.open(folder / kOutputsSchemaFileName) << outputs_schema(false).text() << "\n";  // the runs' columns
  files.open(folder / "plan.csv") << plan_text;  // renamed last: its presence marks a planned folder
  files.commit();
  return plan.runs.size();
}

}  // namespace partysim
