#include "cli/sweep_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <oneapi/tbb/info.h>
#include <sstream>

#include "cli/run_command.hpp"
#include "run/stop_request.hpp"
#include "cli/scenario_arguments.hpp"
#include "io/output_folder.hpp"
#include "sweep/collect.hpp"
#include "run/progress.hpp"
#include "sweep/local_executor.hpp"
#include "sweep/slurm.hpp"
#include "sweep/sweep_folder.hpp"
#include "util/shell_quote.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace partysim {

namespace {
const char* const kSweepUsage =
    "Usage:\n"
    "  partysim sweep plan SWEEP_FILE --out DIR [--keep summary|series|all]\n"
    "                                               write DIR/plan.csv (deterministic)\n"
    "  partysim sweep run DIR [--jobs N] [--task I --tasks K]\n"
    "                                               run what is not done yet (resumable)\n"
    "  partysim sweep slurm DIR [--array-size K] [--time T] [--partition P] [--mem M]\n"
    "                           [--cpus-per-task C] [--throttle N] [--account A] [--qos Q]\n"
    "                           [--constraint C] [--mail-type T --mail-user U] [--job-name N]\n"
    "                           [--sbatch=--OPT=VALUE ...] [--setup LINE ...] [--submit]\n"
    "                                               the same runs as a Slurm job array\n"
    "  partysim sweep collect DIR [--series MEASURE,...]\n"
    "                                               DIR/summary.csv (+ series.csv, SALib files)\n"
    "See README.md, section Sweeps, for the sweep file.\n";

// The subcommand's options; nothing (with `exit` set: 0 after --help, 2 on an error) to stop.
std::optional<po::variables_map> parse(const std::string& command, const std::vector<std::string>& args,
                                       const po::options_description& options, int& exit) {
  exit = kExitBadInput;
  po::options_description all = options;
  all.add_options()("help,h", "show this help")("target", po::value<std::string>(), "");
  po::positional_options_description positional;
  positional.add("target", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {  // before notify, which would complain about required options
      std::cout << kSweepUsage << "\n" << options;
      exit = kExitOk;
      return std::nullopt;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "partysim sweep " << command << ": " << option_error_text(e) << "\n" << kSweepUsage;
    return std::nullopt;
  }
  if (!vm.count("target")) {
    std::cerr << "partysim sweep " << command << ": missing "
              << (command == "plan" ? "the sweep file" : "the sweep folder") << "\n" << kSweepUsage;
    return std::nullopt;
  }
  return vm;
}

int plan(const std::vector<std::string>& args) {
  po::options_description options("sweep plan options");
  options.add_options()("out,o", po::value<std::string>()->required(), "the sweep folder to write")
      ("keep", po::value<std::string>()->value_name("WHAT"),
       "what each run keeps: summary (summary.csv), series (also timeseries.csv, run.json) or all "
       "(also by_songbun.csv, outputs.json); replaces the sweep file's keep (default all)");
  int exit = kExitOk;
  const auto vm = parse("plan", args, options, exit);
  if (!vm) return exit;
  std::optional<Keep> keep;
  if (vm->count("keep")) {
    keep = parse_keep((*vm)["keep"].as<std::string>());
    if (!keep) {
      std::cerr << "partysim sweep plan: --keep '" << (*vm)["keep"].as<std::string>()
                << "' is not one of summary, series, all\n";
      return kExitBadInput;
    }
  }
  const std::size_t runs = plan_sweep((*vm)["target"].as<std::string>(), (*vm)["out"].as<std::string>(), keep);
  std::cout << "partysim sweep: planned " << runs << " runs in " << (*vm)["out"].as<std::string>() << "/plan.csv\n";
  return kExitOk;
}

int run(const std::vector<std::string>& args) {
  po::options_description options("sweep run options");
  options.add_options()
      ("jobs,j", po::value<int>()->default_value(static_cast<int>(oneapi::tbb::info::default_concurrency())),
       "worker threads shared by the runs")
      ("task", po::value<int>()->default_value(0), "this task's index I (0 <= I < K)")
      ("tasks", po::value<int>()->default_value(1), "the number of tasks K sharing the plan")
      ("checkpoint-every", po::value<int>()->default_value(0)->value_name("M"),
       "checkpoint each run every M months (0: only when stopped by SIGINT, SIGTERM, SIGUSR1 or SIGHUP, "
       "which checkpoint the runs going, exit with status 75, and are resumed by the next sweep run)")
      ("quiet,q", "no progress (on a terminal a line rewritten in place, in a log a timestamped line "
                  "every PARTYSIM_PROGRESS_SECONDS, default 60)");
  int exit = kExitOk;
  const auto vm = parse("run", args, options, exit);
  if (!vm) return exit;
  SweepRunOptions o;
  o.jobs = (*vm)["jobs"].as<int>();
  o.task = (*vm)["task"].as<int>();
  o.tasks = (*vm)["tasks"].as<int>();
  o.checkpoint_every = (*vm)["checkpoint-every"].as<int>();
  o.quiet = vm->count("quiet") > 0;
  if (o.jobs < 1 || o.tasks < 1 || o.task < 0 || o.task >= o.tasks || o.checkpoint_every < 0) {
    std::cerr << "partysim sweep run: need --jobs >= 1, --tasks >= 1, 0 <= --task < --tasks and "
                 "--checkpoint-every >= 0\n";
    return kExitBadInput;
  }
  if (const auto problem = progress_interval().problem) {
    std::cerr << "partysim sweep run: " << *problem << "\n";
    return kExitBadInput;
  }
  o.jobs = capped_threads(o.jobs, "sweep run", "--jobs");
  install_stop_handlers();
  const auto result = run_sweep((*vm)["target"].as<std::string>(), o);
  if (!vm->count("quiet") || result.stopped > 0)
    std::cerr << "partysim sweep: task " << o.task << "/" << o.tasks << ": " << result.done << " runs done now, "
              << result.skipped << " were already complete, of " << result.assigned << "\n";
  if (result.stopped + result.not_started > 0) {
    std::cerr << "partysim sweep: stopped by " << signal_name(stop_signal()) << "; " << result.stopped
              << " runs saved a checkpoint, " << result.not_started
              << " were not started; 'partysim sweep run' again continues them\n";
    return kExitStopped;
  }
  return kExitOk;
}

int slurm(const std::vector<std::string>& args) {
  po::options_description options("sweep slurm options (map to sbatch's)");
  options.add_options()
      ("array-size", po::value<int>()->default_value(64), "array tasks K (at most the number of runs)")
      ("throttle", po::value<int>()->default_value(0), "at most N tasks at once (sbatch --array=...%N)")
      ("time", po::value<std::string>()->default_value("01:00:00"), "sbatch --time of each task")
      ("partition", po::value<std::string>()->default_value(""), "sbatch --partition")
      ("mem", po::value<std::string>()->default_value(""), "sbatch --mem, e.g. 4G")
      ("cpus-per-task", po::value<int>()->default_value(1), "sbatch --cpus-per-task (threads per task)")
      ("checkpoint-every", po::value<int>()->default_value(0)->value_name("M"),
       "each task checkpoints its runs every M months (against preemption without warning; the "
       "time-limit warning always makes one)")
      ("account", po::value<std::string>()->default_value(""), "sbatch --account to charge")
      ("qos", po::value<std::string>()->default_value(""), "sbatch --qos")
      ("constraint", po::value<std::string>()->default_value(""), "sbatch --constraint, e.g. 'intel&ib'")
      ("mail-type", po::value<std::string>()->default_value(""), "sbatch --mail-type, e.g. END,FAIL")
      ("mail-user", po::value<std::string>()->default_value(""), "sbatch --mail-user (an address)")
      ("job-name", po::value<std::string>()->default_value(""),
       "sbatch --job-name of the array (default partysim-sweep; the collect job gets NAME-collect)")
      ("sbatch", po::value<std::vector<std::string>>()->composing()->value_name("--OPT=VALUE"),
       "any other sbatch option, written as '#SBATCH --OPT=VALUE' into both scripts (repeatable; "
       "use --sbatch=--gres=gpu:1 so that it is not read as an option of partysim)")
      ("setup", po::value<std::vector<std::string>>()->composing()->value_name("LINE"),
       "a shell line run before partysim in both scripts, e.g. 'module load gcc/12' (repeatable; "
       "one complete command per line)")
      ("submit", "submit with sbatch and print the job ids");
  int exit = kExitOk;
  const auto vm = parse("slurm", args, options, exit);
  if (!vm) return exit;
  SlurmOptions o;
  o.array_size = (*vm)["array-size"].as<int>();
  o.throttle = (*vm)["throttle"].as<int>();
  o.time = (*vm)["time"].as<std::string>();
  o.partition = (*vm)["partition"].as<std::string>();
  o.mem = (*vm)["mem"].as<std::string>();
  o.checkpoint_every = (*vm)["checkpoint-every"].as<int>();
  o.cpus_per_task = (*vm)["cpus-per-task"].as<int>();
  o.account = (*vm)["account"].as<std::string>();
  o.qos = (*vm)["qos"].as<std::string>();
  o.constraint = (*vm)["constraint"].as<std::string>();
  o.mail_type = (*vm)["mail-type"].as<std::string>();
  o.mail_user = (*vm)["mail-user"].as<std::string>();
  o.job_name = (*vm)["job-name"].as<std::string>();
  if (vm->count("sbatch")) o.directives = (*vm)["sbatch"].as<std::vector<std::string>>();
  if (vm->count("setup")) o.setup = (*vm)["setup"].as<std::vector<std::string>>();
  if (o.array_size < 1 || o.throttle < 0 || o.cpus_per_task < 1 || o.checkpoint_every < 0) {
    std::cerr << "partysim sweep slurm: need --array-size >= 1, --throttle >= 0, --cpus-per-task >= 1, "
                 "--checkpoint-every >= 0\n";
    return kExitBadInput;
  }
  const std::string binary = fs::read_symlink("/proc/self/exe").string();
  const SlurmScripts scripts = write_slurm_scripts((*vm)["target"].as<std::string>(), o, binary);
  std::cout << "partysim sweep: wrote " << scripts.sweep_script << " (" << scripts.tasks
            << " array tasks) and " << scripts.collect_script << "\n";
  if (vm->count("submit")) {
    const auto ids = submit_slurm(scripts);
    std::cout << "submitted array job " << ids[0] << " and collect job " << ids[1]
              << " (afterok:" << ids[0] << ")\n";
  } else {
    // Quoted, so that pasting it is safe whatever the folder's name.
    std::cout << "submit with: jid=$(sbatch --parsable " << shell_quoted(scripts.sweep_script)
              << ") && sbatch --dependency=afterok:\"${jid%%;*}\" " << shell_quoted(scripts.collect_script) << "\n";
  }
  return kExitOk;
}

int collect(const std::vector<std::string>& args) {
  po::options_description options("sweep collect options");
  options.add_options()("series", po::value<std::string>()->default_value(""),
                        "also write series.csv (long: run_id,date,measure,value) for these "
                        "comma-separated measures");
  int exit = kExitOk;
  const auto vm = parse("collect", args, options, exit);
  if (!vm) return exit;
  std::vector<std::string> measures;
  std::stringstream list((*vm)["series"].as<std::string>());
  for (std::string m; std::getline(list, m, ',');)  // a measure named twice is written once
    if (!m.empty() && std::find(measures.begin(), measures.end(), m) == measures.end()) measures.push_back(m);
  const std::string dir = (*vm)["target"].as<std::string>();
  const CollectResult result = collect_sweep(dir, measures);
  std::cout << "partysim sweep: collected " << result.runs << " runs into";
  for (const auto& f : result.files) std::cout << " " << dir << "/" << f;
  std::cout << "\n";
  return kExitOk;
}
}  // namespace

int sweep_command(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << kSweepUsage;
    return args.empty() ? kExitBadInput : kExitOk;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (args[0] == "plan") return plan(rest);
    if (args[0] == "run") return run(rest);
    if (args[0] == "slurm") return slurm(rest);
    if (args[0] == "collect") return collect(rest);
  } catch (const ScenarioError& e) {
    print_problems("sweep " + args[0], e);
    return kExitBadInput;
  } catch (const OutputError& e) {
    std::cerr << "partysim sweep " << args[0] << ": " << e.what() << "\n";
    return kExitBadOutput;
  } catch (const fs::filesystem_error& e) {
    std::cerr << "partysim sweep " << args[0] << ": " << e.what() << "\n";
    return kExitBadOutput;
  } catch (const std::runtime_error& e) {  // e.g. sbatch refused a submission
    std::cerr << "partysim sweep " << args[0] << ": " << e.what() << "\n";
    return kExitFailure;
  }
  std::cerr << "partysim sweep: unknown subcommand '" << args[0] << "'\n" << kSweepUsage;
  return kExitBadInput;
}

}  // namespace partysim
