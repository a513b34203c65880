#pragma once
// Progress on stderr for people and for logs. On a terminal: one line rewritten in place. Off a
// terminal (Slurm, nohup, a pipe): a line with a UTC time stamp at most every interval seconds
// (PARTYSIM_PROGRESS_SECONDS, default 60), and the last one, so that a log shows the job is alive
// without filling up. Quiet: nothing.
#include <chrono>
#include <string>

namespace partysim {

class Progress {
 public:
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
