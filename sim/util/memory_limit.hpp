#pragma once
// How much memory this process may use: the least of the machine's physical memory, the address
// space limit (`ulimit -v`) and the memory limit of its cgroup (what Slurm's --mem sets), with
// which of them it is, so that "too large" messages name the limit that applies.
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace partysim {

struct MemoryLimit {
  double bytes = 0;
  std::string what;  // "this machine has", "ulimit -v allows", "the cgroup memory limit allows"
};

namespace memory_limit_detail {
// A cgroup's limit in bytes (v2 memory.max, v1 memory.limit_in_bytes); 0 when none or unknown.
inline double read_limit(const std::string& file) {
  std::ifstream in(file);
  std::string text;
  if (!(in >> text) || text == "max") return 0;
  try {
    const double value = std::stod(text);
    return value > 0 && value < 1e18 ? value : 0;  // v1 says "no limit" with a huge number
  } catch (...) {
    return 0;
  }
}
}  // namespace memory_limit_detail

inline MemoryLimit memory_limit() {
  MemoryLimit limit{static_cast<double>(::sysconf(_SC_PHYS_PAGES)) * static_cast<double>(::sysconf(_SC_PAGE_SIZE)),
                    "this machine has"};
  struct rlimit address_space {};
  if (::getrlimit(RLIMIT_AS, &address_space) == 0 && address_space.rlim_cur != RLIM_INFINITY &&
      static_cast<double>(address_space.rlim_cur) < limit.bytes)
    limit = {static_cast<double>(address_space.rlim_cur), "ulimit -v allows"};
  // This process's cgroups: "0::/path" (v2) or "N:memory:/path" (v1).
  std::ifstream groups("/proc/self/cgroup");
  for (std::string line; std::getline(groups, line);) {
    const auto first = line.find(':'), second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const std::string path = line.substr(second + 1);
    double bytes = 0;
    if (controllers.empty()) bytes = memory_limit_detail::read_limit("/sys/fs/cgroup" + path + "/memory.max");
    if (controllers == "memory")
      bytes = memory_limit_detail::read_limit("/sys/fs/cgroup/memory" + path + "/memory.limit_in_bytes");
    if (bytes > 0 && bytes < limit.bytes) limit = {bytes, "the cgroup memory limit (e.g. Slurm's --mem) allows"};
  }
  return limit;
}

}  // namespace partysim
