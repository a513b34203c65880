#include "params/scenario_text.hpp"

namespace partysim {

std::string scenario_text(const Scenario& scenario) {
  std::string text =
      "# Every parameter resolved by 'partysim show' (bases, overrides and defaults applied);\n"
      "# this text is itself a complete scenario.\n"
      "schema_version = " + std::to_string(kSchemaVersion) + "\n";
  std::string_view section;
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const auto id = static_cast<ParamId>(i);
    const ParamSpec& s = spec(id);
    if (s.section != section) {
      section = s.section;
      text += "\n[" + std::string(section) + "]\n";
    }
    text += std::string(s.name) + " = " + value_text(scenario, id) + "\n";
  }
  return text;
}

}  // namespace partysim
