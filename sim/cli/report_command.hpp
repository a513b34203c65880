#pragma once
// `partysim report DIR [--out FILE.html]`: the interactive HTML report of a run, an ensemble or a
// sweep, written by analysis/report.py (the analysis is Python; this only finds and runs it).
#include <string>
#include <vector>

namespace partysim {

int report_command(const std::vector<std::string>& args, const char* argv0);

}  // namespace partysim
