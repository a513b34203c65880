#include "sweep/sweep_spec.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "util/memory_limit.hpp"
#include "util/number_format.hpp"
#include "model/month_record.hpp"
#include "params/calendar.hpp"
#include "params/ini_file.hpp"

namespace partysim {

namespace {
std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(trim(part));
  return parts;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream stream(text);
  std::string word;
  while (stream >> word) out.push_back(word);
  return out;
}

// "YYYY-MM..YYYY-MM" -> (from, to), inclusive.
bool parse_window(const std::string& text, int& from, int& to) {
  const auto dots = text.find("..");
  if (dots == std::string::npos) return false;
  const auto a = parse_month(trim(text.substr(0, dots)));
  const auto b = parse_month(trim(text.substr(dots + 2)));
  if (!a || !b || *b < *a) return false;
  from = *a;
  to = *b;
  return true;
}

// A varied parameter's value text: "[scale] v1, v2, ..." or "[scale] min..max [n=K] [log]".
std::string parse_varied(const std::string& text, VariedParameter& p) {
  std::string rest = trim(text);
  if (rest.rfind("scale ", 0) == 0) {
    p.scale = true;
    rest = trim(rest.substr(6));
  }
  const auto dots = rest.find("..");
  if (dots == std::string::npos) {
    for (const std::string& item : split(rest, ',')) {
      const auto value = parse_number(item);
      if (!value) return "'" + item + "' is not a number (expected values 'a, b, c' or a range 'min..max')";
      p.values.push_back(*value);
    }
    return p.values.empty() ? "no values given" : "";
  }
  const auto tokens = words(rest.substr(dots + 2));
  const auto low = parse_number(rest.substr(0, dots));
  const auto high = tokens.empty() ? std::nullopt : parse_number(tokens[0]);
  if (!low || !high || *high < *low)
    return "'" + rest + "' is not a range 'min..max' with min <= max";
  p.min = *low;
  p.max = *high;
  int count = 0;
  for (std::size_t k = 1; k < tokens.size(); ++k) {
    if (tokens[k] == "log") {
      p.log = true;
    } else if (tokens[k].rfind("n=", 0) == 0) {
      const auto n = parse_number(tokens[k].substr(2));
      if (!n || *n < 1 || *n != std::floor(*n)) return "'" + tokens[k] + "' is not a count n=K (K >= 1)";
      count = static_cast<int>(*n);
    } else {
      return "unexpected '" + tokens[k] + "' after the range (expected 'n=K' and/or 'log')";
    }
  }
  if (p.log && p.min <= 0) return "a log range needs min > 0";
  // A range with a count is a grid of evenly (or log-evenly) spaced values.
  for (int k = 0; k < count; ++k)
    p.values.push_back(count == 1 ? p.min : p.at_unit(static_cast<double>(k) / (count - 1)));
  return "";
}

// A summary's measure: a timeseries.csv measure, or SONGBUN.MEASURE of by_songbun.csv.
std::string parse_summary_measure(SummarySpec& s) {
  s.index = measure_index(s.measure);
  if (s.index != kMeasureCount) return "";
  const auto dot = s.measure.find('.');
  if (dot != std::string::npos) {
    const std::string cls = s.measure.substr(0, dot), name = s.measure.substr(dot + 1);
    for (int c = 0; c < kSongbunCount; ++c)
      if (cls == kSongbunNames[c]) s.songbun = c;
    for (s.index = 0; s.index < kSongbunMeasureCount && kSongbunMeasures[s.index].name != name;) ++s.index;
    if (s.songbun >= 0 && s.index < kSongbunMeasureCount) return "";
    return "'" + s.measure + "' is not SONGBUN.MEASURE of by_songbun.csv (songbun core, wavering or "
           "hostile; measures: see 'partysim outputs')";
  }
  return "'" + s.measure + "' is not a measure of timeseries.csv, nor SONGBUN.MEASURE of by_songbun.csv "
         "(see 'partysim outputs')";
}

std::string parse_summary(const std::string& name, const std::string& text, SummarySpec& s) {
  s.name = name;
  const auto w = words(text);
  const std::string usage =
      "expected 'MEASURE at YYYY-MM', 'MEASURE mean|min|max|sd|slope YYYY-MM..YYYY-MM', "
      "'MEASURE change YYYY-MM..YYYY-MM to YYYY-MM..YYYY-MM' or "
      "'MEASURE first_above|first_below VALUE YYYY-MM..YYYY-MM'";
  if (w.size() < 3) return "'" + text + "': " + usage;
  s.measure = w[0];
  if (const auto problem = parse_summary_measure(s); !problem.empty()) return problem;
  auto window = [&](const std::string& word) {
    return parse_window(word, s.from, s.to) ? "" : "'" + word + "' is not a window YYYY-MM..YYYY-MM";
  };
  const auto* kind = std::find(std::begin(kSummaryKinds), std::end(kSummaryKinds), w[1]);
  if (kind == std::end(kSummaryKinds)) return "'" + text + "': " + usage;
  s.kind = static_cast<SummarySpec::Kind>(kind - std::begin(kSummaryKinds));
  switch (s.kind) {
    case SummarySpec::Kind::at: {
      const auto month = w.size() == 3 ? parse_month(w[2]) : std::nullopt;
      if (w.size() == 3 && !month) return "'" + w[2] + "' is not a month YYYY-MM";
      if (!month) break;
      s.from = s.to = *month;
      return "";
    }
    case SummarySpec::Kind::change:
      if (w.size() != 5 || w[3] != "to") break;
      if (!parse_window(w[2], s.before_from, s.before_to))
        return "'" + w[2] + "' is not a window YYYY-MM..YYYY-MM";
      return window(w[4]);
    case SummarySpec::Kind::first_above:
    case SummarySpec::Kind::first_below: {
      if (w.size() != 4) break;
      const auto value = parse_number(w[2]);
      if (!value) return "'" + w[2] + "' is not a number (the value to cross)";
      s.threshold = *value;
      return window(w[3]);
    }
    default:  // mean, min, max, sd, slope: one window
      if (w.size() != 3) break;
      return window(w[2]);
  }
  return "'" + text + "': " + usage;
}

// Names that are plan.csv's and summary.csv's own columns (and the run's seed, which the plan
// sets from the sweep's seed): a parameter or summary of that name would be a second column of
// the same name, or a factor with no effect.
bool reserved_name(const std::string& name) {
  return name == "seed" || name == "run_id" || name == "point" || name == "replicate";
}

// A summary name becomes a CSV column and a file name (salib/Y_<name>.txt): letters, digits and
// '_', not starting with a digit.
bool identifier(const std::string& name) {
  if (name.empty() || name.size() > 64 || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char ch : name)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_'))
      return false;
  return true;
}

std::string window_text(int from, int to) { return format_month(from) + ".." + format_month(to); }
}  // namespace

double planned_run_count(const SweepSpec& spec) {
  const double d = static_cast<double>(spec.varied.size());
  double points = 0;
  switch (spec.design) {
    case Design::grid:
      points = 1;
      for (const auto& p : spec.varied) points *= static_cast<double>(p.values.size());
      break;
    case Design::list: points = spec.varied.empty() ? 0 : static_cast<double>(spec.varied.front().values.size()); break;
    case Design::lhs: points = spec.samples; break;
    case Design::sobol: points = spec.samples * (2 * d + 2); break;
    case Design::morris: points = spec.samples * (d + 1); break;
  }
  return points * spec.replicates;
}

double planned_run_bytes(const SweepSpec& spec) {
  // An estimate, generous: the run (its id and values), the design point (unit and values rows)
  // and its plan.csv line, written and read back.
  return 200.0 + 40.0 * static_cast<double>(spec.varied.size());
}

double VariedParameter::at_unit(double u) const {
  if (log) return std::exp(std::log(min) + u * (std::log(max) - std::log(min)));
  return min + u * (max - min);
}

std::string keep_name(Keep keep) {
  switch (keep) {
    case Keep::summary: return "summary";
    case Keep::series: return "series";
    case Keep::all: return "all";
  }
  return "?";
}

std::optional<Keep> parse_keep(const std::string& text) {
  for (const Keep keep : {Keep::summary, Keep::series, Keep::all})
    if (text == keep_name(keep)) return keep;
  return std::nullopt;
}

std::string design_name(Design design) {
  switch (design) {
    case Design::grid: return "grid";
    case Design::list: return "list";
    case Design::lhs: return "lhs";
    case Design::sobol: return "sobol";
    case Design::morris: return "morris";
  }
  return "?";
}

SweepSpec SweepSpec::load(const std::string& path) {
  SweepSpec spec;
  spec.path = path;
  std::vector<InputProblem> problems;
  const boost::program_options::options_description none;
  const auto entries = read_ini_file(path, "sweep file", none, problems);
  bool has_version = false, has_base = false, has_design = false, has_vary = false;
  auto whole = [&](const IniEntry& e, int min, int max, int& out) {
    const auto v = parse_number(e.value);
    if (!v || *v != std::floor(*v) || *v < min || *v > max)
      problems.push_back({e.where, e.key + " = '" + e.value + "' is not a whole number in [" +
                                       std::to_string(min) + ", " + std::to_string(max) + "]"});
    else
      out = static_cast<int>(*v);
  };
  for (const IniEntry& e : entries) {
    if (e.repeated) {
      problems.push_back({e.where, "key '" + e.key + "' is given more than once"});
      continue;
    }
    const auto dot = e.key.find('.');
    const std::string section = dot == std::string::npos ? "" : e.key.substr(0, dot);
    const std::string name = dot == std::string::npos ? e.key : e.key.substr(dot + 1);
    if (e.key == "schema_version") {
      has_version = true;
      if (const auto problem = schema_version_problem(e.value); !problem.empty())
        problems.push_back({e.where, problem});
    } else if (e.key == "base") {
      has_base = true;
      spec.base_path = (std::filesystem::path(path).parent_path() / e.value).lexically_normal().string();
    } else if (e.key == "design") {
      has_design = true;
      const std::vector<std::pair<std::string, Design>> designs = {
          {"grid", Design::grid}, {"list", Design::list}, {"lhs", Design::lhs},
          {"sobol", Design::sobol}, {"morris", Design::morris}};
      bool found = false;
      for (const auto& [text, design] : designs)
        if (e.value == text) {
          spec.design = design;
          found = true;
        }
      if (!found)
        problems.push_back({e.where, "design = '" + e.value + "'; accepted: grid, list, lhs, sobol, morris"});
    } else if (e.key == "replicates") {
      whole(e, 1, 100000, spec.replicates);
    } else if (e.key == "seed") {
      const auto v = parse_number(e.value);
      if (!v || *v != std::floor(*v) || *v < 0 || *v > 9007199254740991.0)
        problems.push_back({e.where, "seed = '" + e.value + "' is not a whole number in [0, 2^53-1]"});
      else
        spec.seed = static_cast<long long>(*v);
    } else if (e.key == "samples") {
      whole(e, 1, 10000000, spec.samples);
    } else if (e.key == "levels") {
      whole(e, 2, 1000, spec.levels);
      if (spec.levels % 2 != 0)
        problems.push_back({e.where, "levels = " + e.value + " must be even (Morris's step of "
                                     "levels / (2 (levels - 1)) then stays on the grid; SALib asks the same)"});
    } else if (e.key == "keep") {
      if (const auto keep = parse_keep(e.value)) spec.keep = *keep;
      else problems.push_back({e.where, "keep = '" + e.value + "'; accepted: summary, series, all"});
    } else if (e.key == "scramble") {
      if (e.value != "yes" && e.value != "no")
        problems.push_back({e.where, "scramble = '" + e.value + "'; accepted: yes, no"});
      spec.scramble = e.value == "yes";
    } else if ((section == "fixed" || section == "vary" || section == "summaries") && reserved_name(name)) {
      if (section == "vary") has_vary = true;
      problems.push_back({e.where, "'" + name + "' in [" + section + "] is a name the sweep keeps for itself "
                                   "(run_id, point, replicate, seed are plan.csv's columns" +
                                   (name == "seed" ? "; the runs' seeds come from the sweep's top-level "
                                                     "'seed' and 'replicates'" : "") + ")"});
    } else if (section == "fixed" || section == "vary") {
      if (section == "vary") has_vary = true;
      if (!find_param(name)) {
        problems.push_back({e.where, unknown_key_message(name)});
        continue;
      }
      if (section == "fixed") {
        spec.fixed.push_back({name, e.value, e.where});
        continue;
      }
      VariedParameter p;
      p.key = name;
      const std::string problem = parse_varied(e.value, p);
      if (!problem.empty()) problems.push_back({e.where, name + ": " + problem});
      else spec.varied.push_back(p);
    } else if (section == "summaries") {
      SummarySpec s;
      if (!identifier(name)) {
        problems.push_back({e.where, "summary name '" + name.substr(0, 64) + (name.size() > 64 ? "...": "") +
                                     "' is not a name of letters, digits and '_' (not starting with a "
                                     "digit, at most 64 characters): it becomes a column of summary.csv "
                                     "and a file name"});
        continue;
      }
      const std::string problem = parse_summary(name, e.value, s);
      if (!problem.empty()) problems.push_back({e.where, "summary " + name + ": " + problem});
      else spec.summaries.push_back(s);
    } else {
      problems.push_back({e.where, "unknown key '" + e.key +
                                       "'; a sweep file has schema_version, base, design, "
                                       "replicates, seed, samples, levels, scramble, keep and sections [fixed], "
                                       "[vary], [summaries]"});
    }
  }
  if (entries.empty() && problems.empty()) problems.push_back({path, "the sweep file is empty"});
  if (!entries.empty()) {
    if (!has_version) problems.push_back({path, "the sweep file does not state schema_version"});
    if (!has_base) problems.push_back({path, "the sweep file does not state base (the scenario it varies)"});
    if (!has_design) problems.push_back({path, "the sweep file does not state design"});
    if (!has_vary) problems.push_back({path, "the sweep file varies nothing: add a [vary] section"});
  }
  for (const auto& f : spec.fixed)
    for (const auto& p : spec.varied)
      if (*find_param(f.key) == *find_param(p.key))
        problems.push_back({f.where, f.key + " is both fixed and varied; keep it in one of [fixed] and [vary]"});
  // What each design needs.
  const bool sampling = spec.design == Design::lhs || spec.design == Design::sobol ||
                        spec.design == Design::morris;
  for (const auto& p : spec.varied) {
    if (sampling && p.max <= p.min && p.values.empty())
      problems.push_back({path, p.key + ": a " + design_name(spec.design) + " design needs a range min..max"});
    if (sampling && !p.values.empty())
      problems.push_back({path, p.key + ": a " + design_name(spec.design) +
                                    " design samples a range min..max, not values or n=K"});
    if (!sampling && p.values.empty())
      problems.push_back({path, p.key + ": a " + design_name(spec.design) +
                                    " design needs values 'a, b, c' or a range with a count 'min..max n=K'"});
  }
  if (spec.design == Design::list)
    for (const auto& p : spec.varied)
      if (p.values.size() != spec.varied.front().values.size())
        problems.push_back({path, "a list design needs the same number of values for every parameter (" +
                                      spec.varied.front().key + " has " +
                                      std::to_string(spec.varied.front().values.size()) + ", " + p.key +
                                      " has " + std::to_string(p.values.size()) + ")"});
  if (sampling && spec.samples < 1 && !entries.empty())
    problems.push_back({path, "a " + design_name(spec.design) + " design needs samples = N"});
  // Refused now, with its size, rather than by exhausting memory while planning.
  if (problems.empty()) {
    const double runs = planned_run_count(spec);
    const double bytes = runs * planned_run_bytes(spec);
    const MemoryLimit memory = memory_limit();
    if (runs > kMaxPlannedRuns || (memory.bytes > 0 && bytes > 0.5 * memory.bytes))
      problems.push_back({path, "the design has " + format_number(runs) + " runs (" + design_name(spec.design) +
                                    " design x " + std::to_string(spec.replicates) + " replicates); planning it "
                                    "would take about " + format_number(std::ceil(bytes / 1e8) / 10) +
                                    " GB of memory (" + memory.what + " " + format_number(std::round(memory.bytes / 1e8) / 10) +
                                    " GB), and a sweep may have at most " + format_number(kMaxPlannedRuns) +
                                    " runs. Use fewer values, samples or replicates, or split the sweep"});
  }
  if (!problems.empty()) throw ScenarioError(problems);
  return spec;
}

std::string SweepSpec::normalised_text() const {
  std::string text = "# The sweep as planned (written by 'partysim sweep plan'); its base is base.ini.\n";
  text += "schema_version = " + std::to_string(kSchemaVersion) + "\nbase = base.ini\n";
  text += "design = " + design_name(design) + "\n";
  text += "replicates = " + std::to_string(replicates) + "\nseed = " + std::to_string(seed) + "\n";
  if (samples > 0) text += "samples = " + std::to_string(samples) + "\n";
  text += "levels = " + std::to_string(levels) + "\n";
  if (scramble) text += "scramble = yes\n";
  if (keep != Keep::all) text += "keep = " + keep_name(keep) + "\n";
  if (!fixed.empty()) {
    text += "\n[fixed]\n";
    for (const auto& o : fixed) text += o.key + " = " + o.value + "\n";
  }
  text += "\n[vary]\n";
  for (const auto& p : varied) {
    text += p.key + " = " + (p.scale ? "scale " : "");
    if (!p.values.empty()) {
      for (std::size_t k = 0; k < p.values.size(); ++k)
        text += (k ? ", " : "") + format_number(p.values[k]);
    } else {
      text += format_number(p.min) + ".." + format_number(p.max) + (p.log ? " log" : "");
    }
    text += "\n";
  }
  if (!summaries.empty()) {
    text += "\n[summaries]\n";
    for (const auto& s : summaries) {
      text += s.name + " = " + s.measure + " " + std::string(kSummaryKinds[static_cast<int>(s.kind)]);
      if (s.kind == SummarySpec::Kind::at) text += " " + format_month(s.from);
      else if (s.kind == SummarySpec::Kind::change)
        text += " " + window_text(s.before_from, s.before_to) + " to " + window_text(s.from, s.to);
      else if (s.kind == SummarySpec::Kind::first_above || s.kind == SummarySpec::Kind::first_below)
        text += " " + format_number(s.threshold) + " " + window_text(s.from, s.to);
      else text += " " + window_text(s.from, s.to);
      text += "\n";
    }
  }
  return text;
}

}  // namespace partysim
