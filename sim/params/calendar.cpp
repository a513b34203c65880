#include "params/calendar.hpp"

#include <cstdio>

namespace partysim {

std::optional<int> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0;
  int month = 0;
  for (int i = 0; i < 4; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    year = year * 10 + (text[i] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    month = month * 10 + (text[i] - '0');
  }
  if (month < 1 || month > 12) return std::nullopt;
  return year * 12 + (month - 1);
}

std::string format_month(int absolute_month) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", absolute_month / 12, absolute_month % 12 + 1);
  return buffer;
}

}  // namespace partysim
