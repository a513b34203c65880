#include "sweep/collect.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/atomic_files.hpp"
#include "util/number_format.hpp"
#include "util/shell_quote.hpp"
#include "io/output_folder.hpp"
#include "io/output_schema.hpp"
#include "model/month_record.hpp"
#include "sweep/sweep_folder.hpp"

namespace fs = std::filesystem;

namespace partysim {

namespace {
// The second line of a run's summary.csv without its run_id.
std::string summary_values(const fs::path& file) {
  std::ifstream in(file);
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  const auto comma = row.find(',');
  return comma == std::string::npos ? std::string() : row.substr(comma + 1);
}

}  // namespace

CollectResult collect_sweep(const std::string& dir, const std::vector<std::string>& series_measures) {
  const SweepFolder folder = SweepFolder::open(dir);
  const SweepSpec& spec = folder.spec;
  for (const auto& measure : series_measures)
    if (measure_index(measure) == kMeasureCount)
      throw ScenarioError({{"--series", "'" + measure + "' is not a measure of timeseries.csv (see 'partysim outputs')"}});
  // The same test as `sweep run`'s: a run is collected only when it is whole and is its plan row's.
  std::size_t missing = 0;
  std::string first_missing;
  for (const auto& run : folder.plan.runs)
    if (std::string problem = folder.run_problem(run); !problem.empty() && missing++ == 0)
      first_missing = problem;
  if (missing > 0)
    throw OutputError(std::to_string(missing) + " of " + std::to_string(folder.plan.runs.size()) +
                      " runs are not done or not complete (the first: " + first_missing + "); run 'partysim sweep run " +
                      shell_quoted(dir) + "' first, which runs them again");
  if (!series_measures.empty() && spec.keep == Keep::summary)
    throw OutputError("--series: the sweep keeps only each run's summary.csv (keep = summary in " + dir +
                      "/sweep.ini); plan it with --keep series to collect series");

  CollectResult result;
  result.runs = folder.plan.runs.size();
  AtomicFiles files;
  std::ofstream& summary = files.open(fs::path(dir) / "summary.csv");
  result.files.push_back("summary.csv");
  summary << "run_id,point,replicate,seed";
  for (const auto& c : folder.plan.columns) summary << "," << c;
  for (const auto& s : spec.summaries) summary << "," << s.name;
  summary << "\n";
  std::ofstream* series = nullptr;
  if (!series_measures.empty()) {
    series = &files.open(fs::path(dir) / "series.csv");
    result.files.push_back("series.csv");
    *series << "run_id,date,measure,value\n";
  }

  // Per design point, the sum and count of each summary over replicates (for SALib's outputs).
  const std::size_t points = folder.plan.runs.empty() ? 0 : folder.plan.runs.back().point + 1;
  std::vector<std::vector<double>> point_sum(points, std::vector<double>(spec.summaries.size(), 0));
  std::vector<std::vector<int>> point_count(points, std::vector<int>(spec.summaries.size(), 0));

  for (const auto& run : folder.plan.runs) {
    const std::string values = summary_values(fs::path(folder.run_dir(run)) / "summary.csv");
    summary << run.id << "," << run.point << "," << run.replicate << "," << run.seed;
    for (double v : run.values) summary << "," << format_number(v);
    if (!spec.summaries.empty()) summary << "," << values;
    summary << "\n";
    const auto cells = split_csv_line(values);
    for (std::size_t k = 0; k < spec.summaries.size() && k < cells.size(); ++k)
      if (const auto v = parse_number(cells[k])) {
        point_sum[run.point][k] += *v;
        ++point_count[run.point][k];
      }
    if (series) {
      std::ifstream in(fs::path(folder.run_dir(run)) / "timeseries.csv");
      std::string line;
      std::getline(in, line);
      const auto header = split_csv_line(line);
      std::vector<std::size_t> columns;
      for (const auto& measure : series_measures)
        for (std::size_t k = 0; k < header.size(); ++k)
          if (header[k] == measure) columns.push_back(k);
      while (std::getline(in, line)) {
        const auto cells_row = split_csv_line(line);
        for (std::size_t m = 0; m < columns.size(); ++m)
          *series << run.id << "," << cells_row[0] << "," << series_measures[m] << ","
                  << (columns[m] < cells_row.size() ? cells_row[columns[m]] : "") << "\n";
      }
    }
  }

  // SALib: the problem (names and bounds; log-uniform parameters as log10), the sample matrix in
  // SALib's row order (one row per design point) and one output file per summary (replicate mean).
  if (spec.design == Design::sobol || spec.design == Design::morris) {
    fs::create_directories(fs::path(dir) / "salib");
    std::ofstream& problem = files.open(fs::path(dir) / "salib" / "problem.txt");
    for (const auto& p : spec.varied) {
      const std::string name = p.log ? "log10(" + p.column() + ")" : p.column();
      problem << name << " " << format_number(p.log ? std::log10(p.min) : p.min) << " "
              << format_number(p.log ? std::log10(p.max) : p.max) << "\n";
    }
    std::ofstream& sample = files.open(fs::path(dir) / "salib" / "sample.txt");
    // From the plan's rows (replicate 0 of each point, in point order), not the design expanded
    // again: a folder planned by an older partysim keeps its own points.
    std::vector<std::vector<double>> point_values(points);
    for (const auto& run : folder.plan.runs)
      if (point_values[run.point].empty()) point_values[run.point] = run.values;
    for (const auto& row : point_values) {
      for (std::size_t j = 0; j < row.size(); ++j)
        sample << (j ? " " : "") << format_number(spec.varied[j].log ? std::log10(row[j]) : row[j]);
      sample << "\n";
    }
    result.files.insert(result.files.end(), {"salib/problem.txt", "salib/sample.txt"});
    for (std::size_t k = 0; k < spec.summaries.size(); ++k) {
      const std::string name = "salib/Y_" + spec.summaries[k].name + ".txt";
      std::ofstream& out = files.open(fs::path(dir) / name);
      for (std::size_t point = 0; point < points; ++point)
        out << (point_count[point][k] ? format_number(point_sum[point][k] / point_count[point][k]) : "nan") << "\n";
      result.files.push_back(name);
    }
  }
  // The units and meanings of the runs' columns, for tools (kept even when the runs' own are not).
  files.open(fs::path(dir) / kOutputsSchemaFileName) << outputs_schema(false).text() << "\n";
  result.files.push_back(kOutputsSchemaFileName);
  files.commit();
  return result;
}

}  // namespace partysim
