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
};

// Plans the sweep of `sweep_file` into `dir`: checks every design point's scenario (so that bad
// values are found now, not in the middle of a cluster job), then writes sweep.ini, base.ini and
// plan.csv. Planning again into the same folder is allowed when the plan is the same. Returns the
// number of runs. Throws ScenarioError or OutputError.
// `keep`, when given, replaces the sweep file's `keep`.
std::size_t plan_sweep(const std::string& sweep_file, const std::string& dir, std::optional<Keep> keep = {});

}  // namespace partysim
