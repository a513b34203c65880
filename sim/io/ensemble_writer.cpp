#include "io/ensemble_writer.hpp"

#include <algorithm>
#include <cmath>

#include "io/output_folder.hpp"
#include "io/output_schema.hpp"
#include "io/run_writer.hpp"
#include "params/calendar.hpp"

namespace partysim {

EnsembleStatistics ensemble_statistics(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  EnsembleStatistics s{static_cast<int>(values.size()), kNoValue, kNoValue, kNoValue, kNoValue, kNoValue};
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / s.n;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = s.n > 1 ? std::sqrt(squares / (s.n - 1)) : kNoValue;
  auto percentile = [&](double q) {
    const double position = q * (s.n - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (position - below) * (values[above] - values[below]);
  };
  s.p5 = percentile(0.05);
  s.p50 = percentile(0.5);
  s.p95 = percentile(0.95);
  return s;
}

EnsembleWriter::EnsembleWriter(const std::filesystem::path& file) : out_(file) {
  out_.stream() << csv_header(kEnsembleColumns) << '\n';
}

void EnsembleWriter::write_month(const std::vector<MonthRecord>& replicates) {
  const std::string date = format_month(replicates.front().calendar_month);
  std::vector<double> values(replicates.size());
  for (std::size_t m = 0; m < kMeasureCount; ++m) {
    for (std::size_t r = 0; r < replicates.size(); ++r) values[r] = replicates[r].values[m];
    const EnsembleStatistics s = ensemble_statistics(values);
    out_.stream() << date << ',' << kMeasures[m].name << ',' << s.n << ',' << csv_field(s.mean) << ','
         << csv_field(s.sd) << ',' << csv_field(s.p5) << ',' << csv_field(s.p50) << ','
         << csv_field(s.p95) << '\n';
  }
  out_.check();
}

void EnsembleWriter::finish() { out_.close(); }

}  // namespace partysim
