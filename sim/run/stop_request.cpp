#include "run/stop_request.hpp"

#include <csignal>
#include <initializer_list>

namespace partysim {

namespace {
volatile std::sig_atomic_t requested = 0;

extern "C" void on_stop_signal(int signal) { requested = signal; }
}  // namespace

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  action.sa_flags = SA_RESETHAND;  // a second signal takes its default action: end now
  sigemptyset(&action.sa_mask);
  for (const int signal : {SIGINT, SIGTERM, SIGUSR1}) ::sigaction(signal, &action, nullptr);
}

int stop_signal() { return requested; }

const char* signal_name(int signal) {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGUSR1: return "SIGUSR1";
    default: return "a signal";
  }
}

}  // namespace partysim
