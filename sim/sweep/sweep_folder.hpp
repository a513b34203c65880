#pragma once
// A sweep folder: sweep.ini (the sweep as planned), base.ini (the base scenario, resolved and
// frozen at plan time), plan.csv, runs/<run_id>/ and, once collected, summary.csv.
#include <string>

#include "params/scenario.hpp"
#include "sweep/plan.hpp"
#include "sweep/sweep_spec.hpp"

namespace partysim {

struct SweepFolder {
  std::string dir;
  SweepSpec spec;
  Scenario base;  // base.ini with the sweep's fixed overrides applied
  Plan plan;

  // Reads a planned sweep folder; throws ScenarioError when it is not one.
  static SweepFolder open(const std::string& dir);
  std::string run_dir(const PlannedRun& run) const { return dir + "/runs/" + run.id; }
  // The scenario of one run.
  Scenario scenario_of(const PlannedRun& run) const;

  // The one test of whether a run is done, shared by `sweep run` (which skips a complete run
  // and redoes any other) and `sweep collect` (which refuses a sweep with any run not complete):
  // "" when runs/<run_id>/ is a folder holding timeseries.csv (a header and one whole row per
  // month), by_songbun.csv (whole), run.json, summary.csv (its header and the run's row) and
  // kRunRecordFile equal to the resolved scenario of its plan row; otherwise what is wrong.
  std::string run_problem(const PlannedRun& run) const;
};

// The record a sweep's run keeps of what it ran: its resolved scenario (every parameter and the
// seed, in scenario syntax), compared with its plan row's by run_problem.
inline constexpr const char* kRunRecordFile = "scenario.ini";

// Plans the sweep of `sweep_file` into `dir`: checks every design point's scenario (so that bad
// values are found now, not in the middle of a cluster job), then writes sweep.ini, base.ini and
// plan.csv. Planning again into the same folder is allowed when the plan is the same. Returns the
// number of runs. Throws ScenarioError or OutputError.
// `keep`, when given, replaces the sweep file's `keep`.
std::size_t plan_sweep(const std::string& sweep_file, const std::string& dir, std::optional<Keep> keep = {});

}  // namespace partysim
