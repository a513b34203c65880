#include "params/scenario_options.hpp"

#include <boost/program_options.hpp>
#include <deque>
#include <string>

#include "params/parameter_table.hpp"

namespace po = boost::program_options;

namespace partysim {

const po::options_description& scenario_options() {
  static const po::options_description description = [] {
    po::options_description d("Model parameters (scenario keys; see 'partysim params')", 100, 50);
    static std::deque<std::string> texts;  // Boost keeps the char pointers it is given
    for (const auto& s : parameter_table()) {
      texts.push_back(s.key());
      const char* name = texts.back().c_str();
      texts.push_back(std::string(s.meaning) + " [" + std::string(s.unit) + "]");
      d.add_options()(name, po::value<std::string>()->value_name("VALUE"), texts.back().c_str());
    }
    return d;
  }();
  return description;
}

}  // namespace partysim
