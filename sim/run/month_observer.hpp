#pragma once
// Something more that follows the months of a single-simulation run (a sweep's summaries) and is
// saved in the run's checkpoint, so that it resumes with the run.
#include "io/checkpoint_file.hpp"
#include "model/month_record.hpp"

namespace partysim {

class MonthObserver {
 public:
  virtual ~MonthObserver() = default;
  virtual void add(const MonthRecord& record) = 0;
  virtual void save(CheckpointWriter& out) const = 0;
  virtual void load(CheckpointReader& in) = 0;
};

}  // namespace partysim
