#pragma once
// Stopping a run cleanly: SIGINT (Ctrl-C), SIGTERM (kill, Slurm's end of time), SIGUSR1
// (Slurm's warning, sbatch --signal=B:USR1@120) and SIGHUP (the terminal or SSH session closed)
// ask running simulations to write a checkpoint at
// the end of the current month and stop. The handlers reset themselves, so the same signal a
// second time ends the process at once (the last checkpoint, written atomically, stays intact).
namespace partysim {

void install_stop_handlers();

// The signal that asked to stop, or 0.
int stop_signal();

// "SIGINT", "SIGTERM", "SIGUSR1", "SIGHUP" or "a signal".
const char* signal_name(int signal);

}  // namespace partysim
