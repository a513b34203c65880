#pragma once
// Helpers for tests: small scenarios and whole runs in memory.
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/households.hpp"
#include "model/month_record.hpp"
#include "params/scenario.hpp"

namespace partysim::test {

// ("key", "value") pairs of parameter overrides.
using Values = std::vector<std::pair<std::string, std::string>>;

// The parameter defaults with the given overrides, checked like user input.
Scenario scenario_with(const Values& values);

// Calls `work` with exactly `threads` worker threads, also on a machine with fewer cores (a
// task_arena alone gets at most one thread per core).
void with_threads(int threads, const std::function<void()>& work);

// Runs the scenario to the end with `threads` worker threads; returns every reported month's
// record (from start: a spin-up's months are left out, as the run writer leaves them out).
std::vector<MonthRecord> run_all(const Scenario& scenario, int threads = 2);

// A file's bytes (empty if it cannot be read).
std::string read_file(const std::filesystem::path& path);

// Runs the scenario to the end with `threads` worker threads and returns every file the run
// writer leaves (as `partysim run` does), by name, as bytes; `dir` is used and removed. run.json's
// provenance is empty but for the thread count, so that runs differ only there.
std::map<std::string, std::string> run_files(const Scenario& scenario, int threads,
                                             const std::filesystem::path& dir);

// The sum / mean of a measure over records [first, last).
double sum(const std::vector<MonthRecord>& records, Measure m, std::size_t first, std::size_t last);
double mean(const std::vector<MonthRecord>& records, Measure m, std::size_t first, std::size_t last);

// Makes household i an outsider with no history: no events this month, never detained or
// expelled, no bribes paid; a test then sets what it studies.
void make_plain_outsider(Households& h, std::size_t i);

}  // namespace partysim::test
