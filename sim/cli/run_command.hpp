#pragma once
// `partysim run`: a scenario file plus overrides becomes an output folder.
#include <string>
#include <vector>

namespace partysim {

// Exit codes of the command line.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;    // the run itself failed
inline constexpr int kExitBadInput = 2;   // bad command line or scenario
inline constexpr int kExitBadOutput = 3;  // the output folder exists or cannot be written
// Stopped by SIGINT, SIGTERM, SIGUSR1 or SIGHUP with a checkpoint saved: continue with --resume (75 is
// sysexits.h's EX_TEMPFAIL, "try again later").
inline constexpr int kExitStopped = 75;

// A thread count from the command line, capped at 4 x the cores this process may use (with a note
// on stderr): far more threads than cores only add overhead (100000 made a 0.05 s run take 49 s).
int capped_threads(int requested, const std::string& command, const std::string& option);

int run_command(const std::vector<std::string>& args, const std::string& command_line);

}  // namespace partysim
