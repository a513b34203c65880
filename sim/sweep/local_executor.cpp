#include "sweep/local_executor.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "io/number_format.hpp"
#include "io/output_folder.hpp"
#include "io/run_writer.hpp"
#include "model/simulation.hpp"
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

bool run_planned(const SweepFolder& folder, const PlannedRun& run,
                 const std::vector<fs::path>& leftovers) {
  const fs::path final_path = folder.run_dir(run);
  RunLock lock(final_path.string() + ".lock");
  if (!lock.held()) return false;            // another process is running it
  if (fs::exists(final_path)) return false;  // complete: folders appear only when finished
  // A run killed before finishing left a temporary folder: with the lock held, it is stale.
  for (const auto& partial : leftovers) fs::remove_all(partial);

  const Scenario scenario = folder.scenario_of(run);
  OutputFolder output(final_path, false);
  RunWriter writer(output.temporary());
  SummaryAccumulator summaries(folder.spec.summaries);
  RunProvenance provenance;
  provenance.command_line = "partysim sweep run " + folder.dir + " (" + run.id + ")";
  provenance.started = std::chrono::system_clock::now();
  const auto clock_start = std::chrono::steady_clock::now();
  Simulation simulation(scenario);
  while (!simulation.done()) {
    const MonthRecord record = simulation.step();
    writer.write_month(record);
    summaries.add(record);
  }
  provenance.finished = std::chrono::system_clock::now();
  provenance.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
  provenance.threads = oneapi::tbb::this_task_arena::max_concurrency();
  provenance.household_steps_per_second =
      provenance.wall_seconds > 0 ? static_cast<double>(scenario.integer(P::households)) *
                                        static_cast<double>(scenario.integer(P::months)) /
                                        provenance.wall_seconds
                                  : 0;
  writer.finish(scenario, provenance);

  std::ofstream summary(output.file("summary.csv"), std::ios::binary);
  summary << "run_id";
  for (const auto& s : folder.spec.summaries) summary << "," << s.name;
  summary << "\n" << run.id;
  for (double v : summaries.values()) summary << "," << (std::isnan(v) ? "" : format_number(v));
  summary << "\n";
  summary.close();
  if (!summary) throw OutputError("cannot write the summary of " + run.id);
  output.commit();
  return true;
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
    if (fs::exists(folder.run_dir(run)))
      ++result.skipped;
    else
      pending.push_back(&run);
  }

  std::atomic<std::size_t> done{0};
  std::mutex print;
  const auto start = std::chrono::steady_clock::now();
  oneapi::tbb::task_arena arena(options.jobs);
  arena.execute([&] {
    oneapi::tbb::parallel_for(std::size_t{0}, pending.size(), [&](std::size_t k) {
      const auto it = leftovers.find(pending[k]->id);
      run_planned(folder, *pending[k], it == leftovers.end() ? std::vector<fs::path>() : it->second);
      const std::size_t finished = ++done;
      if (!options.progress) return;
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double eta = seconds / finished * (pending.size() - finished);
      std::lock_guard<std::mutex> lock(print);
      std::fprintf(stderr, "\rpartysim sweep: %zu/%zu runs (%zu done before), %.1f runs/min, ETA %.0f s   ",
                   finished, pending.size(), result.skipped, 60.0 * finished / seconds, eta);
      if (finished == pending.size()) std::fprintf(stderr, "\n");
    });
  });
  result.done = done;
  return result;
}

}  // namespace partysim
