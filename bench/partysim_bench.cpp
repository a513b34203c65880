// partysim's benchmark: household-steps per second (set-up timed apart from stepping), time per
// phase, peak memory and bytes per household, sweep-sized runs per minute, and the machine's
// memory bandwidth (a STREAM-like triad) with each phase's distance from the bound its bytes per
// household-step imply. Run from one command: scripts/bench (see docs/performance.md).
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <string>
#include <vector>

#include "util/number_format.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "params/scenario.hpp"
#include "primitive_costs.hpp"
#include "run/phase_timer.hpp"

using namespace partysim;
using Clock = std::chrono::steady_clock;

namespace {
double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A whole number from `lowest` to `highest`, or exit 2 naming the option and the range.
long long whole_number(const char* option, const char* text, long long lowest, long long highest) {
  const std::optional<double> value = parse_number(text);
  if (!value || *value != std::floor(*value) || *value < static_cast<double>(lowest) ||
      *value > static_cast<double>(highest)) {
    std::fprintf(stderr, "partysim_bench: %s '%s' is not a whole number from %lld to %lld\n",
                 option, text, lowest, highest);
    std::exit(2);
  }
  return static_cast<long long>(*value);
}

double peak_memory_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // kilobytes on Linux
}

// STREAM triad a = b + s c over arrays far larger than the caches; GB/s counting 3 x 8 bytes per
// element (read b, read c, write a), the best of several repetitions.
double triad_bandwidth_gbs(int threads) {
  const std::size_t n = 1u << 25;  // 32 Mi doubles, 256 MiB per array
  std::vector<double> a(n), b(n, 1.0), c(n, 2.0);
  double best = 0;
  oneapi::tbb::task_arena arena(threads);
  arena.execute([&] {
    for (int repeat = 0; repeat < 5; ++repeat) {
      const auto start = Clock::now();
      oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, n, 1 << 16),
                                [&](const oneapi::tbb::blocked_range<std::size_t>& r) {
                                  for (std::size_t i = r.begin(); i != r.end(); ++i) a[i] = b[i] + 3.0 * c[i];
                                });
      best = std::max(best, 3.0 * 8.0 * n / seconds_since(start) / 1e9);
    }
  });
  return best + a[n / 2] * 0;  // keep the result alive
}

struct Result {
  double setup_seconds;
  double step_seconds;
  PhaseTimer phases;
  double memory_mb;
};

Result run(long long households, int months, int threads) {
  Scenario scenario;
  scenario.apply({{"households", std::to_string(households), "bench"},
                  {"months", std::to_string(months), "bench"},
                  {"market.market_return", "2000-01:20, 2019-12:60", "bench"}});
  Result result{};
  oneapi::tbb::task_arena arena(threads);
  arena.execute([&] {
    auto start = Clock::now();
    Simulation simulation(scenario);
    result.setup_seconds = seconds_since(start);
    start = Clock::now();
    while (!simulation.done()) simulation.step(&result.phases);
    result.step_seconds = seconds_since(start);
  });
  result.memory_mb = peak_memory_mb();
  return result;
}
}  // namespace

int main(int argc, char** argv) {
  int threads = static_cast<int>(oneapi::tbb::info::default_concurrency());
  int months = 240;
  std::vector<long long> sizes = {10000, 100000, 1000000};
  bool country = false;
  for (int k = 1; k < argc; ++k) {
    if (!std::strcmp(argv[k], "--threads") && k + 1 < argc)
      threads = static_cast<int>(whole_number("--threads", argv[++k], 1, 1024));
    else if (!std::strcmp(argv[k], "--months") && k + 1 < argc)
      months = static_cast<int>(whole_number("--months", argv[++k], 1, 12000));
    else if (!std::strcmp(argv[k], "--country")) country = true;
    else if (!std::strcmp(argv[k], "--sizes") && k + 1 < argc) {
      sizes.clear();
      for (char* part = std::strtok(argv[++k], ","); part; part = std::strtok(nullptr, ","))
        sizes.push_back(whole_number("--sizes", part, 1, 100000000));
      if (sizes.empty()) whole_number("--sizes", "", 1, 100000000);
    } else {
      std::fprintf(stderr, "usage: partysim_bench [--threads N] [--months M] [--sizes a,b,c] [--country]\n");
      return 2;
    }
  }
  if (country) sizes.push_back(5900000);
  std::sort(sizes.begin(), sizes.end());  // the peak memory after each run is then its own
  oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism, threads);
  char host[256] = {};
  gethostname(host, sizeof host - 1);

  // The runs first, smallest to largest, so that the peak memory after each is its own; the
  // bandwidth measurement (768 MiB of arrays) comes last.
  std::vector<Result> results;
  for (long long n : sizes) results.push_back(run(n, months, threads));
  // Sweep-sized runs: 10^4 households x 240 months, several at once.
  const int runs = 2 * threads;
  const auto start = Clock::now();
  oneapi::tbb::task_arena arena(threads);
  arena.execute([&] {
    oneapi::tbb::parallel_for(0, runs, [&](int k) {
      Scenario scenario;
      scenario.apply({{"households", "10000", "bench"}, {"seed", std::to_string(k + 1), "bench"},
                      {"market.market_return", "2000-01:20, 2019-12:60", "bench"}});
      Simulation simulation(scenario);
      while (!simulation.done()) simulation.step();
    });
  });
  const double runs_per_minute = runs * 60.0 / seconds_since(start);
  const double bandwidth = triad_bandwidth_gbs(threads);

  std::printf("machine: %s, %ld cores online, %d threads used\n", host, sysconf(_SC_NPROCESSORS_ONLN), threads);
  std::printf("memory bandwidth (triad, %d threads): %.1f GB/s\n", threads, bandwidth);
  std::printf("state: %zu bytes per household in arrays + %d bytes of ties (8 ties) + %.1f bytes of cell state\n\n",
              Households::bytes_per_household(), 8 * 4 + 8, Cells::bytes_per_cell() / 50.0);
  std::printf("%12s %8s %10s %10s %14s %10s %12s\n", "households", "months", "setup s", "step s",
              "hh-steps/s", "peak MB", "bytes/hh");
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    const long long n = sizes[k];
    const Result& r = results[k];
    const double steps = static_cast<double>(n) * months;
    std::printf("%12lld %8d %10.2f %10.2f %14.3e %10.0f %12.0f\n", n, months, r.setup_seconds,
                r.step_seconds, steps / r.step_seconds, r.memory_mb, r.memory_mb * 1e6 / n);
    std::printf("    %-28s %10s %12s %14s %12s\n", "phase", "s", "ns/hh-step", "bytes/hh-step", "of bound");
    for (std::size_t p = 0; p < kPhaseCount; ++p) {
      const Phase& phase = kMonthPhases[p];
      const double ns = r.phases.seconds(p) / steps * 1e9;
      // The bandwidth bound: the time the phase's bytes would take at the triad bandwidth.
      const double bound_ns = phase.bytes_per_household / bandwidth;
      std::printf("    %-28s %10.3f %12.2f %14.0f %11.0f%%\n", std::string(phase.name).c_str(),
                  r.phases.seconds(p), ns, phase.bytes_per_household,
                  ns > 0 ? 100.0 * bound_ns / ns : 0.0);
    }
    std::printf("\n");
  }
  std::printf("sweep-sized runs (10^4 households x 240 months): %.1f runs per minute\n\n", runs_per_minute);
  std::printf("building blocks, one thread:\n");
  for (const auto& cost : bench::measure_primitive_costs())
    std::printf("    %-40s %8.2f ns per %s\n", cost.name.c_str(), cost.ns, cost.per.c_str());
  return 0;
}
