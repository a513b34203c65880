#pragma once
// Progress on stderr for people and for logs. On a terminal: one line rewritten in place. Off a
// terminal (Slurm, nohup, a pipe): a line with a UTC time stamp at most every interval seconds
// (PARTYSIM_PROGRESS_SECONDS, default 60), and the last one, so that a log shows the job is alive
// without filling up. Quiet: nothing.
#include <chrono>
#include <optional>
#include <string>

namespace partysim {

// Seconds between progress lines off a terminal: PARTYSIM_PROGRESS_SECONDS, or 60 where it is not
// set (or set to nothing). Where it is set to anything but a number of seconds >= 0, `problem`
// says so, naming the variable, its value and what is accepted.
struct ProgressInterval {
  double seconds = 60;
  std::optional<std::string> problem;
};
ProgressInterval progress_interval();

class Progress {
 public:
  // Throws std::invalid_argument where progress_interval() has a problem (commands check it
  // first, before they write anything).
  explicit Progress(bool quiet);
  // Shows `text` if a line is due now (every call on a terminal); `last` always shows it.
  void show(const std::string& text, bool last);
  bool on_terminal() const { return terminal_; }

 private:
  bool quiet_;
  bool terminal_;
  double interval_seconds_;
  std::chrono::steady_clock::time_point last_shown_;  // the start, then the last line off a terminal
};

}  // namespace partysim
