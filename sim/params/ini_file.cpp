#include "params/ini_file.hpp"

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <map>

namespace po = boost::program_options;

namespace partysim {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::string unknown_key_message(const std::string& key) {
  const std::string near = nearest_key(key);
  return "unknown key '" + key + "'" +
         (near.empty() ? std::string("; see 'partysim params'") : "; did you mean '" + near + "'?");
}

namespace {
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
}  // namespace

std::vector<IniEntry> read_ini_file(const std::string& path, const std::string& what,
                                    const po::options_description& known,
                                    std::vector<InputProblem>& problems,
                                    const std::string& missing_where) {
  const std::string where = missing_where.empty() ? path : missing_where;
  const std::string named = what + (missing_where.empty() ? "" : " '" + path + "'");
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    problems.push_back({where, named + " is a folder, not a file"});
    return {};
  }
  // A device or pipe (base = /dev/zero, /dev/stdin) would be read forever; a huge file is no
  // scenario either.
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    problems.push_back({where, named + " is not a regular file"});
    return {};
  }
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxIniFileBytes) {
    problems.push_back({where, named + " is " + std::to_string(size) + " bytes; accepted: at most " +
                                   std::to_string(kMaxIniFileBytes) + " bytes"});
    return {};
  }
  std::ifstream in(path);
  if (!in) {
    const std::string reason = std::filesystem::exists(path, ec) ? "cannot be read"
                               : ec && ec != std::errc::no_such_file_or_directory
                                   ? "cannot be opened (" + ec.message() + ")"
                                   : "does not exist";
    problems.push_back({where, named + " " + reason});
    return {};
  }
  // Boost would read a byte-order mark as part of the first key ("unknown key '\xEF\xBB\xBFstart'").
  if (char head[3] = {}; in.read(head, 3) && head[0] == '\xEF' && head[1] == '\xBB' && head[2] == '\xBF') {
    problems.push_back({path + ":1", named + " starts with a UTF-8 byte-order mark (bytes EF BB BF); save it as "
                                     "UTF-8 without a byte-order mark (or as plain ASCII)"});
    return {};
  }
  in.clear();
  in.seekg(0);
  const KeyLines key_lines = scan_key_lines(path);
  po::parsed_options parsed(nullptr);
  try {
    parsed = po::parse_config_file(in, known, /*allow_unregistered=*/true);
  } catch (const po::error&) {
    // Not e.what(): Boost substitutes "%...%" placeholders in its message until none is left, and
    // a line that itself contains one (say "%invalid_line%") makes that loop forever (found by
    // fuzzing). The line is located by the scan instead.
    const std::string line =
        key_lines.first_bad_line ? path + ":" + std::to_string(key_lines.first_bad_line) : path;
    problems.push_back({line, "this line is neither 'key = value' nor '[section]'"});
    return {};
  }
  std::vector<IniEntry> entries;
  std::map<std::string, std::size_t> seen;
  for (const auto& option : parsed.options) {
    // Boost keeps the spaces of "[ market ]" in the key (" market .market_return"); the section is
    // trimmed as the scan above trims it, so that the key is found and its line named.
    std::string key = option.string_key;
    if (const auto dot = key.find('.'); dot != std::string::npos) key = trim(key.substr(0, dot)) + key.substr(dot);
    const std::size_t occurrence = seen[key]++;
    std::string line = path;
    if (const auto it = key_lines.lines.find(key); it != key_lines.lines.end() && !it->second.empty())
      line += ":" + std::to_string(it->second[std::min(occurrence, it->second.size() - 1)]);
    entries.push_back({key, option.value.empty() ? "" : trim(option.value.front()), line,
                       !option.unregistered || known.find_nothrow(key, false) != nullptr, occurrence > 0});
  }
  return entries;
}

}  // namespace partysim
