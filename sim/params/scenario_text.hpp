#pragma once
// A scenario written out in scenario-file syntax: every parameter with its resolved value
// (schedules as their points), so that the text is itself a complete, valid scenario.
#include <string>

#include "params/scenario.hpp"

namespace partysim {

std::string scenario_text(const Scenario& scenario);

}  // namespace partysim
