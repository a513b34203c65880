#include "cli/scenario_commands.hpp"

#include <iostream>

#include "cli/run_command.hpp"
#include "cli/scenario_arguments.hpp"
#include "params/scenario_options.hpp"
#include "params/scenario_text.hpp"

namespace po = boost::program_options;

namespace partysim {

namespace {
po::options_description help_option() {
  po::options_description d("Options");
  d.add_options()("help,h", "show this help");
  return d;
}
}  // namespace

int validate_command(const std::vector<std::string>& args) {
  const auto parsed = parse_scenario_arguments("validate", args, help_option());
  if (!parsed) return kExitBadInput;
  if (parsed->options.count("help")) {
    std::cout << "Usage: partysim validate FILE... [--set KEY=VALUE ...]\n\n"
                 "Checks scenario files without running them: every problem of every file is\n"
                 "reported, with its file and line. Exit status 0 when all are valid, 2 otherwise.\n";
    return kExitOk;
  }
  if (parsed->files.empty()) {
    std::cerr << "partysim validate: no scenario file given\n";
    return kExitBadInput;
  }
  bool all_valid = true;
  for (const std::string& file : parsed->files) {
    try {
      Scenario::load(file, parsed->overrides);
      std::cout << file << ": valid\n";
    } catch (const ScenarioError& e) {
      print_problems("validate", e);
      all_valid = false;
    }
  }
  return all_valid ? kExitOk : kExitBadInput;
}

int show_command(const std::vector<std::string>& args) {
  const auto parsed = parse_scenario_arguments("show", args, help_option());
  if (!parsed) return kExitBadInput;
  if (parsed->options.count("help")) {
    std::cout << "Usage: partysim show FILE [--set KEY=VALUE ...] [--KEY VALUE ...]\n\n"
                 "Prints every parameter of the scenario, resolved (its bases, the overrides and\n"
                 "the defaults applied; schedules as their points), in scenario syntax: the\n"
                 "output is itself a valid scenario file.\n";
    return kExitOk;
  }
  if (parsed->files.size() != 1) {
    std::cerr << "partysim show: give exactly one scenario file\n";
    return kExitBadInput;
  }
  try {
    std::cout << scenario_text(Scenario::load(parsed->files.front(), parsed->overrides));
    return kExitOk;
  } catch (const ScenarioError& e) {
    print_problems("show", e);
    return kExitBadInput;
  }
}

}  // namespace partysim
