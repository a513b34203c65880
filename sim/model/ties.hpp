#pragma once
// Social ties in compressed sparse row form: the households whose opinions household i hears are
// neighbours[offsets[i] .. offsets[i + 1]). Ties are directed (i listens to j), fixed for the run,
// and belong to the household's slot, so a replacement household inherits them.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/cells.hpp"
#include "rng/keyed_rng.hpp"

namespace partysim {

struct Ties {
  std::vector<std::uint64_t> offsets;  // size N + 1
  std::vector<std::uint32_t> neighbours;

  std::size_t degree(std::size_t i) const { return offsets[i + 1] - offsets[i]; }

  // Mean of values[j] over i's neighbours, or `fallback` for a household without ties.
  template <class T>
  double neighbour_mean(std::size_t i, const std::vector<T>& values, double fallback) const {
    const std::uint64_t begin = offsets[i];
    const std::uint64_t end = offsets[i + 1];
    if (begin == end) return fallback;
    double sum = 0;
    for (std::uint64_t k = begin; k < end; ++k) sum += values[neighbours[k]];
    return sum / static_cast<double>(end - begin);
  }

  // Share of i's neighbours whose value is negative, or `fallback` for a household without ties.
  template <class T>
  double neighbour_negative_share(std::size_t i, const std::vector<T>& values,
                                  double fallback) const {
    const std::uint64_t begin = offsets[i];
    const std::uint64_t end = offsets[i + 1];
    if (begin == end) return fallback;
    std::uint64_t negative = 0;
    for (std::uint64_t k = begin; k < end; ++k) negative += values[neighbours[k]] < 0;
    return static_cast<double>(negative) / static_cast<double>(end - begin);
  }

  // Asks the caches for values[j] of i's neighbours ahead of neighbour_mean(i, values, ...).
  // GCC 12 has dropped a variant of this loop that started from the row's end (prefetching only
  // the last ties) without a word, halving the opinion phase's speed: after changing it, check
  // that opinions.cpp.o still holds prefetcht0 (objdump -d).
  template <class T>
  void prefetch(std::size_t i, const std::vector<T>& values) const {
    for (std::uint64_t k = offsets[i]; k < offsets[i + 1]; ++k)
      __builtin_prefetch(&values[neighbours[k]]);
  }
};

// Each household gets min(in_cell, cell members - 1) distinct ties inside its cell and
// `anywhere` ties to other households drawn uniformly (distinct from itself and each other).
Ties build_ties(const Cells& cells, int in_cell, int anywhere, const KeyedRng& rng);

}  // namespace partysim
