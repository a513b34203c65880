#include "sweep/summaries.hpp"

#include <cmath>

namespace partysim {

double SummaryAccumulator::Window::mean() const { return count ? sum / count : kNoValue; }

SummaryAccumulator::SummaryAccumulator(const std::vector<SummarySpec>& specs)
    : specs_(specs), after_(specs.size()), before_(specs.size()) {
  for (const auto& s : specs_) measure_index_.push_back(measure_index(s.measure));
}

void SummaryAccumulator::add(const MonthRecord& record) {
  const int month = record.calendar_month;
  for (std::size_t k = 0; k < specs_.size(); ++k) {
    const double value = record.values[measure_index_[k]];
    if (std::isnan(value)) continue;
    const SummarySpec& s = specs_[k];
    if (month >= s.from && month <= s.to) {
      after_[k].sum += value;
      ++after_[k].count;
    }
    if (s.kind == SummarySpec::Kind::change && month >= s.before_from && month <= s.before_to) {
      before_[k].sum += value;
      ++before_[k].count;
    }
  }
}

// Field by field: a Window's padding bytes would make checkpoints differ from run to run.
void SummaryAccumulator::save(CheckpointWriter& out) const {
  out.value<std::uint64_t>(specs_.size());
  for (const auto* windows : {&after_, &before_})
    for (const Window& w : *windows) {
      out.value(w.sum);
      out.value(w.count);
    }
}

void SummaryAccumulator::load(CheckpointReader& in) {
  if (in.value<std::uint64_t>() != specs_.size()) in.fail("its summaries are not those of the sweep file");
  for (auto* windows : {&after_, &before_})
    for (Window& w : *windows) {
      w.sum = in.value<double>();
      w.count = in.value<int>();
    }
}

std::vector<double> SummaryAccumulator::values() const {
  std::vector<double> out;
  for (std::size_t k = 0; k < specs_.size(); ++k)
    out.push_back(specs_[k].kind == SummarySpec::Kind::change ? after_[k].mean() - before_[k].mean()
                                                               : after_[k].mean());
  return out;
}

}  // namespace partysim
