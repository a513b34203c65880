#include "test_support.hpp"

#include <cmath>
#include <fstream>
#include <iterator>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include "io/run_writer.hpp"
#include "model/simulation.hpp"

namespace partysim::test {

Scenario scenario_with(const Values& values) {
  Scenario scenario;
  std::vector<Override> overrides;
  for (const auto& [key, value] : values) overrides.push_back({key, value, "test"});
  scenario.apply(overrides);
  return scenario;
}

void with_threads(int threads, const std::function<void()>& work) {
  oneapi::tbb::global_control parallelism(oneapi::tbb::global_control::max_allowed_parallelism,
                                          static_cast<std::size_t>(threads));
  oneapi::tbb::task_arena arena(threads);
  arena.execute(work);
}

std::vector<MonthRecord> run_all(const Scenario& scenario, int threads) {
  std::vector<MonthRecord> records;
  with_threads(threads, [&] {
    Simulation simulation(scenario);
    while (!simulation.done()) {
      const bool reported = !simulation.spinning_up();
      MonthRecord record = simulation.step();
      if (reported) records.push_back(record);
    }
  });
  return records;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::map<std::string, std::string> run_files(const Scenario& scenario, int threads,
                                             const std::filesystem::path& dir) {
  std::filesystem::remove_all(dir);
  with_threads(threads, [&] {
    Simulation simulation(scenario);
    RunWriter writer(dir);
    while (!simulation.done()) {
      const bool reported = !simulation.spinning_up();
      const MonthRecord record = simulation.step();
      if (reported) writer.write_month(record);
    }
    RunProvenance provenance;
    provenance.threads = threads;
    writer.finish(scenario, provenance);
  });
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    files[entry.path().filename().string()] = read_file(entry.path());
  std::filesystem::remove_all(dir);
  return files;
}

double sum(const std::vector<MonthRecord>& records, Measure m, std::size_t first, std::size_t last) {
  double total = 0;
  for (std::size_t k = first; k < last; ++k)
    if (!std::isnan(records[k][m])) total += records[k][m];
  return total;
}

double mean(const std::vector<MonthRecord>& records, Measure m, std::size_t first, std::size_t last) {
  double total = 0;
  int count = 0;
  for (std::size_t k = first; k < last; ++k)
    if (!std::isnan(records[k][m])) {
      total += records[k][m];
      ++count;
    }
  return count ? total / count : std::nan("");
}

void make_plain_outsider(Households& h, std::size_t i) {
  h.status[i] = Status::outsider;
  h.events[i] = 0;
  h.detained_until[i] = kNever;
  h.ever_detained[i] = 0;
  h.expelled_at[i] = kNever;
  h.bribe_large_usd[i] = 0;
  h.bribe_absence_usd[i] = 0;
}

}  // namespace partysim::test
