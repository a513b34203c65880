#include "run/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <stdexcept>

namespace partysim {

ProgressInterval progress_interval() {
  ProgressInterval interval;
  const char* text = std::getenv("PARTYSIM_PROGRESS_SECONDS");
  if (text == nullptr || *text == '\0') return interval;  // unset, or set to nothing
  char* end = nullptr;
  const double seconds = std::strtod(text, &end);
  if (end == text || *end != '\0' || !std::isfinite(seconds) || seconds < 0) {
    interval.problem = std::string("PARTYSIM_PROGRESS_SECONDS = '") + text +
                       "' is not a number of seconds; accepted: a number >= 0 (0: a line at every "
                       "update), or unset for 60";
    return interval;
  }
  interval.seconds = seconds;
  return interval;
}

Progress::Progress(bool quiet)
    : quiet_(quiet),
      terminal_(::isatty(STDERR_FILENO) != 0),
      interval_seconds_(60),
      last_shown_(std::chrono::steady_clock::now()) {
  const ProgressInterval interval = progress_interval();
  if (interval.problem) throw std::invalid_argument(*interval.problem);
  interval_seconds_ = interval.seconds;
}

void Progress::show(const std::string& text, bool last) {
  if (quiet_) return;
  if (terminal_) {
    std::fprintf(stderr, "\r%s   %s", text.c_str(), last ? "\n" : "");
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (!last && std::chrono::duration<double>(now - last_shown_).count() < interval_seconds_) return;
  last_shown_ = now;
  const std::time_t t = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  std::fprintf(stderr, "%s %s\n", stamp, text.c_str());
  std::fflush(stderr);
}

}  // namespace partysim
