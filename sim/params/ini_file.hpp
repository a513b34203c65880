#pragma once
// INI files (scenarios, sweeps) read with Boost.Program_options' config-file parser, each entry
// located by file and line (Boost gives no line numbers, so the file is scanned once more with
// the same rules: "[section]" prefixes keys, '#' starts a comment).
#include <boost/program_options/options_description.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "params/scenario.hpp"

namespace partysim {

struct IniEntry {
  std::string key;    // "section.name", or "name" before any section
  std::string value;  // trimmed
  std::string where;  // "file:line"
  bool known;         // registered in the description given to read_ini_file
  bool repeated;      // the key appeared earlier in the file
};

// Scenario and sweep files are small; a larger file is refused rather than read.
inline constexpr std::uintmax_t kMaxIniFileBytes = 1 << 20;

// Reads `path`, a `what` ("scenario file", "base file", "sweep file"); problems (missing file,
// bad syntax) go to `problems` and give no entries. `missing_where` locates a missing file
// (e.g. the line that names it as a base).
std::vector<IniEntry> read_ini_file(const std::string& path, const std::string& what,
                                    const boost::program_options::options_description& known,
                                    std::vector<InputProblem>& problems,
                                    const std::string& missing_where = "");

// "unknown key 'x'; did you mean 'y'?" for a parameter key.
std::string unknown_key_message(const std::string& key);

std::string trim(const std::string& text);

}  // namespace partysim
