#pragma once
// The command-line arguments shared by the commands that take scenario files (run, validate,
// show): the files, and parameter overrides as --set KEY=VALUE or --KEY VALUE.
#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "params/scenario.hpp"

namespace partysim {

struct ScenarioArguments {
  boost::program_options::variables_map options;
  std::vector<std::string> files;
  std::vector<Override> overrides;  // --KEY VALUE options first, then --set in order
};

// Parses `args` against the command's own options, --set and every parameter option. On a bad
// command line prints "partysim COMMAND: ..." to stderr and returns nothing.
std::optional<ScenarioArguments> parse_scenario_arguments(
    const std::string& command, const std::vector<std::string>& args,
    const boost::program_options::options_description& own);

// A command-line parsing error as text, without Boost's own what(): it substitutes "%...%"
// placeholders until none is left, so a value that contains one ("--threads %value%") would make
// it loop forever.
std::string option_error_text(const boost::program_options::error& e);

// The --set option's description, for help texts.
boost::program_options::options_description override_options();

// Prints every problem of a scenario error to stderr, one per line.
void print_problems(const std::string& command, const ScenarioError& error);

}  // namespace partysim
