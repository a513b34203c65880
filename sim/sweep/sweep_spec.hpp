#pragma once
// A sweep file: the base scenario, fixed overrides, replicates, a design over varied parameters
// and the summaries to compute from each run. INI, read with Boost.Program_options like a
// scenario (see README "Sweeps" for the syntax).
#include <string>
#include <vector>

#include "params/scenario.hpp"

namespace partysim {

enum class Design { grid, list, lhs, sobol, morris };

// One varied parameter.
struct VariedParameter {
  std::string key;              // a parameter key, e.g. enforcement.crackdown_rate
  bool scale = false;           // values multiply the base scenario's value or schedule
  std::vector<double> values;   // grid and list designs
  double min = 0, max = 0;      // sampling designs (lhs, sobol, morris)
  bool log = false;             // sample log-uniformly (or space a grid range logarithmically)

  // The plan.csv column: the key, or "scale(key)" for a factor.
  std::string column() const { return scale ? "scale(" + key + ")" : key; }
  // The value at u in [0, 1] for sampling designs.
  double at_unit(double u) const;
};

// A statistic of one measure of timeseries.csv over a run, one column of summary.csv.
struct SummarySpec {
  enum class Kind { at, mean, change } kind;
  std::string name;     // the column name
  std::string measure;  // a timeseries.csv measure
  int from = 0, to = 0;             // months (absolute) of the (second) window, inclusive
  int before_from = 0, before_to = 0;  // the first window of a change
};

struct SweepSpec {
  std::string path;       // the sweep file
  std::string base_path;  // the base scenario, resolved
  Design design = Design::grid;
  int replicates = 1;
  long long seed = 1;
  int samples = 0;  // lhs: points; sobol: base samples N; morris: trajectories
  int levels = 4;   // morris grid levels
  std::vector<Override> fixed;
  std::vector<VariedParameter> varied;
  std::vector<SummarySpec> summaries;

  // Reads and checks a sweep file; throws ScenarioError with every problem (file and line).
  static SweepSpec load(const std::string& path);
  // The sweep file's own text for a plan folder: the same content with base = base.ini.
  std::string normalised_text() const;
};

std::string design_name(Design design);

// The number of runs a sweep plans (design points x replicates), computed without building the
// design, and an estimate of the memory planning takes per run. SweepSpec::load refuses a sweep
// of more than kMaxPlannedRuns runs: a plan is held in memory, and each run is a simulation.
inline constexpr double kMaxPlannedRuns = 1e6;
double planned_run_count(const SweepSpec& spec);
double planned_run_bytes(const SweepSpec& spec);

}  // namespace partysim
