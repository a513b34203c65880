#include "sweep/plan.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "util/number_format.hpp"
#include "rng/keyed_rng.hpp"
#include "sweep/designs.hpp"

namespace partysim {

std::string run_id(std::size_t index) {
  char id[32];
  std::snprintf(id, sizeof id, "run%06zu", index);
  return id;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t comma = line.find(',', begin);
    cells.push_back(line.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
    if (comma == std::string::npos) return cells;
    begin = comma + 1;
  }
}

long long replicate_seed(long long sweep_seed, int replicate) {
  return static_cast<long long>(derived_seed(static_cast<std::uint64_t>(sweep_seed),
                                             static_cast<std::uint64_t>(replicate)));
}

Plan make_plan(const SweepSpec& spec) {
  Plan plan;
  for (const auto& p : spec.varied) plan.columns.push_back(p.column());
  const DesignPoints points = expand_design(spec);
  for (std::size_t point = 0; point < points.values.size(); ++point)
    for (int r = 0; r < spec.replicates; ++r) {
      plan.runs.push_back({run_id(plan.runs.size()), point, r, replicate_seed(spec.seed, r),
                           points.values[point]});
    }
  return plan;
}

std::string plan_csv(const Plan& plan) {
  std::string text = "run_id,point,replicate,seed";
  for (const auto& c : plan.columns) text += "," + c;
  text += "\n";
  for (const auto& run : plan.runs) {
    text += run.id + "," + std::to_string(run.point) + "," + std::to_string(run.replicate) + "," +
            std::to_string(run.seed);
    for (double v : run.values) text += "," + format_number(v);
    text += "\n";
  }
  return text;
}

Plan read_plan(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ScenarioError({{path, "plan file does not exist; run 'partysim sweep plan' first"}});
  Plan plan;
  std::string line;
  std::getline(in, line);
  const auto header = split_csv_line(line);
  if (header.size() < 4 || header[0] != "run_id" || header[1] != "point" || header[2] != "replicate" ||
      header[3] != "seed")
    throw ScenarioError({{path + ":1", "not a plan header (run_id,point,replicate,seed,...)"}});
  plan.columns.assign(header.begin() + 4, header.end());
  // Every field is checked: run ids become folder names, points index arrays.
  auto whole = [&](const std::string& text, int number, double max) {
    const auto v = parse_number(text);
    if (!v || *v < 0 || *v > max || *v != std::floor(*v))
      throw ScenarioError({{path + ":" + std::to_string(number), "'" + text + "' is not a whole number in [0, " +
                                                                       format_number(max) + "]"}});
    return *v;
  };
  for (int number = 2; std::getline(in, line); ++number) {
    const auto cells = split_csv_line(line);
    const std::string where = path + ":" + std::to_string(number);
    if (cells.size() != header.size())
      throw ScenarioError({{where, "a plan row has " + std::to_string(cells.size()) + " fields, the header " +
                                       std::to_string(header.size())}});
    PlannedRun run;
    run.id = run_id(plan.runs.size());
    if (cells[0] != run.id) throw ScenarioError({{where, "expected run id " + run.id + ", found '" + cells[0] + "'"}});
    run.point = static_cast<std::size_t>(whole(cells[1], number, 1e9));
    run.replicate = static_cast<int>(whole(cells[2], number, 1e6));
    run.seed = static_cast<long long>(whole(cells[3], number, 9007199254740991.0));
    if (!plan.runs.empty() && run.point < plan.runs.back().point)
      throw ScenarioError({{where, "design points are out of order"}});
    for (std::size_t k = 4; k < cells.size(); ++k) {
      const auto v = parse_number(cells[k]);
      if (!v) throw ScenarioError({{where, "'" + cells[k] + "' is not a number"}});
      run.values.push_back(*v);
    }
    plan.runs.push_back(run);
  }
  return plan;
}

std::vector<Override> run_overrides(const SweepSpec& spec, const Scenario& base, const PlannedRun& run) {
  std::vector<Override> overrides;
  for (std::size_t j = 0; j < spec.varied.size(); ++j) {
    const VariedParameter& p = spec.varied[j];
    const std::string where = "plan " + run.id + ", " + p.column();
    if (p.scale) {
      const auto id = *find_param(p.key);
      overrides.push_back({p.key, base.schedule(id).scaled(run.values[j]).text(), where});
    } else {
      overrides.push_back({p.key, format_number(run.values[j]), where});
    }
  }
  overrides.push_back({"seed", std::to_string(run.seed), "plan " + run.id + ", seed"});
  return overrides;
}

}  // namespace partysim
