// partysim: the command line. Subcommands: run, validate, show, sweep, report, params, outputs,
// phases.
#include <exception>
#include <new>
#include <iostream>
#include <string>
#include <vector>

#include "cli/report_command.hpp"
#include "cli/run_command.hpp"
#include "cli/scenario_commands.hpp"
#include "cli/sweep_command.hpp"
#include "io/build_info.hpp"
#include "io/reference_tables.hpp"
#include "util/shell_quote.hpp"

namespace {

const char* const kUsage =
    "partysim: an agent-based model of why North Korean households stopped wanting\n"
    "Workers' Party membership once markets paid better.\n\n"
    "Usage:\n"
    "  partysim run SCENARIO [--out DIR] [--seed N] [--threads N] [--replicates N]\n"
    "                        [--set KEY=VALUE ...] [--KEY VALUE ...] [--overwrite] [--quiet]\n"
    "                        [--checkpoint-every M]\n"
    "      run a scenario file; writes timeseries.csv, by_songbun.csv, run.json\n"
    "  partysim run --resume DIR [--threads N] [--checkpoint-every M]\n"
    "      continue a run stopped by SIGINT, SIGTERM, SIGUSR1 or SIGHUP (exit status 75) from its checkpoint\n"
    "  partysim validate FILE...\n"
    "      check scenario files without running them (every problem, with file and line)\n"
    "  partysim show FILE [--set KEY=VALUE ...]\n"
    "      print every parameter resolved, in scenario syntax (itself a valid scenario)\n"
    "  partysim sweep plan|run|slurm|collect ...\n"
    "      parameter sweeps (grid, list, lhs, sobol, morris) locally or as a Slurm array\n"
    "  partysim report DIR [--out FILE.html]\n"
    "      an interactive, self-contained HTML report of a run, ensemble or sweep folder\n"
    "      (runs analysis/report.py with /usr/bin/python3)\n"
    "  partysim params [--format text|csv|json|markdown]\n"
    "      every parameter: key, type, default, unit, range (csv, json: min, max), meaning, source\n"
    "  partysim outputs [--format text|csv|json|markdown]\n"
    "      every output measure: name, unit, meaning\n"
    "  partysim phases [--format text|csv|json|markdown]\n"
    "      the month's phases in order: what each loops over, reads and writes\n"
    "  partysim --version\n\n"
    "'partysim run --help' lists the run options and every parameter option.\n"
    "Scenario values may be schedules: 'YYYY-MM:VALUE, YYYY-MM:VALUE' (linear between points,\n"
    "constant outside; the same month twice makes an abrupt step).\n";

enum class Table { parameters, outputs, phases };

int table_command(const std::vector<std::string>& args, Table table) {
  static constexpr const char* kCommands[] = {"params", "outputs", "phases"};
  partysim::TableFormat format = partysim::TableFormat::text;
  for (std::size_t k = 0; k < args.size(); ++k) {
    std::string value;
    if (args[k] == "--format" && k + 1 < args.size())
      value = args[++k];
    else if (args[k].rfind("--format=", 0) == 0)
      value = args[k].substr(9);
    else if (args[k] == "--help" || args[k] == "-h") {
      std::cout << "Usage: partysim " << kCommands[static_cast<int>(table)]
                << " [--format text|csv|json|markdown]\n";
      return partysim::kExitOk;
    } else {
      std::cerr << "partysim: unexpected argument '" << args[k] << "'; expected --format text|csv|json|markdown\n";
      return partysim::kExitBadInput;
    }
    if (value == "text") format = partysim::TableFormat::text;
    else if (value == "csv") format = partysim::TableFormat::csv;
    else if (value == "markdown") format = partysim::TableFormat::markdown;
    else if (value == "json") format = partysim::TableFormat::json;
    else {
      std::cerr << "partysim: --format '" << value << "' is not one of text, csv, json, markdown\n";
      return partysim::kExitBadInput;
    }
  }
  switch (table) {
    case Table::parameters: std::cout << partysim::parameters_table(format); break;
    case Table::outputs: std::cout << partysim::outputs_table(format); break;
    case Table::phases: std::cout << partysim::phases_table(format); break;
  }
  return partysim::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // Shell-quoted, so that the command recorded in run.json, pasted, redoes the run.
  std::string command_line = "partysim";
  if (!args.empty()) command_line += " " + partysim::shell_command(args);
  try {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
      std::cout << kUsage;
      return args.empty() ? partysim::kExitBadInput : partysim::kExitOk;
    }
    if (args[0] == "--version") {
      std::cout << "partysim " << partysim::build_info::version << " ("
                << partysim::build_info::git_revision << ")\n";
      return partysim::kExitOk;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    if (command == "run") return partysim::run_command(args, command_line);
    if (command == "validate") return partysim::validate_command(args);
    if (command == "sweep") return partysim::sweep_command(args);
    if (command == "show") return partysim::show_command(args);
    if (command == "report") return partysim::report_command(args, argv[0]);
    if (command == "params") return table_command(args, Table::parameters);
    if (command == "outputs") return table_command(args, Table::outputs);
    if (command == "phases") return table_command(args, Table::phases);
    std::cerr << "partysim: unknown command '" << command << "'\n\n" << kUsage;
    return partysim::kExitBadInput;
  } catch (const std::bad_alloc&) {
    std::cerr << "partysim: out of memory (a memory allocation failed); use a smaller problem or a "
                 "machine with more memory\n";
    return partysim::kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "partysim: " << e.what() << "\n";
    return partysim::kExitFailure;
  }
}
