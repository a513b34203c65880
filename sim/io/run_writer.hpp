#pragma once
// Writes a run's outputs: timeseries.csv (wide, one row per month), by_songbun.csv (long) and
// run.json (provenance). Rows are streamed as months finish; nothing is held for the whole run.
#include <chrono>
#include <fstream>
#include <string>

#include "io/output_folder.hpp"
#include "model/month_record.hpp"
#include "params/scenario.hpp"

namespace partysim {

// How the run was made, recorded in run.json.
struct RunProvenance {
  int threads = 1;
  std::string command_line;
  std::chrono::system_clock::time_point started;
  std::chrono::system_clock::time_point finished;
  double wall_seconds = 0;
  double household_steps_per_second = 0;
};

class RunWriter {
 public:
  explicit RunWriter(const OutputFolder& folder);
  void write_month(const MonthRecord& record);
  // Writes run.json and flushes and closes the CSV files; throws OutputError on a write error.
  void finish(const Scenario& scenario, const RunProvenance& provenance);

 private:
  const OutputFolder& folder_;
  std::ofstream timeseries_;
  std::ofstream by_songbun_;
};

// The CSV header of timeseries.csv.
std::string timeseries_header();
// One CSV row of timeseries.csv (a mean over nobody is an empty field).
std::string timeseries_row(const MonthRecord& record);

}  // namespace partysim
