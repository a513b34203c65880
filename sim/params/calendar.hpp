#pragma once
// Calendar months. A month is an absolute index: year * 12 + (month - 1), so that 2000-01 is
// 24000 and differences are numbers of months.
#include <optional>
#include <string>
#include <string_view>

namespace partysim {

// "YYYY-MM" -> absolute month; empty when the text is not a valid month.
std::optional<int> parse_month(std::string_view text);
std::string format_month(int absolute_month);

}  // namespace partysim
