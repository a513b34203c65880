#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "rng/samplers.hpp"
#include "sweep/designs.hpp"
#include "sweep/plan.hpp"

using namespace partysim;

namespace {
SweepSpec sampling_spec(Design design, int samples, int d) {
  SweepSpec spec;
  spec.design = design;
  spec.samples = samples;
  spec.seed = 17;
  for (int j = 0; j < d; ++j) {
    VariedParameter p;
    p.key = "enforcement.crackdown_rate";
    p.min = 0.01 * (j + 1);
    p.max = 0.02 * (j + 1);
    spec.varied.push_back(p);
  }
  return spec;
}
}  // namespace

TEST_CASE("grid designs are the cartesian product, first parameter slowest", "[sweep][designs]") {
  SweepSpec spec;
  spec.design = Design::grid;
  spec.varied = {{"a", false, {1, 2, 3}}, {"b", false, {10, 20}}};
  const auto points = expand_design(spec).values;
  REQUIRE(points.size() == 6);
  CHECK(points[0] == std::vector<double>{1, 10});
  CHECK(points[1] == std::vector<double>{1, 20});
  CHECK(points[5] == std::vector<double>{3, 20});
  spec.design = Design::list;
  spec.varied[1].values = {10, 20, 30};
  CHECK(expand_design(spec).values == Matrix{{1, 10}, {2, 20}, {3, 30}});
}

TEST_CASE("Latin hypercubes put exactly one point in each stratum of each dimension", "[sweep][designs]") {
  const KeyedRng rng(5);
  const int n = 50, d = 4;
  const Matrix points = latin_hypercube(n, d, rng);
  REQUIRE(points.size() == static_cast<std::size_t>(n));
  for (int j = 0; j < d; ++j) {
    std::set<int> strata;
    for (const auto& p : points) {
      REQUIRE(p[j] >= 0.0);
      REQUIRE(p[j] < 1.0);
      strata.insert(static_cast<int>(p[j] * n));
    }
    CHECK(strata.size() == static_cast<std::size_t>(n));
  }
  CHECK(latin_hypercube(n, d, rng) == points);                 // deterministic
  CHECK(latin_hypercube(n, d, KeyedRng(6)) != points);         // the sweep seed matters
}

TEST_CASE("Sobol points lie in the unit cube and are low-discrepancy", "[sweep][designs]") {
  const int n = 256, d = 6;
  const Matrix points = sobol_points(n, d);
  // Largest deviation of the share of points in [0, x) per dimension (a 1-D star discrepancy),
  // against that of 256 keyed pseudo-random points: Sobol's must be far smaller.
  auto discrepancy = [](const Matrix& m, int j) {
    std::vector<double> x;
    for (const auto& p : m) x.push_back(p[j]);
    std::sort(x.begin(), x.end());
    double worst = 0;
    for (std::size_t k = 0; k < x.size(); ++k)
      worst = std::max({worst, std::abs(x[k] - static_cast<double>(k) / x.size()),
                        std::abs(x[k] - static_cast<double>(k + 1) / x.size())});
    return worst;
  };
  const KeyedRng rng(9);
  Matrix random(n, std::vector<double>(d));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) random[i][j] = uniform_open(rng.words(Purpose::sweep_design, i, j)[0]);
  for (int j = 0; j < d; ++j) {
    for (const auto& p : points) {
      REQUIRE(p[j] >= 0.0);
      REQUIRE(p[j] < 1.0);
    }
    INFO("dimension " << j);
    CHECK(discrepancy(points, j) <= 2.0 / n);
    CHECK(discrepancy(points, j) < discrepancy(random, j) / 3);
  }
  CHECK(sobol_points(n, d) == points);
}

TEST_CASE("Saltelli's scheme has N (2D + 2) rows: A, AB_j, BA_j, B", "[sweep][designs]") {
  const int n = 8, d = 3;
  const Matrix rows = saltelli(n, d);
  REQUIRE(rows.size() == static_cast<std::size_t>(n * (2 * d + 2)));
  const Matrix base = sobol_points(n, 2 * d, sobol_skip(n));
  for (int i = 0; i < n; ++i) {
    const auto* block = &rows[static_cast<std::size_t>(i) * (2 * d + 2)];
    for (int j = 0; j < d; ++j) {
      CHECK(block[0][j] == base[i][j]);              // A
      CHECK(block[2 * d + 1][j] == base[i][d + j]);  // B
      for (int k = 0; k < d; ++k) {
        CHECK(block[1 + j][k] == (k == j ? base[i][d + k] : base[i][k]));      // AB_j
        CHECK(block[1 + d + j][k] == (k == j ? base[i][k] : base[i][d + k]));  // BA_j
      }
    }
  }
  // Mapped to the parameters' ranges.
  const auto design = expand_design(sampling_spec(Design::sobol, n, d));
  REQUIRE(design.values.size() == rows.size());
  for (const auto& row : design.values)
    for (int j = 0; j < d; ++j) {
      CHECK(row[j] >= 0.01 * (j + 1));
      CHECK(row[j] <= 0.02 * (j + 1));
    }
}

TEST_CASE("Sobol points are scipy's unscrambled sequence, counted from the zero point", "[sweep][designs]") {
  // scipy.stats.qmc.Sobol(d, scramble=False).random(10): points 1, 2, 3 and 8, 9 (d = 4, 6).
  CHECK(sobol_points(1, 4, 1) == Matrix{{0.5, 0.5, 0.5, 0.5}});
  CHECK(sobol_points(3, 4, 2) == Matrix{{0.75, 0.25, 0.25, 0.25}, {0.25, 0.75, 0.75, 0.75}, {0.375, 0.375, 0.625, 0.875}});
  CHECK(sobol_points(2, 6, 8) == Matrix{{0.1875, 0.3125, 0.9375, 0.4375, 0.5625, 0.3125},
                                        {0.6875, 0.8125, 0.4375, 0.9375, 0.0625, 0.8125}});
  CHECK(sobol_points(5, 3) == sobol_points(5, 3, 1));
  CHECK(sobol_skip(1) == 2);
  CHECK(sobol_skip(2) == 2);
  CHECK(sobol_skip(100) == 128);
  CHECK(sobol_skip(128) == 128);
}

TEST_CASE("Saltelli's design never starts at the centre: no row of A equals its row of B", "[sweep][designs]") {
  // Unskipped, point 1 is the centre (A = B). With the skip no base point has A = B (d = 2..8, N = 1..64; in one dimension the two
  // coordinates' values repeat each other, so d = 1 is left to scrambling).
  auto a_b = [](const Matrix& rows, int n, int d, int i) {
    const auto* block = &rows[static_cast<std::size_t>(i) * (2 * d + 2)];
    return std::make_pair(block[0], block[2 * d + 1]);
  };
  for (int d = 2; d <= 8; ++d)
    for (int n = 1; n <= 64; ++n) {
      const Matrix rows = saltelli(n, d);
      for (int i = 0; i < n; ++i) {
        const auto [a, b] = a_b(rows, n, d, i);
        INFO("d " << d << " n " << n << " point " << i);
        REQUIRE(a != b);
      }
    }
  // Scrambled (a keyed digital shift), no coordinate of A equals B's (so no AB_j row equals A)
  // and no row of A equals any row of B, for d = 1 too.
  const KeyedRng key(11);
  for (int d : {1, 2, 5}) {
    const int n = 64;
    const Matrix rows = saltelli(n, d, &key);
    std::set<std::vector<double>> as, bs;
    for (int i = 0; i < n; ++i) {
      const auto [a, b] = a_b(rows, n, d, i);
      for (int j = 0; j < d; ++j) REQUIRE(a[j] != b[j]);
      as.insert(a);
      bs.insert(b);
    }
    for (const auto& a : as) CHECK(bs.count(a) == 0);
    CHECK(saltelli(n, d, &key) == rows);  // deterministic
    CHECK(saltelli(n, d, nullptr) != rows);
  }
}

TEST_CASE("Morris trajectories move one coordinate by delta per step on the grid", "[sweep][designs]") {
  const int r = 12, d = 5, levels = 4;
  const Matrix rows = morris_trajectories(r, d, levels, KeyedRng(3));
  REQUIRE(rows.size() == static_cast<std::size_t>(r * (d + 1)));
  const double delta = levels / (2.0 * (levels - 1));
  for (int t = 0; t < r; ++t) {
    std::set<int> moved;
    for (int s = 1; s <= d; ++s) {
      const auto& a = rows[t * (d + 1) + s - 1];
      const auto& b = rows[t * (d + 1) + s];
      int changed = -1;
      for (int j = 0; j < d; ++j) {
        const double level = b[j] * (levels - 1);
        CHECK(std::abs(level - std::round(level)) < 1e-9);  // on the grid
        CHECK(b[j] >= -1e-12);
        CHECK(b[j] <= 1 + 1e-12);
        if (a[j] != b[j]) {
          CHECK(changed == -1);
          changed = j;
          CHECK(std::abs(std::abs(b[j] - a[j]) - delta) < 1e-12);
        }
      }
      REQUIRE(changed >= 0);
      moved.insert(changed);
    }
    CHECK(moved.size() == static_cast<std::size_t>(d));  // every coordinate moves once
  }
}

TEST_CASE("plans are deterministic and replicates share seeds across points", "[sweep][plan]") {
  SweepSpec spec = sampling_spec(Design::lhs, 10, 2);
  spec.replicates = 3;
  const Plan a = make_plan(spec);
  REQUIRE(a.runs.size() == 30);
  CHECK(plan_csv(make_plan(spec)) == plan_csv(a));
  CHECK(a.runs[0].seed == a.runs[3].seed);  // point 0 and point 1, replicate 0
  CHECK(a.runs[0].seed != a.runs[1].seed);
  CHECK(a.runs[29].id == "run000029");
  spec.seed = 18;
  CHECK(plan_csv(make_plan(spec)) != plan_csv(a));
  // plan.csv reads back to the same plan.
  const auto path = std::filesystem::temp_directory_path() / "partysim_test_plan.csv";
  std::ofstream(path) << plan_csv(a);
  CHECK(plan_csv(read_plan(path.string())) == plan_csv(a));
}
