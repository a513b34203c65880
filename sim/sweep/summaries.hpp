#pragma once
// The summaries of one run (sweep file [summaries]), accumulated month by month as the run goes,
// so nothing is held for the whole run.
#include <string>
#include <vector>

#include "model/month_record.hpp"
#include "run/month_observer.hpp"
#include "sweep/sweep_spec.hpp"

namespace partysim {

class SummaryAccumulator : public MonthObserver {
 public:
  explicit SummaryAccumulator(const std::vector<SummarySpec>& specs);
  void add(const MonthRecord& record) override;
  void save(CheckpointWriter& out) const override;
  void load(CheckpointReader& in) override;
  // One value per summary; NaN where the window held no value.
  std::vector<double> values() const;

 private:
  struct Window {
    double sum = 0;
    int count = 0;
    double mean() const;
  };
  std::vector<SummarySpec> specs_;
  std::vector<std::size_t> measure_index_;
  std::vector<Window> after_, before_;
};

}  // namespace partysim
