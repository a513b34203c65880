#pragma once
// Experimental designs: the points of a sweep, in the unit cube for the sampling designs and as
// parameter values for all. Deterministic: the same sweep file gives the same points.
#include <vector>

#include "rng/keyed_rng.hpp"
#include "sweep/sweep_spec.hpp"

namespace partysim {

using Matrix = std::vector<std::vector<double>>;  // rows of points

// n points of a Latin hypercube in [0, 1)^d: in each dimension, exactly one point per stratum
// [k/n, (k+1)/n).
Matrix latin_hypercube(int n, int d, const KeyedRng& rng);
// The first n points of the d-dimensional Sobol sequence (Boost.Random's sobol, which skips the
// all-zero first point), in [0, 1)^d.
Matrix sobol_points(int n, int d);
// Saltelli's scheme for first-, second-order and total Sobol indices, in SALib's order: for each
// of the n base points, A, AB_1..AB_d, BA_1..BA_d, B, from a 2d-dimensional Sobol sequence;
// n (2d + 2) rows.
Matrix saltelli(int n, int d);
// Morris elementary-effects design: r trajectories of d + 1 points on a grid of `levels` levels,
// each moving one coordinate by delta = levels / (2 (levels - 1)) per step.
Matrix morris_trajectories(int r, int d, int levels, const KeyedRng& rng);

// The sweep's design points as unit-cube coordinates (sampling designs; empty for grid and list)
// and as parameter values (rows: points; columns: the varied parameters in file order).
struct DesignPoints {
  Matrix unit;
  Matrix values;
};
DesignPoints expand_design(const SweepSpec& spec);

}  // namespace partysim
