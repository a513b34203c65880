#pragma once
// Writes a run's outputs: timeseries.csv (wide, one row per month), by_songbun.csv (long),
// outputs.json (their columns, units and meanings) and run.json (provenance). Rows are streamed as months finish; nothing is held for the whole run.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/json.hpp"
#include "io/output_folder.hpp"
#include "io/resumable_file.hpp"
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
  std::vector<std::int32_t> resumed_at;  // months the run was resumed at from a checkpoint
};

class RunWriter {
 public:
  // Writes into `dir` (an OutputFolder's temporary folder, or a folder inside one).
  explicit RunWriter(std::filesystem::path dir);
  // Continues the files of `dir` from a checkpoint (what save() wrote).
  RunWriter(std::filesystem::path dir, CheckpointReader& in);
  void write_month(const MonthRecord& record);
  void save(CheckpointWriter& out);
  // Writes outputs.json and run.json and flushes and closes the CSV files; throws OutputError on a write error.
  void finish(const Scenario& scenario, const RunProvenance& provenance);

 private:
  std::filesystem::path dir_;
  ResumableFile timeseries_;
  ResumableFile by_songbun_;
};

// The CSV header of timeseries.csv.
std::string timeseries_header();
// One CSV row of timeseries.csv (a mean over nobody is an empty field).
std::string timeseries_row(const MonthRecord& record);

// A field of a CSV file: the number, or empty for no value (NaN).
std::string csv_field(double value);

// run.json's provenance fields (build, host, times, speed); the caller adds its own.
void add_provenance(JsonObject& json, const RunProvenance& provenance);
// run.json's layout (docs/outputs.md, "run.json"); 2: parameters typed, parameters_text added.
inline constexpr int kRunJsonVersion = 2;
// One parameter's value as run.json writes it (below).
std::string parameter_json_value(const Scenario& scenario, ParamId id);
// Every parameter of the scenario, resolved and typed: a number (real, integer, constant
// schedule), "YYYY-MM" (date) or a list of ["YYYY-MM", number] points (a dated schedule).
JsonObject parameters_json(const Scenario& scenario);
// The same parameters as scenario text ("2000-01:0.02, 2009-11:0.06"), which parses back.
JsonObject parameters_text_json(const Scenario& scenario);
// Adds "spin_up_months" (the months simulated before start and not reported, 0 without a
// spin-up), then both: "parameters" (typed) and "parameters_text".
void add_parameters(JsonObject& run, const Scenario& scenario);

}  // namespace partysim
