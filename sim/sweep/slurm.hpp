#pragma once
// A sweep as a Slurm job array: sweep.sbatch (task i runs its share of the plan with
// `partysim sweep run DIR --task i --tasks K`) and collect.sbatch (collects once the array has
// succeeded, submitted with --dependency=afterok).
#include <string>
#include <vector>

namespace partysim {

struct SlurmOptions {
  int array_size = 64;      // K array tasks (at most the number of runs)
  int throttle = 0;         // at most this many tasks at once ("%N"); 0 = no limit
  std::string time = "01:00:00";
  std::string partition;    // empty: the cluster's default
  std::string mem;          // e.g. 4G; empty: the cluster's default
  int cpus_per_task = 1;
  int checkpoint_every = 0;  // passed to `sweep run`: months between checkpoints of each run
  std::string account;      // sbatch --account; empty: the user's default
  std::string qos;          // sbatch --qos
  std::string constraint;   // sbatch --constraint, e.g. "intel&ib"
  std::string mail_type;    // sbatch --mail-type, e.g. END,FAIL
  std::string mail_user;    // sbatch --mail-user
  std::string job_name;     // sbatch --job-name of the array (the collect job adds "-collect")
  std::vector<std::string> directives;  // other sbatch options, each written as "#SBATCH <directive>"
  std::vector<std::string> setup;       // shell lines run before partysim (e.g. "module load gcc")
};

// Every problem with the options' values (Slurm's formats for --time and --mem, names without
// characters that a script or sbatch would read as more than a value, one line each); empty
// when they can be written into the scripts. write_slurm_scripts refuses options with problems.
std::vector<std::string> slurm_option_problems(const SlurmOptions& options);

struct SlurmScripts {
  std::string sweep_script;    // paths of the written scripts
  std::string collect_script;
  int tasks = 0;
};

// Writes the scripts into the sweep folder. `partysim` is the absolute path of the binary.
SlurmScripts write_slurm_scripts(const std::string& dir, const SlurmOptions& options,
                                 const std::string& partysim);

// Submits the array and the dependent collect job with sbatch; returns their job ids. Throws
// std::runtime_error with sbatch's message when a submission fails.
std::vector<std::string> submit_slurm(const SlurmScripts& scripts);

}  // namespace partysim
