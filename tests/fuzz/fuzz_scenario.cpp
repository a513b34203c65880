// libFuzzer target: the scenario file parser (INI via Boost.Program_options, base includes,
// schema_version, every key's range check). Any input must give a Scenario or a ScenarioError
// with located problems; nothing else may escape, crash or trip a sanitizer.
#include <cstdint>
#include <cstdlib>

#include "fuzz_input_file.hpp"
#include "params/scenario.hpp"
#include "params/scenario_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = partysim::fuzz::input_file(data, size);
  try {
    const partysim::Scenario scenario = partysim::Scenario::load(path);
    // A loaded scenario prints as a scenario that loads to the same values (partysim show).
    const std::string text = partysim::scenario_text(scenario);
    const std::string again = partysim::fuzz::input_file(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    const partysim::Scenario reloaded = partysim::Scenario::load(again);
    for (std::size_t i = 0; i < partysim::kParamCount; ++i) {
      const auto id = static_cast<partysim::ParamId>(i);
      if (!(reloaded.schedule(id) == scenario.schedule(id))) std::abort();
    }
  } catch (const partysim::ScenarioError& e) {
    if (e.problems().empty()) std::abort();  // an error always says what is wrong
  }
  return 0;
}
