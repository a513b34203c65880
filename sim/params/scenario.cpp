#include "params/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "util/number_format.hpp"
#include "params/calendar.hpp"
#include "params/ini_file.hpp"
#include "params/scenario_options.hpp"

namespace partysim {

namespace {
std::string join_messages(const std::vector<InputProblem>& problems) {
  std::string text;
  for (const auto& p : problems) text += (text.empty() ? "" : "\n") + p.text();
  return text;
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
  if (s.kind == ParamKind::Date && s.may_be_none() && trim(text) == "none") {
    value = Schedule::constant(kNoMonth);
  } else if (s.kind == ParamKind::Date) {
    const auto month = parse_month(trim(text));
    if (!month)
      return key + " = '" + trim(text) + "' is not a month (expected YYYY-MM" +
             (s.may_be_none() ? " or none)" : ")");
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

const std::vector<SchemaChange>& schema_changes() {
  // Version 1 is the first schema; later versions add their renamed and removed keys here.
  static const std::vector<SchemaChange> changes;
  return changes;
}

std::string schema_version_problem(int version, const std::vector<SchemaChange>& changes) {
  if (version == kSchemaVersion) return "";
  if (version > kSchemaVersion)
    return "schema_version " + std::to_string(version) + " is newer than this partysim reads (" +
           std::to_string(kSchemaVersion) + "); use a newer partysim";
  std::string text = "schema_version " + std::to_string(version) + " is older than the current " +
                     std::to_string(kSchemaVersion) + "; update the file and its schema_version";
  std::string list;
  for (const auto& change : changes) {
    if (change.version <= version || change.version > kSchemaVersion) continue;
    list += "\n    " + change.old_key +
            (change.new_key.empty() ? " was removed" : " is now " + change.new_key) +
            (change.note.empty() ? "" : " (" + change.note + ")");
  }
  return text + (list.empty() ? "; no keys changed since, so only the version number needs updating"
                              : "; keys that changed:" + list);
}

std::string schema_version_problem(const std::string& text) {
  const auto version = parse_number(text);
  if (!version || *version != std::floor(*version) || *version < 0)
    return "schema_version = '" + text.substr(0, 40) + (text.size() > 40 ? "...'" : "'") + " is not a whole number";
  if (*version > kSchemaVersion)  // however large
    return "schema_version " + text.substr(0, 40) + (text.size() > 40 ? "..." : "") +
           " is newer than this partysim reads (" + std::to_string(kSchemaVersion) + "); use a newer partysim";
  return schema_version_problem(static_cast<int>(*version), schema_changes());
}

Scenario Scenario::load(const std::string& path, const std::vector<Override>& overrides) {
  Scenario scenario;
  scenario.name_ = std::filesystem::path(path).stem().string();
  scenario.path_ = path;
  std::vector<InputProblem> problems;
  std::vector<std::string> stated;
  scenario.read_file(path, "", {}, problems, stated);
  if (problems.empty())
    for (const ParamId required : {P::start, P::months, P::households, P::seed})
      if (std::find(stated.begin(), stated.end(), spec(required).key()) == stated.end())
        problems.push_back({path, "the scenario does not state '" + spec(required).key() +
                                      "' (every scenario, or its base, states start, months, "
                                      "households and seed)"});
  if (!problems.empty()) throw ScenarioError(problems);
  scenario.apply(overrides);
  return scenario;
}

void Scenario::read_file(const std::string& path, const std::string& included_at,
                         std::vector<std::string> chain, std::vector<InputProblem>& problems,
                         std::vector<std::string>& stated) {
  const std::vector<IniEntry> entries = read_ini_file(
      path, included_at.empty() ? "scenario file" : "base file", scenario_options(), problems, included_at);

  // The file's directives first: its format version and the scenario it starts from.
  bool has_version = false;
  for (const IniEntry& entry : entries) {
    if (entry.repeated) {
      problems.push_back({entry.where, "key '" + entry.key + "' is given more than once"});
    } else if (entry.key == "schema_version") {
      has_version = true;
      if (const auto problem = schema_version_problem(entry.value); !problem.empty())
        problems.push_back({entry.where, problem});
    } else if (entry.key == "base") {
      const auto base_path = (std::filesystem::path(path).parent_path() / entry.value).lexically_normal();
      // Error codes, not exceptions: a name too long or a path through a file is a problem of
      // the input, reported like any other (found by fuzzing).
      std::error_code ec;
      chain.push_back(std::filesystem::weakly_canonical(path, ec).string());
      const std::string canonical = std::filesystem::weakly_canonical(base_path, ec).string();
      if (ec) {
        problems.push_back({entry.where, "base file '" + base_path.string() + "' cannot be opened (" +
                                             ec.message() + ")"});
      } else if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
        std::string cycle;
        for (const auto& file : chain) cycle += std::filesystem::path(file).filename().string() + " -> ";
        problems.push_back({entry.where, "base files form a cycle: " + cycle +
                                             std::filesystem::path(canonical).filename().string()});
      } else {
        read_file(base_path.string(), entry.where, chain, problems, stated);
      }
    }
  }
  if (!has_version && !entries.empty())
    problems.push_back({path, "the file does not state schema_version (the current version is " +
                                  std::to_string(kSchemaVersion) + ": add 'schema_version = " +
                                  std::to_string(kSchemaVersion) + "')"});

  // Then its keys, on top of the base's.
  for (const IniEntry& entry : entries) {
    if (entry.repeated || entry.key == "schema_version" || entry.key == "base") continue;
    const auto id = find_param(entry.key);
    if (!entry.known || !id) {
      problems.push_back({entry.where, unknown_key_message(entry.key)});
      continue;
    }
    const std::string problem = set(*id, entry.value, entry.where);
    if (!problem.empty()) problems.push_back({entry.where, problem});
    stated.push_back(entry.key);
  }
}

void Scenario::apply(const std::vector<Override>& overrides) {
  std::vector<InputProblem> problems;
  for (const auto& o : overrides) {
    const auto id = find_param(o.key);
    if (!id) {
      problems.push_back({o.where, unknown_key_message(o.key)});
      continue;
    }
    const std::string problem = set(*id, o.value, o.where);
    if (!problem.empty()) problems.push_back({o.where, problem});
  }
  if (problems.empty()) problems = check_consistency();
  if (!problems.empty()) throw ScenarioError(problems);
}

int Scenario::spin_up_months() const {
  const int from = static_cast<int>(real(P::spin_up_from));
  return from == kNoMonth ? 0 : start_month() - from;
}

std::vector<InputProblem> Scenario::check_consistency() const {
  std::vector<InputProblem> problems;
  const double songbun_sum = real(P::songbun_share_core) + real(P::songbun_share_wavering) +
                             real(P::songbun_share_hostile);
  if (std::abs(songbun_sum - 1.0) > 1e-9)
    problems.push_back({origin(P::songbun_share_core),
                        "population.songbun_share_core + _wavering + _hostile = " +
                            format_number(songbun_sum) + ", but the shares must sum to 1"});
  if (spin_up_months() < 0) {
    const std::string where_start =
        origin(P::start) == origin(P::spin_up_from) ? "" : " (" + origin(P::start) + ")";
    problems.push_back({origin(P::spin_up_from),
                        "spin_up_from = " + value_text(*this, P::spin_up_from) + " is after start = " +
                            value_text(*this, P::start) + where_start +
                            "; the spin-up runs from spin_up_from up to the month before start, so "
                            "it must not be later than start (none: no spin-up)"});
    return problems;
  }
  // Every simulated month, the spin-up's included.
  const int first = first_month();
  for (long long t = 0; t < simulated_months(); ++t) {
    const double floor = schedule(P::price_floor).at(first + t);
    const double cap = schedule(P::price_cap).at(first + t);
    if (floor > cap) {
      problems.push_back({origin(P::price_floor), "secretary.price_floor (" + format_number(floor) +
                                                      ") is above secretary.price_cap (" +
                                                      format_number(cap) + ") in " +
                                                      format_month(first + static_cast<int>(t))});
      break;
    }
  }
  return problems;
}

std::string value_text(const Scenario& scenario, ParamId id) {
  if (spec(id).kind == ParamKind::Date) {
    const int month = static_cast<int>(scenario.real(id));
    return month == kNoMonth ? "none" : format_month(month);
  }
  return scenario.schedule(id).text();
}

}  // namespace partysim
