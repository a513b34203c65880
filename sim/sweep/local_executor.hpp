#pragma once
// Runs a sweep's planned runs on this machine: several at once on oneTBB (each run's own phases
// nest inside), skipping runs already complete. Each run writes runs/<run_id>/ atomically, so a
// sweep killed at any moment and started again redoes only what was not finished.
#include <cstddef>
#include <filesystem>
#include <vector>
#include <string>

namespace partysim {

struct SweepRunOptions {
  int jobs = 1;    // worker threads shared by the runs
  int task = 0;    // this task's share of the plan: runs with index % tasks == task
  int tasks = 1;
  int checkpoint_every = 0;  // months between checkpoints of each run (0: only when stopped)
  bool quiet = false;  // no progress lines (run/progress.hpp) with rate and ETA on stderr
};

struct SweepRunResult {
  std::size_t assigned = 0;  // runs of this task
  std::size_t skipped = 0;   // already complete
  std::size_t done = 0;      // run now
  std::size_t stopped = 0;   // stopped by a signal, with a checkpoint
  std::size_t not_started = 0;  // left for later because a stop was requested
};

SweepRunResult run_sweep(const std::string& dir, const SweepRunOptions& options);

// Writes a run of a planned sweep (timeseries.csv, by_songbun.csv, run.json, summary.csv) into
// runs/<run_id>/ unless it is complete or another process holds it. Of the temporary folders
// `leftovers` of earlier attempts, one with a checkpoint is continued and the rest are removed.
struct SweepFolder;
struct PlannedRun;
enum class PlannedRunOutcome { not_run, finished, stopped };
PlannedRunOutcome run_planned(const SweepFolder& folder, const PlannedRun& run,
                              const std::vector<std::filesystem::path>& leftovers, int checkpoint_every);

}  // namespace partysim
