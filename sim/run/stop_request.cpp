#include "run/stop_request.hpp"

#include <atomic>
#include <csignal>
#include <initializer_list>

namespace partysim {

namespace {
// Set in a signal handler, read by the threads of the run: a lock-free atomic is safe for both.
std::atomic<int> requested{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_stop_signal(int signal) { requested.store(signal, std::memory_order_relaxed); }
}  // namespace

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  action.sa_flags = SA_RESETHAND;  // a second signal takes its default action: end now
  sigemptyset(&action.sa_mask);
  // SIGHUP: the terminal or SSH session that started the run was closed.
  for (const int signal : {SIGINT, SIGTERM, SIGUSR1, SIGHUP}) ::sigaction(signal, &action, nullptr);
  // A closed pipe on stdout or stderr (`partysim run ... 2>&1 | head`) makes a write fail instead
  // of killing the run between checkpoints; messages are not worth a run.
  ::signal(SIGPIPE, SIG_IGN);
}

int stop_signal() { return requested.load(std::memory_order_relaxed); }

const char* signal_name(int signal) {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGUSR1: return "SIGUSR1";
    case SIGHUP: return "SIGHUP";
    default: return "a signal";
  }
}

}  // namespace partysim
