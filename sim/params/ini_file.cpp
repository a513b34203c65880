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
  std::ifstream in(path);
  if (std::filesystem::is_directory(path)) {
    problems.push_back({missing_where.empty() ? path : missing_where,
                        what + (missing_where.empty() ? "" : " '" + path + "'") + " is a folder, not a file"});
    return {};
  }
  if (!in) {
    const std::string reason = std::filesystem::exists(path) ? "cannot be read" : "does not exist";
    problems.push_back({missing_where.empty() ? path : missing_where,
                        what + (missing_where.empty() ? "" : " '" + path + "'") + " " + reason});
    return {};
  }
  const KeyLines key_lines = scan_key_lines(path);
  po::parsed_options parsed(nullptr);
  try {
    parsed = po::parse_config_file(in, known, /*allow_unregistered=*/true);
  } catch (const po::error& e) {
    const std::string where =
        key_lines.first_bad_line ? path + ":" + std::to_string(key_lines.first_bad_line) : path;
    problems.push_back({where, std::string(e.what()) + " (expected 'key = value' or '[section]')"});
    return {};
  }
  std::vector<IniEntry> entries;
  std::map<std::string, std::size_t> seen;
  for (const auto& option : parsed.options) {
    const std::string& key = option.string_key;
    const std::size_t occurrence = seen[key]++;
    std::string where = path;
    if (const auto it = key_lines.lines.find(key); it != key_lines.lines.end() && !it->second.empty())
      where += ":" + std::to_string(it->second[std::min(occurrence, it->second.size() - 1)]);
    entries.push_back({key, option.value.empty() ? "" : trim(option.value.front()), where,
                       !option.unregistered, occurrence > 0});
  }
  return entries;
}

}  // namespace partysim
