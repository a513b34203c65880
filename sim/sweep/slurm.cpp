#include "sweep/slurm.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "io/output_folder.hpp"
#include "sweep/sweep_folder.hpp"

namespace fs = std::filesystem;

namespace partysim {

namespace {
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char ch : text) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

std::string header(const std::string& name, const SlurmOptions& o, const std::string& log) {
  std::string text = "#!/bin/bash\n#SBATCH --job-name=" + name + "\n#SBATCH --time=" + o.time +
                     "\n#SBATCH --cpus-per-task=" + std::to_string(o.cpus_per_task) +
                     "\n#SBATCH --output=" + log + "\n";
  if (!o.partition.empty()) text += "#SBATCH --partition=" + o.partition + "\n";
  if (!o.mem.empty()) text += "#SBATCH --mem=" + o.mem + "\n";
  return text;
}

void write_script(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw OutputError("cannot write '" + path.string() + "'");
  out.close();
  fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add);
}

// Runs a command and returns its standard output; throws with its output when it fails.
std::string run_command(const std::string& command) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run: " + command);
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  const int status = ::pclose(pipe);
  if (status != 0) throw std::runtime_error("'" + command + "' failed: " + output);
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  return output;
}
}  // namespace

SlurmScripts write_slurm_scripts(const std::string& dir, const SlurmOptions& options,
                                 const std::string& partysim) {
  const SweepFolder folder = SweepFolder::open(dir);
  const std::string abs_dir = fs::absolute(dir).lexically_normal().string();
  const int runs = static_cast<int>(folder.plan.runs.size());
  SlurmScripts scripts;
  scripts.tasks = std::max(1, std::min(options.array_size, runs));
  fs::create_directories(fs::path(abs_dir) / "slurm");

  std::string sweep = header("partysim-sweep", options, abs_dir + "/slurm/sweep-%A_%a.out");
  sweep += "#SBATCH --array=0-" + std::to_string(scripts.tasks - 1) +
           (options.throttle > 0 ? "%" + std::to_string(options.throttle) : "") + "\n";
  // 120 s before the time limit Slurm sends USR1 to the batch shell (B:), which passes it on:
  // partysim checkpoints its runs at the end of their month and exits with 75, and the task
  // requeues itself to continue from the checkpoints (logs are appended across the restarts).
  sweep += "#SBATCH --signal=B:USR1@120\n#SBATCH --requeue\n#SBATCH --open-mode=append\n";
  sweep += "# Task i runs the plan's runs i, i+K, i+2K, ... (K = " + std::to_string(scripts.tasks) +
           "); runs already complete are skipped,\n# so a failed or preempted task can simply be "
           "submitted again. 120 s before the time limit Slurm sends\n# USR1: partysim then saves a "
           "checkpoint of each run going and exits with status 75, and the\n# task requeues itself "
           "to continue from there.\nset -uo pipefail\n";
  // The traps come first: a warning that arrives while partysim starts is passed on once it runs.
  // TERM (the time limit itself, or scancel) is passed on as USR1 too, so that the shell lives
  // to requeue the task.
  sweep += "child=\"\"\n"
           "forward() { [ -n \"$child\" ] && kill -USR1 \"$child\" 2>/dev/null; warned=1; }\n"
           "warned=0\n"
           "trap forward USR1 TERM\n";
  sweep += quoted(partysim) + " sweep run " + quoted(abs_dir) + " --task \"$SLURM_ARRAY_TASK_ID\" --tasks " +
           std::to_string(scripts.tasks) + " --jobs \"${SLURM_CPUS_PER_TASK:-1}\"" +
           (options.checkpoint_every > 0 ? " --checkpoint-every " + std::to_string(options.checkpoint_every) : "") +
           " --quiet &\n";
  sweep += "child=$!\n"
           "[ \"$warned\" = 1 ] && sleep 1 && kill -USR1 \"$child\" 2>/dev/null\n"
           "status=0\n"
           "wait \"$child\" || status=$?\n"
           "while kill -0 \"$child\" 2>/dev/null; do  # wait returns early when a signal arrives\n"
           "  status=0\n"
           "  wait \"$child\" || status=$?\n"
           "done\n"
           "if [ \"$status\" -eq 75 ]; then  # this task only: the array's own id would requeue them all\n"
           "  task=\"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"\n"
           "  echo \"partysim: checkpoints saved; requeueing task $task to continue\"\n"
           "  scontrol requeue \"$task\"\n"
           "fi\n"
           "exit \"$status\"\n";
  std::string collect = header("partysim-collect", options, abs_dir + "/slurm/collect-%j.out");
  collect += "# Submitted with --dependency=afterok on the array: runs once every task succeeded.\n"
             "set -euo pipefail\nexec " + quoted(partysim) + " sweep collect " + quoted(abs_dir) + "\n";
  scripts.sweep_script = abs_dir + "/sweep.sbatch";
  scripts.collect_script = abs_dir + "/collect.sbatch";
  write_script(scripts.sweep_script, sweep);
  write_script(scripts.collect_script, collect);
  return scripts;
}

std::vector<std::string> submit_slurm(const SlurmScripts& scripts) {
  // --parsable prints "jobid" or "jobid;cluster".
  auto job_id = [](const std::string& output) { return output.substr(0, output.find(';')); };
  const std::string array = job_id(run_command("sbatch --parsable " + quoted(scripts.sweep_script)));
  const std::string collect = job_id(run_command("sbatch --parsable --dependency=afterok:" + array +
                                                 " " + quoted(scripts.collect_script)));
  return {array, collect};
}

}  // namespace partysim
