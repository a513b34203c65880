#include "io/run_writer.hpp"

#include <cerrno>
#include <cmath>
#include <ctime>

#include "io/build_info.hpp"
#include "io/json.hpp"
#include "io/output_schema.hpp"
#include "util/number_format.hpp"
#include "params/calendar.hpp"

namespace partysim {

namespace {

std::string iso_time(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

// The folder of a run's files (inside an output folder's temporary folder).
std::filesystem::path made(std::filesystem::path dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return dir;
}
}  // namespace

std::string csv_field(double value) { return std::isnan(value) ? std::string() : format_number(value); }

std::string timeseries_header() {
  std::string header = csv_header(kTimeseriesColumns);
  for (const auto& m : kMeasures) header += "," + std::string(m.name);
  return header;
}

std::string timeseries_row(const MonthRecord& record) {
  std::string row = format_month(record.calendar_month);
  for (double value : record.values) row += "," + csv_field(value);
  return row;
}

RunWriter::RunWriter(std::filesystem::path dir)
    : dir_(made(std::move(dir))), timeseries_(dir_ / "timeseries.csv"), by_songbun_(dir_ / "by_songbun.csv") {
  timeseries_.stream() << timeseries_header() << '\n';
  by_songbun_.stream() << csv_header(kBySongbunColumns) << '\n';
}

RunWriter::RunWriter(std::filesystem::path dir, CheckpointReader& in)
    : dir_(std::move(dir)), timeseries_(dir_ / "timeseries.csv", in), by_songbun_(dir_ / "by_songbun.csv", in) {}

void RunWriter::save(CheckpointWriter& out) {
  timeseries_.save(out);
  by_songbun_.save(out);
}

void RunWriter::write_month(const MonthRecord& record) {
  errno = 0;  // so that a failed write below reports its own reason
  timeseries_.stream() << timeseries_row(record) << '\n';
  const std::string date = format_month(record.calendar_month);
  for (int s = 0; s < kSongbunCount; ++s)
    for (std::size_t m = 0; m < kSongbunMeasureCount; ++m)
      by_songbun_.stream() << date << ',' << kSongbunNames[s] << ',' << kSongbunMeasures[m].name << ','
                  << csv_field(record.by_songbun[s][m]) << '\n';
  // A failed write (disk full) stops the run now rather than after the last month.
  timeseries_.check();
  by_songbun_.check();
}

void add_provenance(JsonObject& run, const RunProvenance& provenance) {
  run.add("partysim_version", build_info::version);
  run.add("git_revision", build_info::git_revision);
  run.add("compiler", build_info::compiler);
  run.add("compiler_flags", build_info::compiler_flags);
  run.add("build_type", build_info::build_type);
  run.add("host", host_name());
  run.add("command_line", provenance.command_line);
  run.add_number("threads", provenance.threads);
  run.add("started_utc", iso_time(provenance.started));
  run.add("finished_utc", iso_time(provenance.finished));
  run.add_number("wall_seconds", provenance.wall_seconds);
  run.add_number("household_steps_per_second", provenance.household_steps_per_second);
  if (!provenance.resumed_at.empty()) {
    std::string months;
    for (const auto m : provenance.resumed_at) months += (months.empty() ? "" : ", ") + std::to_string(m);
    run.add_json("resumed_from_checkpoint_at_months", "[" + months + "]");
  }
}

std::string parameter_json_value(const Scenario& scenario, ParamId id) {
  if (spec(id).kind == ParamKind::Date)
    return scenario.real(id) == kNoMonth ? "null" : json_quote(value_text(scenario, id));
  const Schedule& schedule = scenario.schedule(id);
  if (schedule.is_constant()) return format_number(schedule.at(0));
  std::string points;
  for (const auto& p : schedule.points())
    points += (points.empty() ? "[" : ", [") + json_quote(format_month(p.month)) + ", " + format_number(p.value) + "]";
  return "[" + points + "]";
}

JsonObject parameters_json(const Scenario& scenario) {
  JsonObject parameters;
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const auto id = static_cast<ParamId>(i);
    parameters.add_json(spec(id).key(), parameter_json_value(scenario, id));
  }
  return parameters;
}

JsonObject parameters_text_json(const Scenario& scenario) {
  JsonObject parameters;
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const auto id = static_cast<ParamId>(i);
    parameters.add(spec(id).key(), value_text(scenario, id));
  }
  return parameters;
}

void add_parameters(JsonObject& run, const Scenario& scenario) {
  run.add_number("spin_up_months", scenario.spin_up_months());
  run.add_object("parameters", parameters_json(scenario));
  run.add_object("parameters_text", parameters_text_json(scenario));
}

void RunWriter::finish(const Scenario& scenario, const RunProvenance& provenance) {
  JsonObject run;
  run.add_number("run_json_version", kRunJsonVersion);
  run.add("scenario", scenario.path().empty() ? scenario.name() : scenario.path());
  run.add_number("seed", static_cast<double>(scenario.integer(P::seed)));
  add_provenance(run, provenance);
  add_parameters(run, scenario);

  timeseries_.close();
  by_songbun_.close();
  write_outputs_schema(dir_, false);
  write_json_file(dir_ / "run.json", run);
}

}  // namespace partysim
