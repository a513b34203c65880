#include "io/simulation_checkpoint.hpp"

#include "params/scenario.hpp"

namespace partysim {

namespace {
// "key = value\n" for every parameter: the text the fingerprint is taken of.
std::string canonical_text(const Scenario& scenario) {
  std::string text;
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const auto id = static_cast<ParamId>(i);
    text += spec(id).key() + " = " + value_text(scenario, id) + "\n";
  }
  return text;
}
}  // namespace

std::uint64_t scenario_fingerprint(const Scenario& scenario) {
  const std::string text = canonical_text(scenario);
  StreamChecksum checksum;
  checksum.update(text.data(), text.size());
  return checksum.value();
}

void save_scenario(CheckpointWriter& out, const Scenario& scenario) {
  out.string(scenario.name());
  out.string(scenario.path());
  out.value<std::uint64_t>(kParamCount);
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const auto id = static_cast<ParamId>(i);
    out.string(spec(id).key());
    out.string(value_text(scenario, id));
    out.string(scenario.origin(id));
  }
  out.value(scenario_fingerprint(scenario));
}

Scenario load_scenario(CheckpointReader& in) {
  Scenario scenario;
  std::string name = in.string();
  std::string path = in.string();
  if (in.value<std::uint64_t>() != kParamCount) in.fail("its parameter list differs from this build's");
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const auto id = static_cast<ParamId>(i);
    const std::string key = in.string();
    const std::string text = in.string();
    const std::string origin = in.string();
    if (key != spec(id).key()) in.fail("it holds parameter '" + key + "' where this build has '" + spec(id).key() + "'");
    const std::string problem = scenario.set(id, text, origin);
    if (!problem.empty()) in.fail("parameter " + problem);
  }
  scenario.set_source(std::move(name), std::move(path));
  if (in.value<std::uint64_t>() != scenario_fingerprint(scenario))
    in.fail("its parameters do not read back to the values it was written with");
  return scenario;
}

void save_simulation(CheckpointWriter& out, const Simulation& simulation) {
  const SimulationState& s = simulation.state();
  save_scenario(out, s.scenario);
  out.value<std::int32_t>(s.month);
  out.value<std::uint64_t>(s.cadre_posts);
  out.value(s.violators_per_1000);
  out.value(s.promotion_history);
#define PARTYSIM_HOUSEHOLD_FIELD(type, name, lifetime, doc) out.vector(s.households.name);
#include "model/submodels.def"
  const Cells& c = s.cells;
  out.value<std::uint64_t>(c.cell_size);
  out.value<std::uint64_t>(c.household_count);
#define PARTYSIM_CELL_FIELD(type, name, per_cell, doc) out.vector(c.name);
#include "model/submodels.def"
  out.vector(s.ties.offsets);
  out.vector(s.ties.neighbours);
}

std::unique_ptr<Simulation> load_simulation(CheckpointReader& in) {
  SimulationState s(load_scenario(in));
  s.month = in.value<std::int32_t>();
  s.cadre_posts = in.value<std::uint64_t>();
  s.violators_per_1000 = in.value<double>();
  s.promotion_history = in.value<PromotionHistory>();
  const auto n = static_cast<std::size_t>(s.scenario.integer(P::households));
  if (s.month < 0 || s.month > s.scenario.simulated_months()) in.fail("its month is out of range");
#define PARTYSIM_HOUSEHOLD_FIELD(type, name, lifetime, doc) \
  in.vector(s.households.name);                             \
  if (s.households.name.size() != n) in.fail("household array '" #name "' has the wrong size");
#include "model/submodels.def"
  // Values used as indices are checked: the checksum finds damage, not a crafted file.
  for (std::size_t i = 0; i < n; ++i)
    if (static_cast<int>(s.households.songbun[i]) >= kSongbunCount ||
        static_cast<int>(s.households.status[i]) >= kStatusCount)
      in.fail("household " + std::to_string(i) + " has an unknown songbun or status");
  Cells& c = s.cells;
  c.cell_size = in.value<std::uint64_t>();
  c.household_count = in.value<std::uint64_t>();
  if (c.cell_size != static_cast<std::size_t>(s.scenario.integer(P::cell_size)) || c.household_count != n)
    in.fail("its cells do not fit the scenario");
  const std::size_t cells = (n + c.cell_size - 1) / c.cell_size;
#define PARTYSIM_CELL_FIELD(type, name, per_cell, doc) \
  in.vector(c.name);                                    \
  if (c.name.size() != cells * (per_cell)) in.fail("cell array '" #name "' has the wrong size");
#include "model/submodels.def"
  in.vector(s.ties.offsets);
  in.vector(s.ties.neighbours);
  if (s.ties.offsets.size() != n + 1 || s.ties.offsets.front() != 0 ||
      s.ties.offsets.back() != s.ties.neighbours.size())
    in.fail("its ties do not fit the scenario");
  for (std::size_t i = 0; i < n; ++i)
    if (s.ties.offsets[i] > s.ties.offsets[i + 1]) in.fail("its ties are out of order");
  for (const std::uint32_t j : s.ties.neighbours)
    if (j >= n) in.fail("a tie points outside the population");
  return std::make_unique<Simulation>(std::move(s));
}

}  // namespace partysim
