#include "cli/report_command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/run_command.hpp"

namespace partysim {

namespace {

namespace fs = std::filesystem;

// analysis/report.py: $PARTYSIM_ANALYSIS_DIR, else beside the binary's folder (build/partysim ->
// analysis/), else the source tree this binary was built from.
fs::path report_script(const char* argv0) {
  if (const char* dir = std::getenv("PARTYSIM_ANALYSIS_DIR")) return fs::path(dir) / "report.py";
  std::error_code ec;
  const fs::path self = fs::canonical("/proc/self/exe", ec);
  const fs::path exe = ec ? fs::path(argv0) : self;
  const fs::path beside = exe.parent_path().parent_path() / "analysis" / "report.py";
  if (fs::is_regular_file(beside, ec)) return beside;
  return fs::path(PARTYSIM_SOURCE_DIR) / "analysis" / "report.py";
}

}  // namespace

int report_command(const std::vector<std::string>& args, const char* argv0) {
  const fs::path script = report_script(argv0);
  std::error_code ec;
  if (!fs::is_regular_file(script, ec)) {
    std::cerr << "partysim report: " << script.string()
              << " not found (set PARTYSIM_ANALYSIS_DIR to the folder holding report.py)\n";
    return kExitBadInput;
  }
  // The analysis scripts need Debian's Python (matplotlib, pandas, numpy), not the first on PATH.
  const std::string python = "/usr/bin/python3";
  std::vector<std::string> argv_strings{python, script.string()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  execv(python.c_str(), argv.data());
  std::cerr << "partysim report: cannot run " << python << ": " << std::strerror(errno) << "\n";
  return kExitFailure;
}

}  // namespace partysim
