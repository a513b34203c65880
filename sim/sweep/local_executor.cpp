#include "sweep/local_executor.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "util/number_format.hpp"
#include "util/shell_quote.hpp"
#include "io/output_folder.hpp"
#include "io/output_schema.hpp"
#include "io/run_writer.hpp"
#include "params/scenario_text.hpp"
#include "run/progress.hpp"
#include "run/run_job.hpp"
#include "run/stop_request.hpp"
#include "sweep/summaries.hpp"
#include "sweep/sweep_folder.hpp"

namespace fs = std::filesystem;

namespace partysim {

namespace {
// An exclusive lock on runs/<run_id>.lock while one process works on the run: a resubmitted
// Slurm task, or a local `sweep run` beside the array, never runs or cleans up the same run.
class RunLock {
 public:
  explicit RunLock(const fs::path& path) : fd_(::open(path.c_str(), O_CREAT | O_RDWR, 0644)) {
    if (fd_ < 0) throw OutputError("cannot create the lock '" + path.string() + "'");
    held_ = ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
    // Only "held by another process" means another process is running it; any other failure
    // (a file system without locks: ENOLCK) would let two processes run the same run.
    if (!held_ && errno != EWOULDBLOCK) {
      const int error = errno;
      ::close(fd_);
      throw OutputError("cannot lock '" + path.string() + "': " + std::strerror(error) +
                        " (sweeps need a file system with flock locks)");
    }
  }
  ~RunLock() {
    if (held_) ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
  bool held() const { return held_; }

 private:
  int fd_;
  bool held_ = false;
};
}  // namespace

PlannedRunOutcome run_planned(const SweepFolder& folder, const PlannedRun& run,
                              const std::vector<fs::path>& leftovers, int checkpoint_every) {
  const fs::path final_path = folder.run_dir(run);
  RunLock lock(final_path.string() + ".lock");
  if (!lock.held()) return PlannedRunOutcome::not_run;            // another process is running it
  const std::string problem = folder.run_problem(run);
  if (problem.empty()) return PlannedRunOutcome::not_run;  // complete
  std::error_code exists_ec;
  if (fs::exists(final_path, exists_ec) || fs::is_symlink(final_path, exists_ec)) {
    // Not complete, or not what its plan row says (emptied, cut short, copied over): moved aside,
    // not deleted, and run again.
    fs::path aside = final_path;
    aside += ".incomplete-" + host_name() + "-" + std::to_string(::getpid());
    std::error_code ec;
    fs::rename(final_path, aside, ec);
    if (ec) throw OutputError("cannot move the incomplete '" + final_path.string() + "' aside: " + ec.message());
    std::fprintf(stderr, "partysim sweep: %s; moved to %s and running it again\n", problem.c_str(),
                 aside.filename().c_str());
  }
  // Earlier attempts left temporary folders; with the lock held they are stale, but one with a
  // checkpoint is continued.
  fs::path resumable;
  fs::file_time_type newest;
  for (const auto& partial : leftovers) {
    std::error_code ec;
    const auto written = fs::last_write_time(partial / kCheckpointFileName, ec);
    if (!ec && (resumable.empty() || written > newest)) {
      resumable = partial;
      newest = written;
    }
  }
  for (const auto& partial : leftovers)
    if (partial != resumable) fs::remove_all(partial);

  const Scenario scenario = folder.scenario_of(run);
  auto summaries = std::make_unique<SummaryAccumulator>(folder.spec.summaries);
  std::unique_ptr<OutputFolder> output;
  std::unique_ptr<RunJob> job;
  if (!resumable.empty()) {
    try {
      output = std::make_unique<OutputFolder>(final_path, resumable, false);
      job = RunJob::resume(output->temporary(), &scenario, summaries.get());
    } catch (const CheckpointError& e) {
      std::fprintf(stderr, "partysim sweep: %s: %s; running it from the start\n", run.id.c_str(), e.what());
      job.reset();
      output.reset();
      fs::remove_all(resumable);
      summaries = std::make_unique<SummaryAccumulator>(folder.spec.summaries);
    }
  }
  if (!job) {
    output = std::make_unique<OutputFolder>(final_path, false);
    job = std::make_unique<RunJob>(output->temporary(), scenario, 0, summaries.get());
  }
  if (job->advance(checkpoint_every) == RunJob::Outcome::stopped) return PlannedRunOutcome::stopped;
  job->finish("partysim sweep run " + shell_quoted(folder.dir) + "  # " + run.id,
              oneapi::tbb::this_task_arena::max_concurrency());

  {
    std::ofstream record(output->file(kRunRecordFile), std::ios::binary);
    record << scenario_text(scenario);
    record.close();
    if (!record) throw OutputError("cannot write the record of " + run.id);
  }
  std::ofstream summary(output->file("summary.csv"), std::ios::binary);
  summary << "run_id";
  for (const auto& s : folder.spec.summaries) summary << "," << s.name;
  summary << "\n" << run.id;
  for (double v : summaries->values()) summary << "," << (std::isnan(v) ? "" : format_number(v));
  summary << "\n";
  summary.close();
  if (!summary) throw OutputError("cannot write the summary of " + run.id);
  // What the sweep does not keep goes before the folder appears (sweep.ini's keep).
  const Keep keep = folder.spec.keep;
  std::vector<std::string> dropped;
  if (keep != Keep::all) dropped = {"by_songbun.csv", kOutputsSchemaFileName};
  if (keep == Keep::summary) dropped.insert(dropped.end(), {"timeseries.csv", "run.json"});
  for (const auto& name : dropped) fs::remove(output->file(name));
  output->commit();
  return PlannedRunOutcome::finished;
}

SweepRunResult run_sweep(const std::string& dir, const SweepRunOptions& options) {
  const SweepFolder folder = SweepFolder::open(dir);
  // Temporary folders left by killed runs, listed once: runs/<run_id>.partial-<host>-<pid>.
  std::map<std::string, std::vector<fs::path>> leftovers;
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "runs")) {
    const std::string name = entry.path().filename().string();
    const auto mark = name.find(".partial-");
    if (mark != std::string::npos) leftovers[name.substr(0, mark)].push_back(entry.path());
  }
  std::vector<const PlannedRun*> pending;
  SweepRunResult result;
  for (std::size_t k = 0; k < folder.plan.runs.size(); ++k) {
    if (static_cast<int>(k % options.tasks) != options.task) continue;
    ++result.assigned;
    const PlannedRun& run = folder.plan.runs[k];
    if (folder.run_problem(run).empty())
      ++result.skipped;
    else
      pending.push_back(&run);
  }

  std::atomic<std::size_t> done{0}, stopped{0}, not_started{0};
  std::mutex print;
  Progress progress(options.quiet);
  const auto start = std::chrono::steady_clock::now();
  oneapi::tbb::task_arena arena(options.jobs);
  arena.execute([&] {
    oneapi::tbb::parallel_for(std::size_t{0}, pending.size(), [&](std::size_t k) {
      if (stop_signal() != 0) {  // stopping: start nothing new
        ++not_started;
        return;
      }
      const auto it = leftovers.find(pending[k]->id);
      const auto outcome = run_planned(folder, *pending[k],
                                       it == leftovers.end() ? std::vector<fs::path>() : it->second,
                                       options.checkpoint_every);
      if (outcome == PlannedRunOutcome::stopped) ++stopped;
      if (outcome != PlannedRunOutcome::finished) return;
      const std::size_t finished = ++done;
      if (options.quiet) return;
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double eta = seconds / finished * (pending.size() - finished);
      char text[160];
      std::snprintf(text, sizeof text, "partysim sweep: %zu/%zu runs (%zu done before), %.1f runs/min, ETA %.0f s",
                    finished, pending.size(), result.skipped, 60.0 * finished / seconds, eta);
      std::lock_guard<std::mutex> lock(print);
      progress.show(text, finished == pending.size() && progress.on_terminal());
    });
  });
  result.done = done;
  result.stopped = stopped;
  result.not_started = not_started;
  return result;
}

}  // namespace partysim
