#pragma once
// The schema of a run's output files, declared once: the columns that are not measures, and
// outputs.json, which a run folder carries beside run.json so that tools read each file's columns
// with their units and meanings (measures.def, songbun_measures.def) instead of docs/outputs.md.
#include <filesystem>
#include <string>
#include <string_view>

#include "io/json.hpp"

namespace partysim {

struct OutputColumn {
  std::string_view name;
  std::string_view unit;
  std::string_view meaning;
};

inline constexpr const char* kOutputsSchemaFileName = "outputs.json";

inline constexpr OutputColumn kDateColumn = {"date", "YYYY-MM", "the month"};
// timeseries.csv: these columns, then one per measure.
inline constexpr OutputColumn kTimeseriesColumns[] = {kDateColumn};
// by_songbun.csv (long): one row per month, songbun class and by_songbun measure.
inline constexpr OutputColumn kBySongbunColumns[] = {
    kDateColumn,
    {"songbun", "class", "the songbun class: core, wavering or hostile"},
    {"measure", "name", "a by_songbun measure"},
    {"value", "the measure's", "the measure's value for the class and month; empty for a mean over nobody"}};
// ensemble.csv (long): one row per month and timeseries.csv measure, over the replicates.
inline constexpr OutputColumn kEnsembleColumns[] = {
    kDateColumn,
    {"measure", "name", "a timeseries.csv measure"},
    {"n", "replicates", "replicates with a value"},
    {"mean", "the measure's", "mean over those replicates"},
    {"sd", "the measure's", "sample standard deviation (n - 1)"},
    {"p5", "the measure's", "5th percentile, linear between values (numpy's default)"},
    {"p50", "the measure's", "median, linear between values"},
    {"p95", "the measure's", "95th percentile, linear between values"}};

// A CSV header line (without its newline) from a list of columns.
template <std::size_t N>
std::string csv_header(const OutputColumn (&columns)[N]) {
  std::string header;
  for (const auto& column : columns) header += (header.empty() ? "" : ",") + std::string(column.name);
  return header;
}

// outputs.json of a run folder, or of an ensemble's folder (ensemble.csv; its replicates' folders
// hold their own).
JsonObject outputs_schema(bool ensemble);
// Writes outputs.json into `dir`; throws OutputError if it cannot.
void write_outputs_schema(const std::filesystem::path& dir, bool ensemble);

}  // namespace partysim
