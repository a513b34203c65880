#pragma once
// A run as a job that can stop and continue: one simulation (written into the folder itself) or
// replicates stepped together (written into rep000, rep001, ... beside ensemble.csv), with a
// checkpoint (checkpoint.bin) written every M months and when a stop is requested. A job resumed
// from its checkpoint writes exactly the bytes an uninterrupted one would: the state is saved
// whole, random numbers are keyed by month, and the CSV files are cut back to the length the
// checkpoint recorded.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "io/checkpoint_file.hpp"
#include "io/ensemble_writer.hpp"
#include "io/run_writer.hpp"
#include "model/simulation.hpp"
#include "run/month_observer.hpp"

namespace partysim {

class RunJob {
 public:
  // A new job writing into `dir`: `replicates` = 0 runs the scenario itself; N > 0 runs N
  // replicates with seeds derived from the scenario's seed.
  RunJob(std::filesystem::path dir, const Scenario& scenario, int replicates,
         MonthObserver* observer = nullptr);
  // The job saved in dir/checkpoint.bin. Throws CheckpointError when the checkpoint cannot be used
  // or, when `expected` is given, was made from another scenario.
  static std::unique_ptr<RunJob> resume(std::filesystem::path dir, const Scenario* expected,
                                        MonthObserver* observer = nullptr);

  enum class Outcome { finished, stopped };
  // Steps to the end. Writes a checkpoint every `checkpoint_every` months (0: none) and, when a
  // stop is requested (stop_request.hpp), one at the end of the current month (once), then
  // returns `stopped`; a stop during the last month lets the job finish. `after_month` is called after each month (progress).
  Outcome advance(int checkpoint_every, const std::function<void()>& after_month = {});

  // Writes run.json (and the ensemble's) and closes the files: the folder is then complete (its
  // OutputFolder's commit() removes the checkpoint once the folder is in place). `command_line` and `threads` describe this (last) part of the run.
  void finish(const std::string& command_line, int threads);

  void save_checkpoint();

  const Scenario& scenario() const { return scenario_; }
  // Months simulated so far and in all, the spin-up's included (Simulation::months()).
  int month() const { return simulations_.front()->month(); }
  int months() const { return simulations_.front()->months(); }
  std::size_t runs() const { return simulations_.size(); }
  const MonthRecord& last_record() const { return records_.front(); }
  double wall_seconds() const;  // over every part of the run
  double household_steps_per_second() const;

 private:
  RunJob(std::filesystem::path dir, const Scenario& scenario, int replicates, MonthObserver* observer,
         bool create);
  void check_folder() const;  // throws OutputError if the folder was removed

  std::filesystem::path dir_;
  Scenario scenario_;
  int replicates_;
  MonthObserver* observer_;
  std::vector<std::unique_ptr<Simulation>> simulations_;
  std::vector<std::unique_ptr<RunWriter>> writers_;
  std::unique_ptr<EnsembleWriter> ensemble_;
  std::vector<MonthRecord> records_;
  std::vector<std::int32_t> resumed_at_;  // the months it was resumed at
  std::int64_t started_ = 0;          // system clock, seconds since 1970
  double earlier_seconds_ = 0;        // wall time of the parts before this one
  std::chrono::steady_clock::time_point part_start_;
};

// rep000, rep001, ...: the folder of replicate r.
std::string replicate_folder(std::size_t r);

}  // namespace partysim
