#include "cli/scenario_arguments.hpp"

#include <iostream>

#include "params/scenario_options.hpp"

namespace po = boost::program_options;

namespace partysim {

std::string option_error_text(const po::error& e) {
  const auto* named = dynamic_cast<const po::error_with_option_name*>(&e);
  if (!named) return e.what();  // a plain message, nothing substituted
  const std::string option = "'" + named->get_option_name() + "'";
  if (dynamic_cast<const po::invalid_option_value*>(&e)) return "the value given for option " + option + " is not valid";
  if (dynamic_cast<const po::multiple_occurrences*>(&e)) return "option " + option + " is given more than once";
  if (const auto* syntax = dynamic_cast<const po::invalid_syntax*>(&e)) {
    if (syntax->kind() == po::invalid_syntax::missing_parameter) return "option " + option + " needs a value";
    if (syntax->kind() == po::invalid_syntax::extra_parameter) return "option " + option + " takes no value";
  }
  return "option " + option + " is not written as expected (--name value or --name=value)";
}

po::options_description override_options() {
  po::options_description d("Overrides", 100, 50);
  d.add_options()("set", po::value<std::vector<std::string>>()->composing()->value_name("KEY=VALUE"),
                  "override a parameter, e.g. --set enforcement.crackdown_rate=0.03 (repeatable; "
                  "applied after the scenario file and the --KEY VALUE options)");
  return d;
}

std::optional<ScenarioArguments> parse_scenario_arguments(const std::string& command,
                                                          const std::vector<std::string>& args,
                                                          const po::options_description& own) {
  po::options_description all;
  all.add(own).add(override_options()).add(scenario_options());
  all.add_options()("files", po::value<std::vector<std::string>>()->composing(), "");
  po::positional_options_description positional;
  positional.add("files", -1);
  ScenarioArguments result;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), result.options);
    po::notify(result.options);
  } catch (const po::unknown_option& e) {
    std::string name = e.get_option_name();
    while (!name.empty() && name.front() == '-') name.erase(0, 1);
    const std::string near = nearest_key(name);
    std::cerr << "partysim " << command << ": unknown option '" << e.get_option_name() << "'"
              << (near.empty() ? std::string() : "; did you mean '--" + near + "'?")
              << "\nSee 'partysim " << command << " --help'.\n";
    return std::nullopt;
  } catch (const po::error& e) {
    std::cerr << "partysim " << command << ": " << option_error_text(e) << "\nSee 'partysim " << command
              << " --help'.\n";
    return std::nullopt;
  }
  const po::variables_map& vm = result.options;
  if (vm.count("files")) result.files = vm["files"].as<std::vector<std::string>>();
  for (const auto& option : scenario_options().options()) {
    const std::string& key = option->long_name();
    if (vm.count(key)) result.overrides.push_back({key, vm[key].as<std::string>(), "--" + key});
  }
  if (vm.count("set")) {
    for (const std::string& item : vm["set"].as<std::vector<std::string>>()) {
      const auto equals = item.find('=');
      if (equals == std::string::npos) {
        std::cerr << "partysim " << command << ": --set '" << item << "' is not KEY=VALUE\n";
        return std::nullopt;
      }
      result.overrides.push_back({item.substr(0, equals), item.substr(equals + 1), "--set " + item});
    }
  }
  return result;
}

void print_problems(const std::string& command, const ScenarioError& error) {
  // A problem quotes what it refuses; a 900 KB key or value is shortened, not echoed whole.
  constexpr std::size_t kMaxShown = 400;
  for (const auto& problem : error.problems()) {
    const std::string text = problem.text();
    std::cerr << "partysim " << command << ": "
              << (text.size() <= kMaxShown ? text
                                           : text.substr(0, kMaxShown) + "... (" + std::to_string(text.size()) +
                                                 " characters in all)")
              << "\n";
  }
}

}  // namespace partysim
