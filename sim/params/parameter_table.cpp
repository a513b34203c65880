#include "params/parameter_table.hpp"

#include <algorithm>
#include <vector>

#include "util/number_format.hpp"
#include "params/calendar.hpp"

namespace partysim {

std::string ParamSpec::key() const {
  return section.empty() ? std::string(name) : std::string(section) + "." + std::string(name);
}

const std::array<ParamSpec, kParamCount>& parameter_table() {
  static const std::array<ParamSpec, kParamCount> table = {{
#define PARTYSIM_PARAM(section, key, kind, def, unit, lo, hi, meaning, source) \
  {section, #key, ParamKind::kind, def, unit, static_cast<double>(lo), static_cast<double>(hi), meaning, source},
#include "params/parameter_table.def"
#undef PARTYSIM_PARAM
  }};
  return table;
}

std::optional<ParamId> find_param(std::string_view key) {
  const auto& table = parameter_table();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].key() == key) return static_cast<ParamId>(i);
  return std::nullopt;
}

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string_view last_part(std::string_view key) {
  const auto dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}
}  // namespace

std::string nearest_key(std::string_view key) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto& spec : parameter_table()) {
    const std::string candidate = spec.key();
    // A key given without its section ("crackdown_rate") or in the wrong section counts as close.
    const std::size_t distance =
        std::min(edit_distance(key, candidate), edit_distance(last_part(key), spec.name));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  const std::size_t allowed = std::max<std::size_t>(2, last_part(key).size() / 3);
  return best_distance <= allowed ? best : std::string();
}

std::string_view kind_name(ParamKind kind) {
  switch (kind) {
    case ParamKind::Policy: return "schedule";
    case ParamKind::Real: return "real";
    case ParamKind::Integer: return "integer";
    case ParamKind::Date: return "date";
  }
  return "?";
}

std::string range_text(const ParamSpec& spec) {
  if (spec.kind == ParamKind::Date)
    return "a month YYYY-MM from " + format_month(static_cast<int>(spec.min)) + " to " +
           format_month(static_cast<int>(spec.max)) + (spec.may_be_none() ? ", or none" : "");
  std::string text = "[" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
  if (spec.unit != "-") text += " " + std::string(spec.unit);
  return text;
}

}  // namespace partysim
