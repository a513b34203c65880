#pragma once
// The cost of the model's per-household building blocks on one thread, measured in isolation:
// what a household-step cannot go below while each household does this work in scalar code,
// and of Philox4x32-10 in lanes, which could lower that floor (docs/performance.md, "Targets
// (issue 6) and what limits them").
#include <string>
#include <vector>

namespace partysim::bench {

struct PrimitiveCost {
  std::string name;
  double ns;       // per call, one thread
  std::string per; // what one call is
};

std::vector<PrimitiveCost> measure_primitive_costs();

}  // namespace partysim::bench
