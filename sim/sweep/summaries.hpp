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
  // One value per summary; NaN where the window held no value (or, for first_above and
  // first_below, where the value was never crossed).
  std::vector<double> values() const;

 private:
  // The running sums of one window: count, mean and M2 (Welford), extremes, and the sums that
  // give the least-squares slope over time.
  struct Window {
    double count = 0, mean = 0, m2 = 0;
    double min = 0, max = 0;
    double sum_t = 0, sum_tt = 0, sum_ty = 0;  // t in years since the window's first month
    double first = 0;                          // the month first crossing the value (0: none yet)
    void add(double value, double t);
    double value_mean() const;
  };
  std::vector<SummarySpec> specs_;
  std::vector<Window> after_, before_;
};

// A calendar month as a decimal year: 2009-10 is 2009.75 (first_above and first_below report it).
double decimal_year(int calendar_month);

}  // namespace partysim
