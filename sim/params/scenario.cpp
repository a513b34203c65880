#include "params/scenario.hpp"

#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "io/number_format.hpp"
#include "params/calendar.hpp"
#include "params/scenario_options.hpp"

namespace po = boost::program_options;

namespace partysim {

namespace {
std::string join_messages(const std::vector<InputProblem>& problems) {
  std::string text;
  for (const auto& p : problems) text += (text.empty() ? "" : "\n") + p.text();
  return text;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// Where each key sits in an INI file: Boost's parser gives no line numbers, so the file is
// scanned once more with the same rules (sections prefix keys, '#' starts a comment).
struct KeyLines {
  std::map<std::string, std::vector<int>> lines;  // key -> lines of its occurrences
  int first_bad_line = 0;                          // a line Boost would reject, 0 if none
};

KeyLines scan_key_lines(const std::string& path) {
  KeyLines result;
  std::ifstream in(path);
  std::string line;
  std::string prefix;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    line = trim(line);
    if (line.empty()) continue;
    if (line.front() == '[' && line.back() == ']') {
      prefix = trim(line.substr(1, line.size() - 2)) + ".";
      continue;
    }
    const auto equals = line.find('=');
    if (equals == std::string::npos) {
      if (result.first_bad_line == 0) result.first_bad_line = number;
      continue;
    }
    result.lines[prefix + trim(line.substr(0, equals))].push_back(number);
  }
  return result;
}

std::string located(const std::string& path, const KeyLines& key_lines, const std::string& key,
                    std::size_t occurrence) {
  const auto it = key_lines.lines.find(key);
  if (it == key_lines.lines.end() || it->second.empty()) return path;
  const auto& lines = it->second;
  return path + ":" + std::to_string(lines[std::min(occurrence, lines.size() - 1)]);
}
}  // namespace

ScenarioError::ScenarioError(std::vector<InputProblem> problems)
    : std::runtime_error(join_messages(problems)), problems_(std::move(problems)) {}

Scenario::Scenario() {
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const std::string problem =
        set(static_cast<ParamId>(i), std::string(parameter_table()[i].default_text), "default");
    if (!problem.empty()) throw std::logic_error("bad default in parameter table: " + problem);
  }
}

std::string Scenario::set(ParamId id, const std::string& text, const std::string& where) {
  const ParamSpec& s = spec(id);
  const std::string key = s.key();
  const std::string accepted = "; accepted: " + range_text(s);
  Schedule value;
  if (s.kind == ParamKind::Date) {
    const auto month = parse_month(trim(text));
    if (!month) return key + " = '" + trim(text) + "' is not a month (expected YYYY-MM)";
    if (*month < s.min || *month > s.max) return key + " = " + trim(text) + " is out of range" + accepted;
    value = Schedule::constant(*month);
  } else {
    std::string error;
    if (!Schedule::parse(text, s.kind == ParamKind::Policy, value, error))
      return key + ": " + error + accepted;
    for (const auto& point : value.points()) {
      if (point.value < s.min || point.value > s.max)
        return key + " = " + format_number(point.value) + " is out of range" + accepted;
      if (s.kind == ParamKind::Integer && point.value != std::floor(point.value))
        return key + " = " + format_number(point.value) + " is not a whole number" + accepted;
    }
  }
  values_[static_cast<int>(id)] = value;
  origins_[static_cast<int>(id)] = where;
  return "";
}

Scenario Scenario::load(const std::string& path, const std::vector<Override>& overrides) {
  std::ifstream in(path);
  if (!in) {
    const std::string reason = std::filesystem::exists(path) ? "cannot be read" : "does not exist";
    throw ScenarioError({{path, "scenario file " + reason}});
  }
  const KeyLines key_lines = scan_key_lines(path);
  po::parsed_options parsed(nullptr);
  try {
    parsed = po::parse_config_file(in, scenario_options(), /*allow_unregistered=*/true);
  } catch (const po::error& e) {
    const std::string where =
        key_lines.first_bad_line ? path + ":" + std::to_string(key_lines.first_bad_line) : path;
    throw ScenarioError({{where, std::string(e.what()) + " (expected 'key = value' or '[section]')"}});
  }

  Scenario scenario;
  scenario.name_ = std::filesystem::path(path).stem().string();
  scenario.path_ = path;
  std::vector<InputProblem> problems;
  std::map<std::string, std::size_t> seen;
  for (const auto& option : parsed.options) {
    const std::string& key = option.string_key;
    const std::size_t occurrence = seen[key]++;
    const std::string where = located(path, key_lines, key, occurrence);
    if (occurrence > 0) {
      problems.push_back({where, "key '" + key + "' is given more than once"});
      continue;
    }
    const auto id = find_param(key);
    if (option.unregistered || !id) {
      const std::string near = nearest_key(key);
      problems.push_back({where, "unknown key '" + key + "'" +
                                     (near.empty() ? std::string("; see 'partysim params'")
                                                   : "; did you mean '" + near + "'?")});
      continue;
    }
    const std::string value = option.value.empty() ? "" : option.value.front();
    const std::string problem = scenario.set(*id, value, where);
    if (!problem.empty()) problems.push_back({where, problem});
  }
  for (const ParamId required : {P::start, P::months, P::households, P::seed})
    if (!seen.count(spec(required).key()))
      problems.push_back({path, "the scenario does not state '" + spec(required).key() +
                                    "' (every scenario states start, months, households and seed)"});
  if (!problems.empty()) throw ScenarioError(problems);
  scenario.apply(overrides);
  return scenario;
}

void Scenario::apply(const std::vector<Override>& overrides) {
  std::vector<InputProblem> problems;
  for (const auto& o : overrides) {
    const auto id = find_param(o.key);
    if (!id) {
      const std::string near = nearest_key(o.key);
      problems.push_back({o.where, "unknown key '" + o.key + "'" +
                                       (near.empty() ? std::string("; see 'partysim params'")
                                                     : "; did you mean '" + near + "'?")});
      continue;
    }
    const std::string problem = set(*id, o.value, o.where);
    if (!problem.empty()) problems.push_back({o.where, problem});
  }
  if (problems.empty()) problems = check_consistency();
  if (!problems.empty()) throw ScenarioError(problems);
}

std::vector<InputProblem> Scenario::check_consistency() const {
  std::vector<InputProblem> problems;
  const double songbun_sum = real(P::songbun_share_core) + real(P::songbun_share_wavering) +
                             real(P::songbun_share_hostile);
  if (std::abs(songbun_sum - 1.0) > 1e-9)
    problems.push_back({origin(P::songbun_share_core),
                        "population.songbun_share_core + _wavering + _hostile = " +
                            format_number(songbun_sum) + ", but the shares must sum to 1"});
  const int start = start_month();
  for (long long t = 0; t < integer(P::months); ++t) {
    const double floor = schedule(P::price_floor).at(start + t);
    const double cap = schedule(P::price_cap).at(start + t);
    if (floor > cap) {
      problems.push_back({origin(P::price_floor), "secretary.price_floor (" + format_number(floor) +
                                                      ") is above secretary.price_cap (" +
                                                      format_number(cap) + ") in " +
                                                      format_month(start + static_cast<int>(t))});
      break;
    }
  }
  return problems;
}

std::string value_text(const Scenario& scenario, ParamId id) {
  if (spec(id).kind == ParamKind::Date) return format_month(static_cast<int>(scenario.real(id)));
  return scenario.schedule(id).text();
}

}  // namespace partysim
