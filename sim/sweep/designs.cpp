#include "sweep/designs.hpp"

#include <boost/random/sobol.hpp>
#include <numeric>

#include "rng/samplers.hpp"

namespace partysim {

namespace {
// A keyed permutation of 0..n-1 (Fisher-Yates), stream `stream`.
std::vector<int> permutation(int n, std::uint64_t stream, const KeyedRng& rng) {
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  for (int k = n - 1; k > 0; --k) {
    const auto word = rng.words(Purpose::sweep_design, stream, k)[0];
    std::swap(order[k], order[uniform_index(static_cast<std::uint64_t>(k) + 1, word)]);
  }
  return order;
}
}  // namespace

Matrix latin_hypercube(int n, int d, const KeyedRng& rng) {
  Matrix points(n, std::vector<double>(d));
  for (int j = 0; j < d; ++j) {
    const auto strata = permutation(n, static_cast<std::uint64_t>(j), rng);
    for (int i = 0; i < n; ++i) {
      const double within = uniform_open(rng.words(Purpose::sweep_design, 1000000 + j, i)[0]);
      points[i][j] = (strata[i] + within) / n;
    }
  }
  return points;
}

Matrix sobol_points(int n, int d, long long first, const std::vector<std::uint64_t>& shift) {
  boost::random::sobol_engine<std::uint64_t, 64> engine(static_cast<std::size_t>(d));
  engine.discard(static_cast<std::uintmax_t>(first - 1) * static_cast<std::uintmax_t>(d));
  Matrix points(n, std::vector<double>(d));
  for (auto& point : points)
    for (int j = 0; j < d; ++j) {
      const std::uint64_t bits = engine() ^ (shift.empty() ? 0 : shift[j]);
      point[j] = static_cast<double>(bits >> 11) * 0x1.0p-53;
    }
  return points;
}

long long sobol_skip(int n) {
  long long skip = 2;
  while (skip < n) skip *= 2;
  return skip;
}

Matrix saltelli(int n, int d, const KeyedRng* scramble) {
  std::vector<std::uint64_t> shift;
  if (scramble)
    for (int j = 0; j < 2 * d; ++j) shift.push_back(scramble->words(Purpose::sweep_design, 4000000, j)[0]);
  const Matrix base = sobol_points(n, 2 * d, sobol_skip(n), shift);
  Matrix rows;
  rows.reserve(static_cast<std::size_t>(n) * (2 * d + 2));
  for (const auto& point : base) {
    const std::vector<double> a(point.begin(), point.begin() + d);
    const std::vector<double> b(point.begin() + d, point.end());
    rows.push_back(a);
    for (int j = 0; j < d; ++j) {
      auto ab = a;
      ab[j] = b[j];
      rows.push_back(ab);
    }
    for (int j = 0; j < d; ++j) {
      auto ba = b;
      ba[j] = a[j];
      rows.push_back(ba);
    }
    rows.push_back(b);
  }
  return rows;
}

Matrix morris_trajectories(int r, int d, int levels, const KeyedRng& rng) {
  const double step = 1.0 / (levels - 1);
  const double delta = levels / (2.0 * (levels - 1));
  // Base levels k with k * step + delta <= 1.
  const int base_levels = static_cast<int>(std::floor((1.0 - delta) / step + 1e-9)) + 1;
  Matrix rows;
  for (int t = 0; t < r; ++t) {
    const std::uint64_t stream = 2000000 + static_cast<std::uint64_t>(t);
    std::vector<double> x(d);
    std::vector<double> sign(d);
    for (int j = 0; j < d; ++j) {
      const auto words = rng.words(Purpose::sweep_design, stream, j);
      const double base = static_cast<double>(uniform_index(base_levels, words[0])) * step;
      const bool up = (words[1] & 1) == 0;
      sign[j] = up ? 1.0 : -1.0;
      x[j] = up ? base : base + delta;
    }
    rows.push_back(x);
    for (int j : permutation(d, 3000000 + static_cast<std::uint64_t>(t), rng)) {
      x[j] += sign[j] * delta;
      rows.push_back(x);
    }
  }
  return rows;
}

DesignPoints expand_design(const SweepSpec& spec) {
  DesignPoints points;
  const int d = static_cast<int>(spec.varied.size());
  const KeyedRng rng(static_cast<std::uint64_t>(spec.seed));
  switch (spec.design) {
    case Design::grid: {
      // Cartesian product, the first parameter varying slowest.
      std::vector<std::size_t> index(d, 0);
      for (;;) {
        std::vector<double> row(d);
        for (int j = 0; j < d; ++j) row[j] = spec.varied[j].values[index[j]];
        points.values.push_back(row);
        int j = d - 1;
        while (j >= 0 && ++index[j] == spec.varied[j].values.size()) index[j--] = 0;
        if (j < 0) break;
      }
      return points;
    }
    case Design::list: {
      for (std::size_t k = 0; k < spec.varied.front().values.size(); ++k) {
        std::vector<double> row(d);
        for (int j = 0; j < d; ++j) row[j] = spec.varied[j].values[k];
        points.values.push_back(row);
      }
      return points;
    }
    case Design::lhs: points.unit = latin_hypercube(spec.samples, d, rng); break;
    case Design::sobol: points.unit = saltelli(spec.samples, d, spec.scramble ? &rng : nullptr); break;
    case Design::morris: points.unit = morris_trajectories(spec.samples, d, spec.levels, rng); break;
  }
  for (const auto& unit : points.unit) {
    std::vector<double> row(d);
    for (int j = 0; j < d; ++j) row[j] = spec.varied[j].at_unit(unit[j]);
    points.values.push_back(row);
  }
  return points;
}

}  // namespace partysim
