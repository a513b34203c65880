#include "sweep/plan.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "io/number_format.hpp"
#include "rng/keyed_rng.hpp"
#include "sweep/designs.hpp"

namespace partysim {

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
      char id[32];
      std::snprintf(id, sizeof id, "run%06zu", plan.runs.size());
      plan.runs.push_back({id, point, r, replicate_seed(spec.seed, r), points.values[point]});
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
  std::stringstream header(line);
  std::string cell;
  for (int k = 0; std::getline(header, cell, ','); ++k)
    if (k >= 4) plan.columns.push_back(cell);
  for (int number = 2; std::getline(in, line); ++number) {
    std::stringstream row(line);
    std::vector<std::string> cells;
    while (std::getline(row, cell, ',')) cells.push_back(cell);
    if (cells.size() != plan.columns.size() + 4)
      throw ScenarioError({{path + ":" + std::to_string(number), "malformed plan row"}});
    PlannedRun run;
    run.id = cells[0];
    run.point = std::stoul(cells[1]);
    run.replicate = std::stoi(cells[2]);
    run.seed = std::stoll(cells[3]);
    for (std::size_t k = 4; k < cells.size(); ++k) {
      const auto v = parse_number(cells[k]);
      if (!v) throw ScenarioError({{path + ":" + std::to_string(number), "'" + cells[k] + "' is not a number"}});
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
