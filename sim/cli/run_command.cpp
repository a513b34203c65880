#include "cli/run_command.hpp"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include "cli/scenario_arguments.hpp"
#include "io/output_folder.hpp"
#include "io/run_writer.hpp"
#include "model/simulation.hpp"
#include "params/calendar.hpp"
#include "params/scenario_options.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace partysim {

namespace {
volatile std::sig_atomic_t interrupted = 0;
void on_signal(int) { interrupted = 1; }

po::options_description run_options() {
  po::options_description d("Run options", 100, 50);
  d.add_options()
      ("help,h", "show this help")
      ("out,o", po::value<std::string>()->value_name("DIR"),
       "output folder (default: runs/<scenario>-<YYYYmmdd-HHMMSS>); must not exist")
      ("overwrite", "replace the output folder if it exists")
      ("threads,t", po::value<int>()->value_name("N"),
       "worker threads (default: all cores); results do not depend on it")
      ("quiet,q", "no progress on stderr");
  return d;
}

std::string default_out(const std::string& scenario_name) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  return "runs/" + scenario_name + "-" + stamp;
}

// Progress on a terminal: month, date, rate and time left, on one line rewritten in place.
void show_progress(int done, int total, int calendar_month, double seconds, double households) {
  const double rate = seconds > 0 ? done * households / seconds : 0;
  const double eta = done > 0 ? seconds * (total - done) / done : 0;
  std::fprintf(stderr, "\rpartysim: month %d/%d (%s)  %.3g household-steps/s  ETA %.0f s   ", done,
               total, format_month(calendar_month).c_str(), rate, eta);
  if (done == total) std::fprintf(stderr, "\n");
}
}  // namespace

int run_command(const std::vector<std::string>& args, const std::string& command_line) {
  const auto parsed = parse_scenario_arguments("run", args, run_options());
  if (!parsed) return kExitBadInput;
  const po::variables_map& vm = parsed->options;
  if (vm.count("help")) {
    std::cout << "Usage: partysim run SCENARIO [options] [--KEY VALUE ...]\n\n"
                 "Runs a scenario and writes timeseries.csv, by_songbun.csv and run.json into the\n"
                 "output folder, which appears only when the run is complete.\n\n"
              << run_options() << "\n" << override_options() << "\n" << scenario_options() << "\n";
    return kExitOk;
  }
  if (parsed->files.size() != 1) {
    std::cerr << "partysim run: give exactly one scenario file (e.g. scenarios/marketization.ini)\n"
                 "See 'partysim run --help'.\n";
    return kExitBadInput;
  }
  int threads = static_cast<int>(oneapi::tbb::info::default_concurrency());
  if (vm.count("threads")) {
    threads = vm["threads"].as<int>();
    if (threads < 1) {
      std::cerr << "partysim run: --threads " << threads << " is out of range; accepted: 1 or more\n";
      return kExitBadInput;
    }
  }
  std::optional<Scenario> scenario;
  try {
    scenario = Scenario::load(parsed->files.front(), parsed->overrides);
  } catch (const ScenarioError& e) {
    print_problems("run", e);
    return kExitBadInput;
  }

  const bool quiet = vm.count("quiet") > 0;
  const bool progress = !quiet && ::isatty(STDERR_FILENO);
  const fs::path out = vm.count("out") ? fs::path(vm["out"].as<std::string>())
                                       : fs::path(default_out(scenario->name()));
  try {
    OutputFolder folder(out, vm.count("overwrite") > 0);
    RunWriter writer(folder);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);

    RunProvenance provenance;
    provenance.threads = threads;
    provenance.command_line = command_line;
    provenance.started = std::chrono::system_clock::now();
    const auto clock_start = std::chrono::steady_clock::now();
    const double households = static_cast<double>(scenario->integer(P::households));

    oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism, threads);
    oneapi::tbb::task_arena arena(threads);
    bool stopped = false;
    arena.execute([&] {
      Simulation simulation(*scenario);
      while (!simulation.done()) {
        if (interrupted) {
          stopped = true;
          return;
        }
        const MonthRecord record = simulation.step();
        writer.write_month(record);
        if (progress) {
          const double seconds =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
          show_progress(simulation.month(), simulation.months(), record.calendar_month, seconds,
                        households);
        }
      }
    });
    if (stopped) {
      std::cerr << "\npartysim run: interrupted; nothing was written to '" << out.string() << "'\n";
      return kExitInterrupted;
    }
    provenance.finished = std::chrono::system_clock::now();
    provenance.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
    provenance.household_steps_per_second =
        provenance.wall_seconds > 0
            ? households * static_cast<double>(scenario->integer(P::months)) / provenance.wall_seconds
            : 0;
    writer.finish(*scenario, provenance);
    folder.commit();
    if (!quiet)
      std::fprintf(stderr, "partysim: wrote %s (%lld months x %.0f households in %.1f s, %.3g household-steps/s)\n",
                   out.c_str(), scenario->integer(P::months), households, provenance.wall_seconds,
                   provenance.household_steps_per_second);
    return kExitOk;
  } catch (const OutputError& e) {
    std::cerr << "partysim run: " << e.what() << "\n";
    return kExitBadOutput;
  }
}

}  // namespace partysim
