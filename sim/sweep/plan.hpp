#pragma once
// A sweep's plan: one row per run (design point x replicate) with its seed and parameter values,
// written as plan.csv. The same sweep file always gives the same plan.
#include <string>
#include <vector>

#include "params/scenario.hpp"
#include "sweep/sweep_spec.hpp"

namespace partysim {

struct PlannedRun {
  std::string id;  // "run000000", ...
  std::size_t point = 0;
  int replicate = 0;
  long long seed = 0;
  std::vector<double> values;  // one per varied parameter (a factor for scaled ones)
};

struct Plan {
  std::vector<std::string> columns;  // the varied parameters' plan.csv columns
  std::vector<PlannedRun> runs;
};

// The id of the plan's run `index`: "run000000", ... (also its folder's name).
std::string run_id(std::size_t index);

// The fields of one line of a CSV file written by partysim (no quoting; empty fields kept).
std::vector<std::string> split_csv_line(const std::string& line);

// Replicate r's seed: the same for every design point (common random numbers), derived from the
// sweep seed by a keyed draw.
long long replicate_seed(long long sweep_seed, int replicate);

Plan make_plan(const SweepSpec& spec);
std::string plan_csv(const Plan& plan);
// Reads plan.csv; throws ScenarioError on a malformed file.
Plan read_plan(const std::string& path);

// The overrides that make a run's scenario from the sweep's base (with its fixed overrides
// applied): the varied parameters (a factor scales the base's value or schedule), then the seed.
std::vector<Override> run_overrides(const SweepSpec& spec, const Scenario& base, const PlannedRun& run);

}  // namespace partysim
