#pragma once
// Parallel loops over households and cells (oneTBB). The work of one index never depends on how
// the range is split, so results do not depend on the number of threads.
#include <algorithm>
#include <array>
#include <cstddef>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

namespace partysim {

// body(i) for each i in [first, end) where selected(i), in index order. A test that households
// pass at random (members among the others) is mispredicted by the processor so often that it can
// cost as much as the work it guards: the indices that pass are listed first, without a branch,
// a batch at a time, and then worked through.
template <class Selected, class F>
void for_each_where(std::size_t first, std::size_t end, Selected&& selected, F&& body) {
  constexpr std::size_t kBatch = 256;
  std::array<std::size_t, kBatch> passed;
  for (std::size_t begin = first; begin < end; begin += kBatch) {
    const std::size_t stop = std::min(begin + kBatch, end);
    std::size_t count = 0;
    for (std::size_t i = begin; i < stop; ++i) {
      passed[count] = i;
      count += static_cast<bool>(selected(i));
    }
    for (std::size_t k = 0; k < count; ++k) body(passed[k]);
  }
}

template <class F>
void for_each_index(std::size_t count, std::size_t grain, F&& body) {
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, count, grain),
                            [&](const oneapi::tbb::blocked_range<std::size_t>& r) {
                              for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
                            });
}

// for_each_index() over the indices where selected(i) (for_each_where()).
template <class Selected, class F>
void for_each_index_where(std::size_t count, std::size_t grain, Selected&& selected, F&& body) {
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, count, grain),
                            [&](const oneapi::tbb::blocked_range<std::size_t>& r) {
                              for_each_where(r.begin(), r.end(), selected, body);
                            });
}

inline constexpr std::size_t kHouseholdGrain = 2048;
inline constexpr std::size_t kCellGrain = 32;

}  // namespace partysim
