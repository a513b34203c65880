#include "sweep/sweep_folder.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/atomic_files.hpp"
#include "io/output_folder.hpp"
#include "io/output_schema.hpp"
#include "model/month_record.hpp"
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

// The lines of a text file written by partysim: "" when it is whole (ends with a newline and every
// line has `fields` comma-separated fields, or as many as the first line when `fields` is 0),
// else what is wrong.
std::string csv_problem(const fs::path& file, std::size_t& lines, std::size_t fields = 0) {
  lines = 0;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return file.filename().string() + " is missing";
  const std::string text = read_text(file);
  if (text.empty()) return file.filename().string() + " is empty";
  if (text.back() != '\n') return file.filename().string() + " is cut short (its last line is not whole)";
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = text.find('\n', begin);
    const std::size_t count = 1 + static_cast<std::size_t>(
                                      std::count(text.begin() + static_cast<std::ptrdiff_t>(begin),
                                                 text.begin() + static_cast<std::ptrdiff_t>(end), ','));
    if (fields == 0) fields = count;
    if (count != fields)
      return file.filename().string() + " line " + std::to_string(lines + 1) + " has " + std::to_string(count) +
             " fields, not " + std::to_string(fields);
    ++lines;
    begin = end + 1;
  }
  return "";
}

// The first line where two texts differ, for a message.
std::string first_difference(const std::string& a, const std::string& b) {
  std::stringstream sa(a), sb(b);
  std::string la, lb;
  for (;;) {
    const bool more_a = static_cast<bool>(std::getline(sa, la));
    const bool more_b = static_cast<bool>(std::getline(sb, lb));
    if (!more_a && !more_b) return "";
    if (!more_a) la = "(nothing)";
    if (!more_b) lb = "(nothing)";
    if (la != lb) return "'" + la.substr(0, 100) + "' where '" + lb.substr(0, 100) + "' was expected";
  }
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
  // plan.csv is the plan of sweep.ini, or it was edited: runs would be done, or collected, under
  // values they were not run with.
  const std::string expected = plan_csv(make_plan(folder.spec));
  if (const std::string d = first_difference(read_text(fs::path(dir) / "plan.csv"), expected); !d.empty())
    throw ScenarioError({{dir + "/plan.csv", "is not the plan of its sweep.ini (it has " + d +
                                                 "); was it edited? Plan the changed sweep into a new folder "
                                                 "with 'partysim sweep plan'"}});
  return folder;
}

Scenario SweepFolder::scenario_of(const PlannedRun& run) const {
  Scenario scenario = base;
  scenario.apply(run_overrides(spec, base, run));
  return scenario;
}

std::string SweepFolder::run_problem(const PlannedRun& run) const {
  const fs::path path = run_dir(run);
  std::error_code ec;
  if (!fs::exists(path, ec) && !fs::is_symlink(path, ec)) return "runs/" + run.id + ": not run";
  if (!fs::is_directory(path, ec)) return "runs/" + run.id + " is not a folder";
  const Scenario scenario = scenario_of(run);
  const std::size_t months = static_cast<std::size_t>(scenario.integer(P::months));
  // Only the files the sweep keeps (sweep.ini's keep) are asked for: summary.csv and the record
  // always, timeseries.csv and run.json unless keep = summary, by_songbun.csv with keep = all.
  std::size_t lines = 0;
  std::string problem;
  if (spec.keep != Keep::summary) {
    problem = csv_problem(path / "timeseries.csv", lines);
    if (problem.empty() && lines != months + 1)
      problem = "timeseries.csv has " + std::to_string(lines > 0 ? lines - 1 : 0) + " of " +
                std::to_string(months) + " months";
  }
  if (problem.empty() && spec.keep == Keep::all) {
    problem = csv_problem(path / "by_songbun.csv", lines);
    if (problem.empty() && lines != months * kSongbunCount * kSongbunMeasureCount + 1)
      problem = "by_songbun.csv has " + std::to_string(lines) + " lines, not " +
                std::to_string(months * kSongbunCount * kSongbunMeasureCount + 1);
  }
  if (problem.empty()) problem = csv_problem(path / "summary.csv", lines, spec.summaries.size() + 1);
  if (problem.empty() && lines != 2) problem = "summary.csv has " + std::to_string(lines) + " lines, not 2";
  if (problem.empty() && read_text(path / "summary.csv").find("\n" + run.id + ",") == std::string::npos &&
      read_text(path / "summary.csv").find("\n" + run.id + "\n") == std::string::npos)
    problem = "summary.csv is not " + run.id + "'s";
  if (problem.empty() && spec.keep != Keep::summary) {
    const std::string json = read_text(path / "run.json");
    if (json.find_last_not_of(" \n") == std::string::npos || json[json.find_last_not_of(" \n")] != '}')
      problem = "run.json is missing or cut short";
  }
  if (problem.empty()) {
    if (!fs::is_regular_file(path / kRunRecordFile, ec))
      problem = std::string(kRunRecordFile) + " (the record of what it ran) is missing";
    else if (const std::string d = first_difference(read_text(path / kRunRecordFile), scenario_text(scenario));
             !d.empty())
      problem = "it ran other parameters than its plan row (its " + std::string(kRunRecordFile) + " has " + d + ")";
  }
  return problem.empty() ? "" : "runs/" + run.id + ": " + problem;
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
  fs::path normal = fs::path(dir).lexically_normal();  // "sw/" names the folder sw
  if (normal.filename().empty() && normal.has_parent_path()) normal = normal.parent_path();
  const std::string name = normal.filename().string();
  const std::string given = fs::path(dir).filename().string();  // "x/.." names no new folder either
  if (dir.empty() || name.empty() || name == "." || name == ".." || given == "." || given == "..")
    throw OutputError("--out '" + dir + "' does not name a sweep folder; give a new folder's name, e.g. sweeps/crackdown");
  std::error_code ec;
  if (fs::exists(folder, ec) && !fs::exists(folder / "plan.csv", ec) &&
      (!fs::is_directory(folder, ec) || !fs::is_empty(folder, ec)))
    throw OutputError("'" + dir + "' exists and is not a sweep folder (no plan.csv; not an empty folder); "
                      "choose another --out");
  if (fs::exists(folder / "plan.csv")) {
    for (const auto& [file, text] : {std::pair{"plan.csv", &plan_text}, std::pair{"sweep.ini", &sweep_text},
                                     std::pair{"base.ini", &base_text}})
      if (read_text(folder / file) != *text)
        throw OutputError("'" + dir + "' already holds a different sweep (its " + file +
                          " differs); choose another --out");
    return plan.runs.size();
  }
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
