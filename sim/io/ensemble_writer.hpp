#pragma once
// ensemble.csv: per month and measure, statistics over the replicates of a run (long format:
// date, measure, n, mean, sd, p5, p50, p95), written month by month as the replicates advance in
// step, so memory does not grow with the run.
#include <filesystem>
#include <vector>

#include "io/resumable_file.hpp"
#include "model/month_record.hpp"

namespace partysim {

struct EnsembleStatistics {
  int n = 0;  // replicates with a value (a mean over nobody has none)
  double mean, sd, p5, p50, p95;
};

// Statistics of the values that are not NaN; sd is the sample standard deviation (n - 1), the
// percentiles interpolate linearly between order statistics (numpy's default, R's type 7).
EnsembleStatistics ensemble_statistics(std::vector<double> values);

class EnsembleWriter {
 public:
  explicit EnsembleWriter(const std::filesystem::path& file);
  // Continues the file from a checkpoint (what save() wrote).
  EnsembleWriter(const std::filesystem::path& file, CheckpointReader& in) : out_(file, in) {}
  void save(CheckpointWriter& out) { out_.save(out); }
  // One month: the records of every replicate for the same month.
  void write_month(const std::vector<MonthRecord>& replicates);
  void finish();  // throws OutputError on a write error

 private:
  ResumableFile out_;
};

}  // namespace partysim
