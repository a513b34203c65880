#include "cli/run_command.hpp"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <fstream>
#include <memory>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "cli/scenario_arguments.hpp"
#include "io/ensemble_writer.hpp"
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
       "output folder (default: runs/<scenario>-<YYYYmmdd-HHMMSS>); refused if it exists, unless --overwrite")
      ("overwrite", "replace the output folder if it exists")
      ("threads,t", po::value<int>()->value_name("N"),
       "worker threads (default: all cores); results do not depend on it")
      ("replicates,r", po::value<int>()->value_name("N"),
       "run N replicates with seeds derived from the run seed, in step, into DIR/rep000 ... and "
       "write DIR/ensemble.csv (mean, sd, p5, p50, p95 per month and measure)")
      ("quiet,q", "no progress on stderr");
  return d;
}

// rep000, rep001, ...: the folder of replicate r.
std::string replicate_folder(std::size_t r) {
  char name[32];
  std::snprintf(name, sizeof name, "rep%03zu", r);
  return name;
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

  int replicates = 0;  // 0: one run written into the folder itself
  if (vm.count("replicates")) {
    replicates = vm["replicates"].as<int>();
    if (replicates < 1 || replicates > 10000) {
      std::cerr << "partysim run: --replicates " << replicates << " is out of range; accepted: [1, 10000]\n";
      return kExitBadInput;
    }
  }
  // Refuse a run that cannot fit in memory now, with the numbers, rather than fail to allocate.
  const double households = static_cast<double>(scenario->integer(P::households));
  const double ties = static_cast<double>(scenario->integer(P::ties_in_cell) + scenario->integer(P::ties_anywhere));
  const double bytes_needed =
      households * std::max(replicates, 1) *
      (Households::bytes_per_household() + ties * sizeof(std::uint32_t) + sizeof(std::uint64_t) +
       Cells::bytes_per_cell() / static_cast<double>(scenario->integer(P::cell_size)));
  const double bytes_available =
      static_cast<double>(::sysconf(_SC_PHYS_PAGES)) * static_cast<double>(::sysconf(_SC_PAGE_SIZE));
  if (bytes_needed > 0.9 * bytes_available) {
    std::fprintf(stderr,
                 "partysim run: %lld households x %d run(s) need about %.1f GB of memory; this machine "
                 "has %.1f GB (about %.0f bytes per household)\n",
                 scenario->integer(P::households), std::max(replicates, 1), bytes_needed / 1e9,
                 bytes_available / 1e9, bytes_needed / households / std::max(replicates, 1));
    return kExitBadInput;
  }
  const bool quiet = vm.count("quiet") > 0;
  const bool progress = !quiet && ::isatty(STDERR_FILENO);
  const fs::path out = vm.count("out") ? fs::path(vm["out"].as<std::string>())
                                       : fs::path(default_out(scenario->name()));
  try {
    OutputFolder folder(out, vm.count("overwrite") > 0);
    // The runs: the scenario itself, or its replicates with derived seeds in rep000, rep001, ...
    std::vector<Scenario> runs;
    std::vector<std::unique_ptr<RunWriter>> writers;
    if (replicates == 0) {
      runs.push_back(*scenario);
      writers.push_back(std::make_unique<RunWriter>(folder.temporary()));
    }
    for (int r = 0; r < replicates; ++r) {
      Scenario replicate = *scenario;
      const auto seed = derived_seed(static_cast<std::uint64_t>(scenario->integer(P::seed)), r);
      replicate.apply({{"seed", std::to_string(seed), "--replicates"}});
      runs.push_back(replicate);
      writers.push_back(std::make_unique<RunWriter>(folder.temporary() / replicate_folder(r)));
    }
    std::unique_ptr<EnsembleWriter> ensemble;
    if (replicates > 0) ensemble = std::make_unique<EnsembleWriter>(folder.temporary() / "ensemble.csv");
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);

    RunProvenance provenance;
    provenance.threads = threads;
    provenance.command_line = command_line;
    provenance.started = std::chrono::system_clock::now();
    const auto clock_start = std::chrono::steady_clock::now();
    const double household_runs = households * runs.size();

    oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism, threads);
    oneapi::tbb::task_arena arena(threads);
    bool stopped = false;
    arena.execute([&] {
      std::vector<std::unique_ptr<Simulation>> simulations(runs.size());
      oneapi::tbb::parallel_for(std::size_t{0}, runs.size(), [&](std::size_t r) {
        simulations[r] = std::make_unique<Simulation>(runs[r]);
      });
      std::vector<MonthRecord> records(runs.size());
      // Replicates advance in step, one month at a time, so the ensemble statistics of a month
      // are written as soon as it is done and nothing is held for the whole run.
      while (!simulations.front()->done()) {
        if (interrupted) {
          stopped = true;
          return;
        }
        oneapi::tbb::parallel_for(std::size_t{0}, runs.size(), [&](std::size_t r) {
          records[r] = simulations[r]->step();
          writers[r]->write_month(records[r]);
        });
        if (ensemble) ensemble->write_month(records);
        if (progress) {
          const double seconds =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
          show_progress(simulations.front()->month(), simulations.front()->months(),
                        records.front().calendar_month, seconds, household_runs);
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
            ? household_runs * static_cast<double>(scenario->integer(P::months)) / provenance.wall_seconds
            : 0;
    for (std::size_t r = 0; r < runs.size(); ++r) writers[r]->finish(runs[r], provenance);
    if (ensemble) {
      ensemble->finish();
      // The ensemble's own run.json: the base scenario, its seed and the replicates' seeds.
      JsonObject seeds;
      for (std::size_t r = 0; r < runs.size(); ++r)
        seeds.add_number(replicate_folder(r), static_cast<double>(runs[r].integer(P::seed)));
      JsonObject json;
      json.add("scenario", scenario->path());
      json.add_number("seed", static_cast<double>(scenario->integer(P::seed)));
      json.add_number("replicates", replicates);
      json.add_object("replicate_seeds", seeds);
      add_provenance(json, provenance);
      json.add_object("parameters", parameters_json(*scenario));
      std::ofstream file(folder.temporary() / "run.json", std::ios::binary);
      file << json.text() << "\n";
      file.close();
      if (!file) throw OutputError("cannot write the ensemble's run.json");
    }
    folder.commit();
    if (!quiet)
      std::fprintf(stderr, "partysim: wrote %s (%zu x %lld months x %lld households in %.1f s, %.3g household-steps/s)\n",
                   out.c_str(), runs.size(), scenario->integer(P::months),
                   scenario->integer(P::households), provenance.wall_seconds,
                   provenance.household_steps_per_second);
    return kExitOk;
  } catch (const OutputError& e) {
    std::cerr << "partysim run: " << e.what() << "\n";
    return kExitBadOutput;
  }
}

}  // namespace partysim
