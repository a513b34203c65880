#include <catch2/catch.hpp>
#include <cstddef>
#include <random>
#include <vector>

#include "model/parallel.hpp"

using namespace partysim;

TEST_CASE("for_each_where visits exactly the selected indices, in order", "[parallel]") {
  // Ranges shorter than a batch, of whole batches and between, with sparse and dense selections.
  std::mt19937 random(7);
  for (const std::size_t first : {std::size_t{0}, std::size_t{3}}) {
    for (const std::size_t size : {0, 1, 255, 256, 257, 1000}) {
      for (const double share : {0.0, 0.18, 1.0}) {
        std::bernoulli_distribution pick(share);
        std::vector<char> selected(first + size);
        for (char& s : selected) s = pick(random);
        std::vector<std::size_t> expected, visited;
        for (std::size_t i = first; i < first + size; ++i)
          if (selected[i]) expected.push_back(i);
        for_each_where(
            first, first + size, [&](std::size_t i) { return selected[i] != 0; },
            [&](std::size_t i) { visited.push_back(i); });
        INFO("first " << first << ", size " << size << ", share " << share);
        CHECK(visited == expected);
      }
    }
  }
}

TEST_CASE("for_each_index_where visits each selected index once, in parallel", "[parallel]") {
  const std::size_t count = 100000;
  std::vector<char> visits(count, 0);
  for_each_index_where(
      count, kHouseholdGrain, [](std::size_t i) { return i % 7 == 3; },
      [&](std::size_t i) { ++visits[i]; });  // each index is visited by one task only
  for (std::size_t i = 0; i < count; ++i) {
    INFO("index " << i);
    REQUIRE(visits[i] == (i % 7 == 3 ? 1 : 0));
  }
}
