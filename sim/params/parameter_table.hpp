#pragma once
// The parameter table: one entry per parameter, generated from parameter_table.def.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace partysim {

enum class ParamKind { Policy, Real, Integer, Date };

enum class ParamId : int {
#define PARTYSIM_PARAM(section, key, kind, def, unit, lo, hi, meaning, source) key,
#include "params/parameter_table.def"
#undef PARTYSIM_PARAM
};
using P = ParamId;

inline constexpr std::size_t kParamCount = 0
#define PARTYSIM_PARAM(section, key, kind, def, unit, lo, hi, meaning, source) +1
#include "params/parameter_table.def"
#undef PARTYSIM_PARAM
    ;

struct ParamSpec {
  std::string_view section;  // "" for the run's top-level keys
  std::string_view name;
  ParamKind kind;
  std::string_view default_text;
  std::string_view unit;
  double min;
  double max;
  std::string_view meaning;
  std::string_view source;

  // "section.name", or "name" for top-level keys: the scenario key and the option name.
  std::string key() const;
  // A date whose default is "none" may also be set to none, no month (spin_up_from).
  bool may_be_none() const { return kind == ParamKind::Date && default_text == "none"; }
};

const std::array<ParamSpec, kParamCount>& parameter_table();
inline const ParamSpec& spec(ParamId id) { return parameter_table()[static_cast<int>(id)]; }

std::optional<ParamId> find_param(std::string_view key);

// The valid key closest to a misspelt one (edit distance on the key and on its last part), or
// empty when nothing is close enough to be a plausible typo.
std::string nearest_key(std::string_view key);

std::string_view kind_name(ParamKind kind);

// "[min, max]" with the unit, for error messages and tables.
std::string range_text(const ParamSpec& spec);

}  // namespace partysim
