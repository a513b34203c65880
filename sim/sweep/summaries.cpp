#include "sweep/summaries.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>


namespace partysim {

namespace {
using Kind = SummarySpec::Kind;
// Marks the layout of save() below, so that a checkpoint of an older layout is refused (its run
// is then started again) instead of misread.
constexpr std::uint64_t kSummaryLayout = 0x53554d4d41525932;  // "SUMMARY2"
}  // namespace

double decimal_year(int calendar_month) { return calendar_month / 12.0; }  // year * 12 + month - 1

void SummaryAccumulator::Window::add(double value, double t) {
  if (count == 0 || value < min) min = value;
  if (count == 0 || value > max) max = value;
  count += 1;
  const double delta = value - mean;
  mean += delta / count;
  m2 += delta * (value - mean);
  sum_t += t;
  sum_tt += t * t;
  sum_ty += t * value;
}

double SummaryAccumulator::Window::value_mean() const { return count > 0 ? mean : kNoValue; }

SummaryAccumulator::SummaryAccumulator(const std::vector<SummarySpec>& specs)
    : specs_(specs), after_(specs.size()), before_(specs.size()) {}

void SummaryAccumulator::add(const MonthRecord& record) {
  const int month = record.calendar_month;
  for (std::size_t k = 0; k < specs_.size(); ++k) {
    const SummarySpec& s = specs_[k];
    const double value = s.songbun >= 0 ? record.by_songbun[s.songbun][s.index] : record.values[s.index];
    if (std::isnan(value)) continue;
    if (month >= s.from && month <= s.to) {
      after_[k].add(value, (month - s.from) / 12.0);
      const bool crossed = s.kind == Kind::first_above ? value >= s.threshold
                                                       : s.kind == Kind::first_below && value <= s.threshold;
      if (crossed && after_[k].first == 0) after_[k].first = decimal_year(month);
    }
    if (s.kind == Kind::change && month >= s.before_from && month <= s.before_to)
      before_[k].add(value, (month - s.before_from) / 12.0);
  }
}

// Field by field: a Window's padding bytes would make checkpoints differ from run to run.
void SummaryAccumulator::save(CheckpointWriter& out) const {
  out.value<std::uint64_t>(kSummaryLayout);
  out.value<std::uint64_t>(specs_.size());
  for (const auto* windows : {&after_, &before_})
    for (const Window& w : *windows)
      for (const double v : {w.count, w.mean, w.m2, w.min, w.max, w.sum_t, w.sum_tt, w.sum_ty, w.first})
        out.value(v);
}

void SummaryAccumulator::load(CheckpointReader& in) {
  if (in.value<std::uint64_t>() != kSummaryLayout) in.fail("its summaries were saved by an older partysim");
  if (in.value<std::uint64_t>() != specs_.size()) in.fail("its summaries are not those of the sweep file");
  for (auto* windows : {&after_, &before_})
    for (Window& w : *windows)
      for (double* v : {&w.count, &w.mean, &w.m2, &w.min, &w.max, &w.sum_t, &w.sum_tt, &w.sum_ty, &w.first})
        *v = in.value<double>();
}

std::vector<double> SummaryAccumulator::values() const {
  std::vector<double> out;
  for (std::size_t k = 0; k < specs_.size(); ++k) {
    const Window& w = after_[k];
    const bool any = w.count > 0;
    switch (specs_[k].kind) {
      case Kind::at:
      case Kind::mean: out.push_back(w.value_mean()); break;
      case Kind::change: out.push_back(w.value_mean() - before_[k].value_mean()); break;
      case Kind::min: out.push_back(any ? w.min : kNoValue); break;
      case Kind::max: out.push_back(any ? w.max : kNoValue); break;
      case Kind::sd: out.push_back(w.count > 1 ? std::sqrt(w.m2 / (w.count - 1)) : kNoValue); break;
      case Kind::slope: {
        // Least squares of value on t: cov(t, y) / var(t), with sum_y = count * mean.
        const double var_t = w.sum_tt - w.sum_t * w.sum_t / w.count;
        out.push_back(w.count > 1 && var_t > 0 ? (w.sum_ty - w.sum_t * w.mean) / var_t : kNoValue);
        break;
      }
      case Kind::first_above:
      case Kind::first_below: out.push_back(w.first != 0 ? w.first : kNoValue); break;
    }
  }
  return out;
}

}  // namespace partysim
