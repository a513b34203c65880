#include "sweep/slurm.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "io/output_folder.hpp"
#include "sweep/sweep_folder.hpp"
#include "util/shell_quote.hpp"

namespace fs = std::filesystem;

namespace partysim {

namespace {
std::string quoted(const std::string& text) { return shell_quoted(text); }

// The warning before the time limit at which each task checkpoints (#SBATCH --signal=B:USR1@120).
constexpr long kWarningSeconds = 120;

bool only(const std::string& text, const std::string& extra) {
  if (text.empty()) return false;
  for (char ch : text)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && extra.find(ch) == std::string::npos) return false;
  return true;
}

bool digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

bool has_control(const std::string& text) {
  for (char ch : text)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) return true;
  return false;
}

// Slurm's --time: "M", "M:S", "H:M:S", "D-H", "D-H:M", "D-H:M:S" (or UNLIMITED/INFINITE), as
// seconds; -1 when the text is none of them, 0 for no limit.
long slurm_seconds(const std::string& text) {
  if (text == "UNLIMITED" || text == "INFINITE" || text == "unlimited" || text == "infinite") return 0;
  long days = 0;
  std::string rest = text;
  const auto dash = text.find('-');
  const bool has_days = dash != std::string::npos;
  if (has_days) {
    if (dash == 0 || !digits(text.substr(0, dash)) || dash > 6) return -1;
    days = std::stol(text.substr(0, dash));
    rest = text.substr(dash + 1);
  }
  std::vector<long> parts;
  std::size_t begin = 0;
  for (;;) {
    const auto colon = rest.find(':', begin);
    const std::string part = rest.substr(begin, colon == std::string::npos ? std::string::npos : colon - begin);
    if (!digits(part) || part.size() > 9) return -1;
    parts.push_back(std::stol(part));
    if (colon == std::string::npos) break;
    begin = colon + 1;
  }
  if (parts.size() > 3) return -1;
  long seconds = 0;
  if (has_days) {  // D-H, D-H:M, D-H:M:S
    seconds = parts[0] * 3600 + (parts.size() > 1 ? parts[1] * 60 : 0) + (parts.size() > 2 ? parts[2] : 0);
  } else if (parts.size() == 1) {  // M
    seconds = parts[0] * 60;
  } else if (parts.size() == 2) {  // M:S
    seconds = parts[0] * 60 + parts[1];
  } else {  // H:M:S
    seconds = parts[0] * 3600 + parts[1] * 60 + parts[2];
  }
  return days * 86400 + seconds;
}

// A value for an #SBATCH line: as it is when plain, else in double quotes (sbatch reads the line
// like a shell would).
std::string directive_value(const std::string& text) {
  return only(text, "_.-/=:,+@%") ? text : "\"" + text + "\"";
}

std::string header(const std::string& name, const SlurmOptions& o, const std::string& log) {
  std::string text = "#!/bin/bash\n#SBATCH --job-name=" + name + "\n#SBATCH --time=" + o.time +
                     "\n#SBATCH --cpus-per-task=" + std::to_string(o.cpus_per_task) +
                     "\n#SBATCH --output=" + directive_value(log) + "\n";
  if (!o.partition.empty()) text += "#SBATCH --partition=" + o.partition + "\n";
  if (!o.mem.empty()) text += "#SBATCH --mem=" + o.mem + "\n";
  if (!o.account.empty()) text += "#SBATCH --account=" + o.account + "\n";
  if (!o.qos.empty()) text += "#SBATCH --qos=" + o.qos + "\n";
  if (!o.constraint.empty()) text += "#SBATCH --constraint=" + directive_value(o.constraint) + "\n";
  if (!o.mail_type.empty()) text += "#SBATCH --mail-type=" + o.mail_type + "\n";
  if (!o.mail_user.empty()) text += "#SBATCH --mail-user=" + o.mail_user + "\n";
  for (const auto& d : o.directives) text += "#SBATCH " + d + "\n";
  return text;
}

// The --setup lines, run as written before partysim starts.
std::string setup_lines(const SlurmOptions& o) {
  if (o.setup.empty()) return "";
  std::string text = "# Set-up (sweep slurm --setup), run as written:\n";
  for (const auto& line : o.setup) text += line + "\n";
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

std::vector<std::string> slurm_option_problems(const SlurmOptions& o) {
  std::vector<std::string> problems;
  auto quote = [](const std::string& text) { return shell_quoted(text.substr(0, 80)) + (text.size() > 80 ? "..." : ""); };
  const long seconds = slurm_seconds(o.time);
  if (seconds < 0)
    problems.push_back("--time " + quote(o.time) + " is not a Slurm time (M, M:S, H:M:S, D-H, D-H:M or D-H:M:S)");
  else if (seconds > 0 && seconds <= kWarningSeconds)
    problems.push_back("--time " + o.time + " is " + std::to_string(seconds) + " s: not longer than the " +
                       std::to_string(kWarningSeconds) + " s warning before the time limit at which each task "
                       "checkpoints its runs; give at least a few minutes (e.g. 00:30:00)");
  if (!o.mem.empty()) {
    std::string number = o.mem;
    if (std::string("KMGTkmgt").find(number.back()) != std::string::npos) number.pop_back();
    if (!digits(number) || number.size() > 12)
      problems.push_back("--mem " + quote(o.mem) + " is not a Slurm memory size (a whole number of megabytes, "
                         "or with a unit K, M, G or T, e.g. 4G)");
  }
  auto name = [&](const std::string& option, const std::string& value, const std::string& extra,
                  const std::string& what) {
    if (!value.empty() && (!only(value, extra) || value.size() > 200))
      problems.push_back(option + " " + quote(value) + " is not " + what);
  };
  name("--partition", o.partition, "_.-,", "a partition name (letters, digits, '_', '.', '-'; several with ',')");
  name("--account", o.account, "_.-", "an account name (letters, digits, '_', '.', '-')");
  name("--qos", o.qos, "_.-,", "a QOS name (letters, digits, '_', '.', '-')");
  name("--constraint", o.constraint, "_.-&|,[]*:()", "a Slurm constraint (features joined by & | , with [ ] * ( ))");
  name("--mail-user", o.mail_user, "_.-%+@", "a mail address");
  name("--job-name", o.job_name, "_.-+", "a job name (letters, digits, '_', '.', '-', '+')");
  if (!o.mail_type.empty()) {
    static const std::vector<std::string> kTypes = {"NONE", "BEGIN", "END", "FAIL", "REQUEUE", "ALL",
                                                    "INVALID_DEPEND", "STAGE_OUT", "TIME_LIMIT", "TIME_LIMIT_90",
                                                    "TIME_LIMIT_80", "TIME_LIMIT_50", "ARRAY_TASKS"};
    std::size_t begin = 0;
    for (;;) {
      const auto comma = o.mail_type.find(',', begin);
      const std::string type = o.mail_type.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin);
      if (std::find(kTypes.begin(), kTypes.end(), type) == kTypes.end()) {
        problems.push_back("--mail-type " + quote(o.mail_type) + ": " + quote(type) +
                           " is not one of NONE, BEGIN, END, FAIL, REQUEUE, ALL, INVALID_DEPEND, STAGE_OUT, "
                           "TIME_LIMIT, TIME_LIMIT_90, TIME_LIMIT_80, TIME_LIMIT_50, ARRAY_TASKS");
        break;
      }
      if (comma == std::string::npos) break;
      begin = comma + 1;
    }
  }
  // Directives partysim writes itself, or that have their own option.
  static const std::vector<std::string> kOwn = {
      "array", "signal", "requeue", "no-requeue", "open-mode", "output", "dependency", "job-name", "time",
      "cpus-per-task", "partition", "mem", "account", "qos", "constraint", "mail-type", "mail-user"};
  for (const auto& d : o.directives) {
    const auto equals = d.find('=');
    const std::string option = d.substr(0, equals);
    const std::string value = equals == std::string::npos ? "" : d.substr(equals + 1);
    if (d.rfind("--", 0) != 0 || !only(option.substr(2), "-") ||
        (equals != std::string::npos && !only(value, "_.-/=:,+@%[]*&|()")))
      problems.push_back("--sbatch " + quote(d) + " is not an sbatch option '--name' or '--name=value' (a value "
                         "of letters, digits and _ . - / = : , + @ % [ ] * & | ( ))");
    else if (std::find(kOwn.begin(), kOwn.end(), option.substr(2)) != kOwn.end())
      problems.push_back("--sbatch " + quote(d) + ": " + option + " is written by partysim itself or has its own "
                         "option of 'partysim sweep slurm' (see --help)");
  }
  for (const auto& line : o.setup) {
    const auto last = line.find_last_not_of(' ');
    if (last == std::string::npos || has_control(line))
      problems.push_back("--setup " + quote(line) + " is not one line of shell (it is blank or holds a newline "
                         "or another control character)");
    else if (line[last] == '\\' || line.find("<<") != std::string::npos)
      problems.push_back("--setup " + quote(line) + " would reach into the script's next lines (a final '\\' or "
                         "a here-document); give each line its own --setup");
    else {
      try {  // unbalanced quotes or brackets would swallow the lines after it
        run_command("bash -n -c " + shell_quoted(line));
      } catch (const std::runtime_error&) {
        problems.push_back("--setup " + quote(line) + " is not a complete shell command (bash -n refuses it: "
                           "unbalanced quotes or brackets?)");
      }
    }
  }
  return problems;
}

SlurmScripts write_slurm_scripts(const std::string& dir, const SlurmOptions& options,
                                 const std::string& partysim) {
  std::vector<InputProblem> problems;
  for (const auto& p : slurm_option_problems(options)) problems.push_back({"", p});
  const std::string abs_dir = fs::absolute(dir).lexically_normal().string();
  if (has_control(abs_dir) || abs_dir.find('"') != std::string::npos)
    problems.push_back({"", "the sweep folder " + shell_quoted(abs_dir) + " has a newline, a control character "
                            "or a '\"' in its path, which an #SBATCH line cannot hold; move or rename it"});
  if (!problems.empty()) throw ScenarioError(problems);
  const SweepFolder folder = SweepFolder::open(dir);
  const int runs = static_cast<int>(folder.plan.runs.size());
  SlurmScripts scripts;
  scripts.tasks = std::max(1, std::min(options.array_size, runs));
  fs::create_directories(fs::path(abs_dir) / "slurm");

  const std::string job_name = options.job_name.empty() ? "partysim-sweep" : options.job_name;
  std::string sweep = header(job_name, options, abs_dir + "/slurm/sweep-%A_%a.out");
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
           "to continue from there.\n";
  // The traps come first: a warning that arrives during the set-up lines or while partysim
  // starts is passed on once it runs. TERM (the time limit itself, or scancel) is passed on as
  // USR1 too, so that the shell lives to requeue the task. The set-up lines run before `set -u`,
  // which environment modules do not expect.
  sweep += "child=\"\"\n"
           "forward() { [ -n \"$child\" ] && kill -USR1 \"$child\" 2>/dev/null; warned=1; }\n"
           "warned=0\n"
           "trap forward USR1 TERM\n";
  sweep += setup_lines(options) + "set -uo pipefail\n";
  sweep += quoted(partysim) + " sweep run " + quoted(abs_dir) + " --task \"$SLURM_ARRAY_TASK_ID\" --tasks " +
           std::to_string(scripts.tasks) + " --jobs \"${SLURM_CPUS_PER_TASK:-1}\"" +
           (options.checkpoint_every > 0 ? " --checkpoint-every " + std::to_string(options.checkpoint_every) : "") +
           " &\n";  // not --quiet: its timestamped progress lines show in the task's log
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
  std::string collect = header(options.job_name.empty() ? "partysim-collect" : options.job_name + "-collect",
                               options, abs_dir + "/slurm/collect-%j.out");
  collect += "# Submitted with --dependency=afterok on the array: runs once every task succeeded.\n" +
             setup_lines(options) + "set -euo pipefail\nexec " + quoted(partysim) + " sweep collect " + quoted(abs_dir) + "\n";
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
  if (!digits(array)) throw std::runtime_error("sbatch printed '" + array + "', not a job id");
  const std::string collect = job_id(run_command("sbatch --parsable --dependency=afterok:" + array +
                                                 " " + quoted(scripts.collect_script)));
  return {array, collect};
}

}  // namespace partysim
