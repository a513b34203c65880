#pragma once
// Experimental designs: the points of a sweep, in the unit cube for the sampling designs and as
// parameter values for all. Deterministic: the same sweep file gives the same points.
#include <cstdint>
#include <vector>

#include "rng/keyed_rng.hpp"
#include "sweep/sweep_spec.hpp"

namespace partysim {

using Matrix = std::vector<std::vector<double>>;  // rows of points

// n points of a Latin hypercube in [0, 1)^d: in each dimension, exactly one point per stratum
// [k/n, (k+1)/n).
Matrix latin_hypercube(int n, int d, const KeyedRng& rng);
// Points first .. first + n - 1 (first >= 1) of the d-dimensional Sobol sequence, counting the
// all-zero point as point 0 (as SALib and scipy.stats.qmc.Sobol do; Boost.Random's sobol engine
// starts at point 1, the centre), in [0, 1)^d. Joe and Kuo's direction numbers (Boost's table),
// the same as scipy's. With `shift` (one 64-bit word per dimension) each coordinate's bits are
// XORed with its dimension's word: a random digital shift, which keeps the net's balance.
Matrix sobol_points(int n, int d, long long first = 1, const std::vector<std::uint64_t>& shift = {});
// The points of the Sobol sequence skipped before Saltelli's base points: the smallest power of
// two >= n (SALib's saltelli.sample default, which keeps the balance of the first n points), and
// at least 2, so that point 1, the centre (A = B), is never used.
long long sobol_skip(int n);
// Saltelli's scheme for first-, second-order and total Sobol indices, in SALib's order: for each
// of the n base points, A, AB_1..AB_d, BA_1..BA_d, B, from points sobol_skip(n) .. of a
// 2d-dimensional Sobol sequence; n (2d + 2) rows. With `scramble`, a random digital shift keyed
// by it (docs/analysis.md states how this relates to SALib).
Matrix saltelli(int n, int d, const KeyedRng* scramble = nullptr);
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
