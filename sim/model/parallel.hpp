#pragma once
// Parallel loops over households and cells (oneTBB). The work of one index never depends on how
// the range is split, so results do not depend on the number of threads.
#include <cstddef>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

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

}  // namespace partysim
