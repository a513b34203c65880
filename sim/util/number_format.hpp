#pragma once
// Numbers as text: the shortest form that reads back to the same double (std::to_chars), so
// that outputs are exact, compact and identical on every run.
#include <optional>
#include <string>
#include <string_view>

namespace partysim {

std::string format_number(double value);

// Parses a whole string as a finite double; empty on anything else ("12abc", "", "nan").
std::optional<double> parse_number(std::string_view text);

}  // namespace partysim
