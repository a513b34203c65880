#include "test_support.hpp"

#include <cmath>
#include <oneapi/tbb/task_arena.h>

#include "model/simulation.hpp"

namespace partysim::test {

Scenario scenario_with(const Values& values) {
  Scenario scenario;
  std::vector<Override> overrides;
  for (const auto& [key, value] : values) overrides.push_back({key, value, "test"});
  scenario.apply(overrides);
  return scenario;
}

std::vector<MonthRecord> run_all(const Scenario& scenario, int threads) {
  std::vector<MonthRecord> records;
  oneapi::tbb::task_arena arena(threads);
  arena.execute([&] {
    Simulation simulation(scenario);
    while (!simulation.done()) records.push_back(simulation.step());
  });
  return records;
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
