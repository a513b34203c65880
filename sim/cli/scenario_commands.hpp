#pragma once
// `partysim validate FILE...` and `partysim show FILE`: scenario files checked and resolved
// without running them.
#include <string>
#include <vector>

namespace partysim {

int validate_command(const std::vector<std::string>& args);
int show_command(const std::vector<std::string>& args);

}  // namespace partysim
