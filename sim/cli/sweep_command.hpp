#pragma once
// `partysim sweep plan|run|slurm|collect`: parameter sweeps on a laptop or a Slurm cluster.
#include <string>
#include <vector>

namespace partysim {

int sweep_command(const std::vector<std::string>& args);

}  // namespace partysim
