#pragma once
// Parallel loops over households and cells (oneTBB). The work of one index never depends on how
// the range is split, so results do not depend on the number of threads.
#include <cstddef>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "model/cells.hpp"

namespace partysim {

template <class F>
void for_each_index(std::size_t count, std::size_t grain, F&& body) {
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, count, grain),
                            [&](const oneapi::tbb::blocked_range<std::size_t>& r) {
                              for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
                            });
}

inline constexpr std::size_t kHouseholdGrain = 2048;
inline constexpr std::size_t kCellGrain = 32;

// body(i, cell) for every household, cell by cell (households of a cell are contiguous), so that
// per-cell state is looked up once per cell rather than by a division per household.
template <class F>
void for_each_household_by_cell(const Cells& cells, F&& body) {
  for_each_index(cells.size(), kCellGrain, [&](std::size_t cell) {
    const std::size_t end = cells.end(cell);
    for (std::size_t i = cells.first(cell); i < end; ++i) body(i, cell);
  });
}

}  // namespace partysim
