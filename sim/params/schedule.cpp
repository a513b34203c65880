#include "params/schedule.hpp"

#include "util/number_format.hpp"
#include "params/calendar.hpp"
#include "params/parameter_table.hpp"

namespace partysim {

Schedule Schedule::constant(double value) {
  Schedule s;
  s.points_ = {{0, value}};
  return s;
}

Schedule Schedule::from_points(std::vector<SchedulePoint> points) {
  Schedule s;
  s.dated_ = true;
  s.points_ = std::move(points);
  return s;
}

namespace {
std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}
}  // namespace

bool Schedule::parse(std::string_view text, bool allow_points, Schedule& out, std::string& error) {
  text = trim(text);
  if (text.find(':') == std::string_view::npos) {
    const auto value = parse_number(text);
    if (!value) {
      error = "'" + std::string(text) + "' is not a number";
      return false;
    }
    out = constant(*value);
    return true;
  }
  if (!allow_points) {
    error = "'" + std::string(text) + "' is a schedule, but this parameter is constant for the run";
    return false;
  }
  std::vector<SchedulePoint> points;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t comma = std::min(text.find(',', begin), text.size());
    const std::string_view item = trim(text.substr(begin, comma - begin));
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos) {
      error = "schedule point '" + std::string(item) + "' is not DATE:VALUE (dates are YYYY-MM)";
      return false;
    }
    const auto month = parse_month(trim(item.substr(0, colon)));
    if (!month) {
      error = "schedule point '" + std::string(item) + "' has a bad date (expected YYYY-MM)";
      return false;
    }
    // Dates in the range of 'start', from its line of the parameter table.
    if (const ParamSpec& start = spec(P::start); *month < start.min || *month > start.max) {
      error = "schedule point '" + std::string(item) + "' has a date outside " +
              format_month(static_cast<int>(start.min)) + ".." + format_month(static_cast<int>(start.max)) +
              " (the range of start)";
      return false;
    }
    const auto value = parse_number(item.substr(colon + 1));
    if (!value) {
      error = "schedule point '" + std::string(item) + "' has a value that is not a number";
      return false;
    }
    if (!points.empty()) {
      const int previous = points.back().month;
      const bool repeated_twice = points.size() >= 2 && points[points.size() - 2].month == previous;
      if (*month < previous) {
        error = "schedule dates are not in order: " + format_month(*month) + " comes after " +
                format_month(previous);
        return false;
      }
      if (*month == previous && repeated_twice) {
        error = "schedule date " + format_month(*month) +
                " appears more than twice (twice marks a step)";
        return false;
      }
    }
    points.push_back({*month, *value});
    begin = comma + 1;
  }
  out = from_points(std::move(points));
  return true;
}

double Schedule::at(int month) const {
  if (!dated_) return points_.front().value;
  if (month < points_.front().month) return points_.front().value;
  // The last point at or before `month`; for a repeated date, its second value.
  std::size_t i = 0;
  while (i + 1 < points_.size() && points_[i + 1].month <= month) ++i;
  if (i + 1 == points_.size()) return points_.back().value;
  const SchedulePoint& a = points_[i];
  const SchedulePoint& b = points_[i + 1];
  const double fraction = static_cast<double>(month - a.month) / (b.month - a.month);
  return a.value + fraction * (b.value - a.value);
}

std::string Schedule::text() const {
  if (!dated_) return format_number(points_.front().value);
  std::string out;
  for (const auto& point : points_) {
    if (!out.empty()) out += ", ";
    out += format_month(point.month) + ":" + format_number(point.value);
  }
  return out;
}

Schedule Schedule::scaled(double factor) const {
  Schedule s = *this;
  for (auto& point : s.points_) point.value *= factor;
  return s;
}

bool Schedule::operator==(const Schedule& other) const {
  if (dated_ != other.dated_ || points_.size() != other.points_.size()) return false;
  for (std::size_t i = 0; i < points_.size(); ++i)
    if (points_[i].month != other.points_[i].month || points_[i].value != other.points_[i].value)
      return false;
  return true;
}

}  // namespace partysim
