// libFuzzer target: the schedule parser ("YYYY-MM:VALUE, ..."). Any text is parsed or refused
// with a message; a parsed schedule prints as text that parses back to the same schedule, and its
// values are finite wherever it is evaluated.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "params/schedule.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool allow_points = data[0] & 1;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  partysim::Schedule schedule;
  std::string error;
  if (!partysim::Schedule::parse(text, allow_points, schedule, error)) {
    if (error.empty()) std::abort();  // a refusal always says why
    return 0;
  }
  partysim::Schedule again;
  if (!partysim::Schedule::parse(schedule.text(), allow_points, again, error) || !(again == schedule))
    std::abort();
  for (const int month : {-100000, 0, 1000 * 12, 2000 * 12 + 5, 2100 * 12, 100000})
    if (!std::isfinite(schedule.at(month))) std::abort();
  return 0;
}
