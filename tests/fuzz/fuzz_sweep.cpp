// libFuzzer target: the sweep file parser (design, [fixed], [vary], [summaries]) and the plan it
// gives. Any input gives a SweepSpec or a ScenarioError; then, or the target aborts:
// - every problem is located in the input: its file, or its file and a line that exists;
// - a sweep that loads prints (sweep.ini of a plan folder) as a sweep that loads to the same spec;
// - its plan (when small enough to build quickly) has one row per design point and replicate, in
//   order, with the replicate's seed, and values from the file: grid rows are the Cartesian
//   product (the first parameter slowest), list rows the k-th values, sampled rows within the
//   declared range.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_input_file.hpp"
#include "sweep/plan.hpp"
#include "sweep/sweep_spec.hpp"

namespace {

using partysim::Design;
using partysim::SweepSpec;

// Plans larger than this are not built (a fuzzed "samples = 10000000" would only be slow).
constexpr double kMaxPlannedRuns = 20000;

void require(bool property) {
  if (!property) std::abort();
}

// "PATH" or "PATH:LINE" with 1 <= LINE <= the input's number of lines.
bool located(const std::string& where, const std::string& path, std::size_t lines) {
  if (where == path) return true;
  if (where.size() <= path.size() + 1 || where.compare(0, path.size(), path) != 0 || where[path.size()] != ':')
    return false;
  const std::string number = where.substr(path.size() + 1);
  if (number.size() > 9 || !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  const long line = std::stol(number);
  return line >= 1 && static_cast<std::size_t>(line) <= lines;
}

bool same_spec(const SweepSpec& a, const SweepSpec& b) {
  if (a.design != b.design || a.replicates != b.replicates || a.seed != b.seed || a.samples != b.samples ||
      a.levels != b.levels || a.fixed.size() != b.fixed.size() || a.varied.size() != b.varied.size() ||
      a.summaries.size() != b.summaries.size())
    return false;
  for (std::size_t k = 0; k < a.fixed.size(); ++k)
    if (a.fixed[k].key != b.fixed[k].key || a.fixed[k].value != b.fixed[k].value) return false;
  for (std::size_t k = 0; k < a.varied.size(); ++k) {
    const auto& p = a.varied[k];
    const auto& q = b.varied[k];
    if (p.key != q.key || p.scale != q.scale || p.values != q.values) return false;
    // A range with a count prints as its values (its bounds and "log" are then spent); a range
    // to sample prints as such.
    if (p.values.empty() && (p.min != q.min || p.max != q.max || p.log != q.log)) return false;
  }
  for (std::size_t k = 0; k < a.summaries.size(); ++k) {
    const auto& s = a.summaries[k];
    const auto& t = b.summaries[k];
    if (s.kind != t.kind || s.name != t.name || s.measure != t.measure || s.from != t.from || s.to != t.to ||
        s.threshold != t.threshold)
      return false;
    if (s.kind == partysim::SummarySpec::Kind::change && (s.before_from != t.before_from || s.before_to != t.before_to))
      return false;
  }
  return true;
}

// The number of design points the sweep file declares, from the design's definition.
double declared_points(const SweepSpec& spec) {
  const double d = static_cast<double>(spec.varied.size());
  switch (spec.design) {
    case Design::grid: {
      double n = 1;
      for (const auto& p : spec.varied) n *= static_cast<double>(p.values.size());
      return n;
    }
    case Design::list: return static_cast<double>(spec.varied.front().values.size());
    case Design::lhs: return spec.samples;
    case Design::sobol: return spec.samples * (2 * d + 2);
    case Design::morris: return spec.samples * (d + 1);
  }
  return -1;
}

bool within_range(double value, const partysim::VariedParameter& p) {
  // A range too wide for a double (max - min overflows, or exp(log max) does) gives inf or NaN
  // points; `sweep plan` then refuses them as not numbers. Only ranges a double can span count.
  if (!std::isfinite(p.max - p.min) || (p.log && !std::isfinite(std::exp(std::log(p.max))))) return true;
  const double slack = 1e-12 * std::max({std::abs(p.min), std::abs(p.max), 1e-300});
  return std::isfinite(value) && value >= p.min - slack && value <= p.max + slack;
}

void check_plan(const SweepSpec& spec) {
  const double points = declared_points(spec);
  if (points * spec.replicates > kMaxPlannedRuns) return;
  const partysim::Plan plan = partysim::make_plan(spec);
  const std::size_t d = spec.varied.size();
  const auto replicates = static_cast<std::size_t>(spec.replicates);
  require(plan.columns.size() == d);
  for (std::size_t j = 0; j < d; ++j)
    require(plan.columns[j] == (spec.varied[j].scale ? "scale_" + spec.varied[j].key : spec.varied[j].key));
  require(static_cast<double>(plan.runs.size()) == points * spec.replicates);
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const partysim::PlannedRun& run = plan.runs[i];
    char id[32];
    std::snprintf(id, sizeof id, "run%06zu", i);
    require(run.id == id);
    require(run.point == i / replicates && static_cast<std::size_t>(run.replicate) == i % replicates);
    // Common random numbers: replicate r has the same seed at every design point.
    require(run.seed == plan.runs[i % replicates].seed);
    require(run.values.size() == d);
    if (spec.design == Design::grid) {
      std::size_t rest = run.point;  // mixed radix, the last parameter fastest
      for (std::size_t j = d; j-- > 0;) {
        const auto& values = spec.varied[j].values;
        require(run.values[j] == values[rest % values.size()]);
        rest /= values.size();
      }
    } else if (spec.design == Design::list) {
      for (std::size_t j = 0; j < d; ++j) require(run.values[j] == spec.varied[j].values[run.point]);
    } else {
      for (std::size_t j = 0; j < d; ++j) require(within_range(run.values[j], spec.varied[j]));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = partysim::fuzz::input_file(data, size, "sweeps");
  const std::size_t lines = static_cast<std::size_t>(std::count(data, data + size, '\n')) + (size > 0 && data[size - 1] != '\n');
  SweepSpec spec;
  try {
    spec = SweepSpec::load(path);
  } catch (const partysim::ScenarioError& e) {
    require(!e.problems().empty());  // an error always says what is wrong, and where
    for (const auto& problem : e.problems()) require(!problem.message.empty() && located(problem.where, path, lines));
    return 0;
  }
  // The plan folder's sweep.ini (base = base.ini, which load does not read) loads to the same spec.
  const std::string text = spec.normalised_text();
  const std::string again = partysim::fuzz::input_file(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), "sweeps");
  try {
    require(same_spec(spec, SweepSpec::load(again)));
  } catch (const partysim::ScenarioError&) {
    std::abort();
  }
  check_plan(spec);
  return 0;
}
