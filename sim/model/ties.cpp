#include "model/ties.hpp"

#include <algorithm>
#include <oneapi/tbb/parallel_for.h>

#include "rng/samplers.hpp"

namespace partysim {

namespace {
// Draws `count` distinct households from [first, end) other than `self`, into `out`. Each
// attempt k is its own keyed draw, so the result depends only on (seed, i, k).
void draw_distinct(std::size_t self, std::size_t first, std::size_t end, int count,
                   const KeyedRng& rng, std::uint64_t block_base, std::uint32_t* out) {
  int drawn = 0;
  for (std::uint64_t attempt = 0; drawn < count; ++attempt) {
    const auto words = rng.words(Purpose::ties, self, KeyedRng::kBirthMonth, block_base + attempt);
    for (std::uint64_t word : words) {
      const std::size_t candidate = first + uniform_index(end - first, word);
      if (candidate == self || std::find(out, out + drawn, candidate) != out + drawn) continue;
      out[drawn++] = static_cast<std::uint32_t>(candidate);
      if (drawn == count) break;
    }
  }
}
}  // namespace

Ties build_ties(const Cells& cells, int in_cell, int anywhere, const KeyedRng& rng) {
  const std::size_t n = cells.household_count;
  Ties ties;
  ties.offsets.assign(n + 1, 0);
  auto in_cell_count = [&](std::size_t i) {
    const std::size_t c = cells.cell_of(i);
    return static_cast<int>(std::min<std::size_t>(in_cell, cells.end(c) - cells.first(c) - 1));
  };
  auto anywhere_count = [&](std::size_t) {
    return static_cast<int>(std::min<std::size_t>(anywhere, n > 1 ? n - 1 : 0));
  };
  for (std::size_t i = 0; i < n; ++i)
    ties.offsets[i + 1] = ties.offsets[i] + in_cell_count(i) + anywhere_count(i);
  ties.neighbours.resize(ties.offsets[n]);
  oneapi::tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    const std::size_t c = cells.cell_of(i);
    std::uint32_t* row = ties.neighbours.data() + ties.offsets[i];
    const int local = in_cell_count(i);
    draw_distinct(i, cells.first(c), cells.end(c), local, rng, 0, row);
    // Ties anywhere use a separate block range; they may coincide with a cell tie (rare), which
    // simply weighs that neighbour twice.
    draw_distinct(i, 0, n, anywhere_count(i), rng, 1u << 20, row + local);
  });
  return ties;
}

}  // namespace partysim
