#pragma once
// A sweep file: the base scenario, fixed overrides, replicates, a design over varied parameters
// and the summaries to compute from each run. INI, read with Boost.Program_options like a
// scenario (see README "Sweeps" for the syntax).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "params/scenario.hpp"

namespace partysim {

enum class Design { grid, list, lhs, sobol, morris };

// What each run of a sweep keeps in runs/<run_id>/ (sweep file key `keep`, or `sweep plan --keep`):
// summary: summary.csv only; series: also timeseries.csv and run.json; all: also by_songbun.csv
// and outputs.json (README "Sweeps" measures the bytes and inodes of each).
enum class Keep { summary, series, all };
std::string keep_name(Keep keep);
// "summary", "series" or "all"; empty when the text is none of them.
std::optional<Keep> parse_keep(const std::string& text);

// One varied parameter.
struct VariedParameter {
  std::string key;              // a parameter key, e.g. enforcement.crackdown_rate
  bool scale = false;           // values multiply the base scenario's value or schedule
  std::vector<double> values;   // grid and list designs
  double min = 0, max = 0;      // sampling designs (lhs, sobol, morris)
  bool log = false;             // sample log-uniformly (or space a grid range logarithmically)

  // The plan.csv column: the key, or "scale_" + key for a factor (letters, digits, '.' and '_'
  // only, so that R's read.csv and readr keep the name as it is).
  std::string column() const { return scale ? "scale_" + key : key; }
  // The value at u in [0, 1] for sampling designs.
  double at_unit(double u) const;
};

// A statistic of one measure over a run, one column of summary.csv (README "Sweeps" defines each
// reducer): a timeseries.csv measure, or a by_songbun.csv measure of one class ("hostile.member_share").
struct SummarySpec {
  enum class Kind { at, mean, change, min, max, sd, slope, first_above, first_below } kind;
  std::string name;     // the column name
  std::string measure;  // as written: "member_share" or "hostile.entry_price_paid_mean_usd"
  int songbun = -1;     // the class of a by_songbun measure, -1 for timeseries.csv
  std::size_t index = 0;  // the measure's index in its file's list
  int from = 0, to = 0;             // months (absolute) of the (second) window, inclusive
  int before_from = 0, before_to = 0;  // the first window of a change
  double threshold = 0;  // first_above, first_below
};

// The reducers' names, in the order of SummarySpec::Kind (README "Sweeps" defines each).
inline constexpr std::string_view kSummaryKinds[] = {"at", "mean",  "change",      "min",        "max",
                                                     "sd", "slope", "first_above", "first_below"};
static_assert(std::size(kSummaryKinds) == static_cast<std::size_t>(SummarySpec::Kind::first_below) + 1,
              "one name per SummarySpec::Kind");

struct SweepSpec {
  std::string path;       // the sweep file
  std::string base_path;  // the base scenario, resolved
  Design design = Design::grid;
  int replicates = 1;
  long long seed = 1;
  int samples = 0;  // lhs: points; sobol: base samples N; morris: trajectories
  int levels = 4;   // morris grid levels
  bool scramble = false;
  Keep keep = Keep::all;  // sobol: a random digital shift of the Sobol points, keyed by seed
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
