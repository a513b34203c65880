#pragma once
// A scenario: every parameter of the table resolved to a value (a constant or a schedule), read
// from an INI file with Boost.Program_options' config-file parser and overridden from the command
// line. Bad input becomes a ScenarioError listing every problem with its file and line.
#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "params/parameter_table.hpp"
#include "params/schedule.hpp"

namespace partysim {

// One problem in the input, located ("scenarios/x.ini:12" or "--set").
struct InputProblem {
  std::string where;
  std::string message;
  std::string text() const { return where.empty() ? message : where + ": " + message; }
};

class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<InputProblem> problems);
  const std::vector<InputProblem>& problems() const { return problems_; }

 private:
  std::vector<InputProblem> problems_;
};

// A value given for a key from somewhere other than the scenario file.
struct Override {
  std::string key;
  std::string value;
  std::string where;  // e.g. "--set" or "--enforcement.crackdown_rate"
};

// The scenario file format's version. A file states `schema_version = N`; a newer N is refused,
// an older one is refused with the keys that changed since (schema_changes()).
inline constexpr int kSchemaVersion = 1;

// A key renamed or removed by a schema version.
struct SchemaChange {
  int version;          // the first version with the change
  std::string old_key;
  std::string new_key;  // empty when removed
  std::string note;
};
const std::vector<SchemaChange>& schema_changes();

// The problem with a file's schema_version, or an empty string when it is current.
std::string schema_version_problem(int version, const std::vector<SchemaChange>& changes);
// The same for the text of a `schema_version = ...` line (it must be a whole number).
std::string schema_version_problem(const std::string& text);

// The value of a date set to none (spin_up_from's default): no month.
inline constexpr int kNoMonth = -1;

class Scenario {
 public:
  // Every parameter at its table default; the name is "defaults".
  Scenario();

  // Reads `path` (and the files it names as `base`, recursively), then applies `overrides` in
  // order. Throws ScenarioError with every problem.
  static Scenario load(const std::string& path, const std::vector<Override>& overrides = {});

  // Applies overrides to this scenario (checked like the file's values). Throws ScenarioError.
  void apply(const std::vector<Override>& overrides);

  const std::string& name() const { return name_; }  // the file's stem, e.g. "marketization"
  const std::string& path() const { return path_; }
  // For a scenario rebuilt value by value (a checkpoint's): where it was first read from.
  void set_source(std::string name, std::string path) {
    name_ = std::move(name);
    path_ = std::move(path);
  }

  const Schedule& schedule(ParamId id) const { return values_[static_cast<int>(id)]; }
  double real(ParamId id) const { return schedule(id).at(0); }
  long long integer(ParamId id) const { return static_cast<long long>(schedule(id).at(0)); }
  int start_month() const { return static_cast<int>(real(P::start)); }
  // The spin-up: the months from spin_up_from to the month before start, simulated but not
  // reported (0 without one).
  int spin_up_months() const;
  // The calendar month of t = 0, the first simulated month: spin_up_from, or start.
  int first_month() const { return start_month() - spin_up_months(); }
  // Months simulated in all: the spin-up's and the `months` reported.
  long long simulated_months() const { return spin_up_months() + integer(P::months); }
  // Where the value came from: "default", "file:line" or the override's origin.
  const std::string& origin(ParamId id) const { return origins_[static_cast<int>(id)]; }

  // Sets one value from text, checking it; returns the problem or an empty string.
  std::string set(ParamId id, const std::string& text, const std::string& where);

 private:
  std::vector<InputProblem> check_consistency() const;
  // Reads one file on top of what is set; `chain` holds the files that include it.
  void read_file(const std::string& path, const std::string& included_at,
                 std::vector<std::string> chain, std::vector<InputProblem>& problems,
                 std::vector<std::string>& stated);

  std::string name_ = "defaults";
  std::string path_;
  std::array<Schedule, kParamCount> values_;
  std::array<std::string, kParamCount> origins_;
};

// The value text of a parameter as it is written in a scenario (dates as YYYY-MM).
std::string value_text(const Scenario& scenario, ParamId id);

}  // namespace partysim
