#pragma once
// A parameter's value over time: a constant, or points "YYYY-MM:VALUE, YYYY-MM:VALUE, ...",
// linear between points and constant outside them. An abrupt step is written by giving the same
// month twice: "2009-10:0.02, 2009-11:0.02, 2009-11:0.06" holds 0.02 up to October and is 0.06
// from November on ("2009-11:0.02, 2009-11:0.06" alone also steps: the first value holds before).
#include <string>
#include <string_view>
#include <vector>

namespace partysim {

struct SchedulePoint {
  int month;  // absolute month (calendar.hpp)
  double value;
};

class Schedule {
 public:
  Schedule() = default;
  static Schedule constant(double value);
  static Schedule from_points(std::vector<SchedulePoint> points);

  // Parses a constant or a schedule. On failure returns false and sets `error` to a message
  // that names the offending part (the value's range is checked by the caller).
  static bool parse(std::string_view text, bool allow_points, Schedule& out, std::string& error);

  double at(int absolute_month) const;
  bool is_constant() const { return !dated_; }
  const std::vector<SchedulePoint>& points() const { return points_; }

  // The text that parses back to this schedule ("0.02" or "2000-01:0.02, 2009-11:0.06").
  std::string text() const;

  // The same schedule with every value multiplied by `factor` (sweeps scale schedules).
  Schedule scaled(double factor) const;

  bool operator==(const Schedule& other) const;

 private:
  bool dated_ = false;
  std::vector<SchedulePoint> points_;
};

}  // namespace partysim
