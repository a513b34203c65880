// libFuzzer target: the sweep file parser (design, [fixed], [vary], [summaries], base scenario).
// Any input must give a SweepSpec or a ScenarioError with located problems.
#include <cstdint>
#include <cstdlib>

#include "fuzz_input_file.hpp"
#include "sweep/sweep_spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = partysim::fuzz::input_file(data, size, "sweeps");
  try {
    const partysim::SweepSpec spec = partysim::SweepSpec::load(path);
    (void)spec.normalised_text();
  } catch (const partysim::ScenarioError& e) {
    if (e.problems().empty()) std::abort();
  }
  return 0;
}
