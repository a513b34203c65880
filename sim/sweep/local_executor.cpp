#include "sweep/local_executor.hpp"

#include <atomic>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
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

bool run_planned(const SweepFolder& folder, const PlannedRun& run) {
  const fs::path final_path = folder.run_dir(run);
  if (fs::exists(final_path)) return false;  // complete: folders appear only when finished
  // A run killed before finishing left a temporary folder: remove it and start again.
  for (const auto& entry : fs::directory_iterator(final_path.parent_path()))
    if (entry.path().filename().string().rfind(run.id + ".partial-", 0) == 0) fs::remove_all(entry.path());

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
      run_planned(folder, *pending[k]);
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
