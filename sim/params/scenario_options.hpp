#pragma once
// Boost.Program_options descriptions generated from the parameter table: the same keys serve
// the scenario file ("[enforcement] crackdown_rate = ...") and the command line
// ("--enforcement.crackdown_rate ...").
#include <boost/program_options/options_description.hpp>

namespace partysim {

const boost::program_options::options_description& scenario_options();

}  // namespace partysim
