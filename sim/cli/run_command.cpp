#include "cli/run_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/task_arena.h>

#include "cli/scenario_arguments.hpp"
#include "io/output_folder.hpp"
#include "params/calendar.hpp"
#include "params/scenario_options.hpp"
#include "run/progress.hpp"
#include "run/run_job.hpp"
#include "run/stop_request.hpp"
#include "util/memory_limit.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace partysim {

namespace {
po::options_description run_options() {
  po::options_description d("Run options", 100, 50);
  d.add_options()
      ("help,h", "show this help")
      ("out,o", po::value<std::string>()->value_name("DIR"),
       "output folder (default: runs/<scenario>-<YYYYmmdd-HHMMSS>); refused if it exists, unless --overwrite")
      ("overwrite", "replace the output folder if it exists")
      ("threads,t", po::value<int>()->value_name("N"),
       "worker threads (default: all cores); results do not depend on it")
      ("replicates,r", po::value<int>()->value_name("N"),
       "run N replicates with seeds derived from the run seed, in step, into DIR/rep000 ... and "
       "write DIR/ensemble.csv (mean, sd, p5, p50, p95 per month and measure)")
      ("checkpoint-every", po::value<int>()->value_name("M"),
       "write a checkpoint every M months (SIGINT, SIGTERM, SIGUSR1 and SIGHUP always write one at the end "
       "of the month, then stop with exit status 75)")
      ("resume", po::value<std::string>()->value_name("DIR"),
       "continue a stopped run from its checkpoint: DIR is the run's --out folder or its "
       "DIR.partial-HOST-PID folder; a SCENARIO, if given, must be the one it was started with")
      ("quiet,q", "no progress on stderr (on a terminal a line rewritten in place; off a terminal, "
                  "as under Slurm or nohup, a timestamped line every PARTYSIM_PROGRESS_SECONDS, default 60)");
  return d;
}

// runs/<scenario>-<YYYYmmdd-HHMMSS>, with -2, -3, ... added when a run started in the same
// second has (or is writing) that name.
std::string default_out(const std::string& scenario_name) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  const std::string base = "runs/" + scenario_name + "-" + stamp;
  auto taken = [](const std::string& name) {
    std::error_code ec;
    if (fs::exists(name, ec) || fs::is_symlink(name, ec)) return true;
    const std::string prefix = fs::path(name).filename().string() + ".partial-";
    for (const auto& entry : fs::directory_iterator(fs::path(name).parent_path(), ec))
      if (entry.path().filename().string().rfind(prefix, 0) == 0) return true;
    return false;
  };
  std::string name = base;
  for (int k = 2; taken(name); ++k) name = base + "-" + std::to_string(k);
  return name;
}

// Refuses (with the numbers) a run that cannot fit in memory, rather than fail to allocate.
bool fits_in_memory(const Scenario& scenario, int replicates) {
  const double households = static_cast<double>(scenario.integer(P::households));
  const double ties = static_cast<double>(scenario.integer(P::ties_in_cell) + scenario.integer(P::ties_anywhere));
  const double bytes_needed =
      households * std::max(replicates, 1) *
      (Households::bytes_per_household() + ties * sizeof(std::uint32_t) + sizeof(std::uint64_t) +
       Cells::bytes_per_cell() / static_cast<double>(scenario.integer(P::cell_size)));
  const MemoryLimit limit = memory_limit();
  if (bytes_needed <= 0.9 * limit.bytes) return true;
  std::fprintf(stderr,
               "partysim run: %lld households x %d run(s) need about %.1f GB of memory; %s "
               "%.1f GB (about %.0f bytes per household)\n",
               scenario.integer(P::households), std::max(replicates, 1), bytes_needed / 1e9, limit.what.c_str(),
               limit.bytes / 1e9, bytes_needed / households / std::max(replicates, 1));
  return false;
}

// Progress: month (the spin-up's counted), date, rate and time left.
std::string progress_text(int done, int to_do, int month, int months, int calendar_month, bool spin_up,
                          double seconds, double households) {
  const double rate = seconds > 0 ? done * households / seconds : 0;
  const double eta = done > 0 ? seconds * (to_do - done) / done : 0;
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "partysim: month %d/%d (%s%s)  %.3g household-steps/s  ETA %.0f s", month,
                months, format_month(calendar_month).c_str(), spin_up ? ", spin-up" : "", rate, eta);
  return buffer;
}

// " after a spin-up of N months from YYYY-MM", or nothing without one.
std::string spin_up_note(const Scenario& scenario) {
  if (scenario.spin_up_months() == 0) return "";
  return " after a spin-up of " + std::to_string(scenario.spin_up_months()) + " months from " +
         format_month(scenario.first_month());
}
}  // namespace

int capped_threads(int requested, const std::string& command, const std::string& option) {
  const int cores = static_cast<int>(oneapi::tbb::info::default_concurrency());
  const int bound = 4 * std::max(cores, 1);
  if (requested <= bound) return requested;
  std::fprintf(stderr, "partysim %s: note: %s %d capped at %d (4 x the %d cores available); more threads "
                       "only slow the run\n", command.c_str(), option.c_str(), requested, bound, cores);
  return bound;
}

int run_command(const std::vector<std::string>& args, const std::string& command_line) {
  const auto parsed = parse_scenario_arguments("run", args, run_options());
  if (!parsed) return kExitBadInput;
  const po::variables_map& vm = parsed->options;
  if (vm.count("help")) {
    std::cout << "Usage: partysim run SCENARIO [options] [--KEY VALUE ...]\n"
                 "       partysim run --resume DIR [options]\n\n"
                 "Runs a scenario and writes timeseries.csv, by_songbun.csv and run.json into the\n"
                 "output folder, which appears only when the run is complete. A stopped run keeps\n"
                 "its checkpoint in DIR.partial-HOST-PID and continues with --resume.\n\n"
              << run_options() << "\n" << override_options() << "\n" << scenario_options() << "\n";
    return kExitOk;
  }
  const bool resuming = vm.count("resume") > 0;
  if (resuming ? parsed->files.size() > 1 : parsed->files.size() != 1) {
    std::cerr << (resuming ? "partysim run: --resume takes at most one scenario file (the one the run "
                             "was started with)\n"
                           : "partysim run: give exactly one scenario file (e.g. scenarios/marketization.ini)\n")
              << "See 'partysim run --help'.\n";
    return kExitBadInput;
  }
  if (resuming && (vm.count("out") || vm.count("replicates") || (parsed->files.empty() && !parsed->overrides.empty()))) {
    std::cerr << "partysim run: with --resume, the output folder, replicates and parameters come from "
                 "the checkpoint; drop --out, --replicates and parameter options (or give the scenario "
                 "file they apply to, to check it is the same)\n";
    return kExitBadInput;
  }
  int threads = static_cast<int>(oneapi::tbb::info::default_concurrency());
  if (vm.count("threads")) {
    threads = vm["threads"].as<int>();
    if (threads < 1) {
      std::cerr << "partysim run: --threads " << threads << " is out of range; accepted: 1 or more\n";
      return kExitBadInput;
    }
    threads = capped_threads(threads, "run", "--threads");
  }
  int checkpoint_every = 0;
  if (vm.count("checkpoint-every")) {
    checkpoint_every = vm["checkpoint-every"].as<int>();
    if (checkpoint_every < 1) {
      std::cerr << "partysim run: --checkpoint-every " << checkpoint_every
                << " is out of range; accepted: 1 or more (months)\n";
      return kExitBadInput;
    }
  }
  std::optional<Scenario> scenario;
  if (!parsed->files.empty()) {
    try {
      scenario = Scenario::load(parsed->files.front(), parsed->overrides);
    } catch (const ScenarioError& e) {
      print_problems("run", e);
      return kExitBadInput;
    }
  }

  int replicates = 0;  // 0: one run written into the folder itself
  if (vm.count("replicates")) {
    replicates = vm["replicates"].as<int>();
    if (replicates < 1 || replicates > 10000) {
      std::cerr << "partysim run: --replicates " << replicates << " is out of range; accepted: [1, 10000]\n";
      return kExitBadInput;
    }
  }
  if (!resuming && !fits_in_memory(*scenario, replicates)) return kExitBadInput;
  if (const auto problem = progress_interval().problem) {
    std::cerr << "partysim run: " << *problem << "\n";
    return kExitBadInput;
  }
  const bool quiet = vm.count("quiet") > 0;
  Progress progress(quiet);
  install_stop_handlers();
  oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism, threads);
  oneapi::tbb::task_arena arena(threads);
  std::unique_ptr<OutputFolder> folder;
  try {
    std::unique_ptr<RunJob> job;
    if (resuming) {
      const fs::path unfinished = find_unfinished(vm["resume"].as<std::string>());
      folder = std::make_unique<OutputFolder>(final_of_unfinished(unfinished), unfinished, vm.count("overwrite") > 0);
      arena.execute([&] { job = RunJob::resume(folder->temporary(), scenario ? &*scenario : nullptr); });
      if (!quiet)
        std::fprintf(stderr, "partysim: resuming '%s' at month %d of %d\n", folder->temporary().c_str(),
                     job->month(), job->months());
    } else {
      const fs::path out = vm.count("out") ? fs::path(vm["out"].as<std::string>())
                                           : fs::path(default_out(scenario->name()));
      folder = std::make_unique<OutputFolder>(out, vm.count("overwrite") > 0);
      arena.execute([&] { job = std::make_unique<RunJob>(folder->temporary(), *scenario, replicates); });
    }
    const double household_runs = static_cast<double>(job->scenario().integer(P::households) * job->runs());
    const auto clock_start = std::chrono::steady_clock::now();
    const int first_month = job->month();
    RunJob::Outcome outcome;
    arena.execute([&] {
      outcome = job->advance(checkpoint_every, [&] {
        if (quiet) return;
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
        const int calendar_month = job->last_record().calendar_month;
        progress.show(progress_text(job->month() - first_month, job->months() - first_month, job->month(),
                                    job->months(), calendar_month, calendar_month < job->scenario().start_month(),
                                    seconds, household_runs),
                      job->month() == job->months() && progress.on_terminal());
      });
    });
    if (outcome == RunJob::Outcome::stopped) {
      std::fprintf(stderr,
                   "\npartysim run: stopped by %s after month %d of %d; checkpoint saved in '%s'.\n"
                   "Continue with: partysim run --resume %s\n",
                   signal_name(stop_signal()), job->month(), job->months(), folder->temporary().c_str(),
                   folder->temporary().c_str());
      return kExitStopped;
    }
    job->finish(command_line, threads);
    folder->commit();
    if (!quiet)
      std::fprintf(stderr, "partysim: wrote %s (%zu x %lld months%s x %lld households in %.1f s, %.3g household-steps/s)\n",
                   folder->final_path().c_str(), job->runs(), job->scenario().integer(P::months),
                   spin_up_note(job->scenario()).c_str(), job->scenario().integer(P::households),
                   job->wall_seconds(), job->household_steps_per_second());
    return kExitOk;
  } catch (const CheckpointError& e) {
    std::cerr << "partysim run: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const OutputError& e) {
    std::cerr << "partysim run: " << e.what() << "\n";
    if (folder && fs::exists(folder->temporary() / kCheckpointFileName))
      std::cerr << "partysim run: the last checkpoint is kept; once the problem is fixed, continue with: "
                   "partysim run --resume " << folder->temporary().string() << "\n";
    return kExitBadOutput;
  }
}

}  // namespace partysim
