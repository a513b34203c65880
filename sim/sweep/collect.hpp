#pragma once
// Collects a sweep: summary.csv with one row per planned run (plan columns, then the summaries),
// streamed run by run so memory does not grow with the sweep; optionally series.csv (long format)
// for chosen measures; and for sobol and morris designs the files SALib reads.
#include <string>
#include <vector>

namespace partysim {

struct CollectResult {
  std::size_t runs = 0;
  std::vector<std::string> files;  // written, relative to the sweep folder
};

// Throws OutputError when a run is missing (with how many and which first) or a file cannot be
// written; nothing is written then.
CollectResult collect_sweep(const std::string& dir, const std::vector<std::string>& series_measures);

}  // namespace partysim
