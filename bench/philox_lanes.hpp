#pragma once
// Philox4x32-10 for 32 counters at once (AVX2: four vectors of eight): what random numbers in
// lanes would cost, the first of the changes docs/performance.md ("Targets") says would move the
// 2-core limit. The model does not use it (its streams are Philox4x64-10); the bench checks it
// against Random123's scalar Philox4x32-10 before timing it, so the number it reports is that
// of a correct generator.
#include <array>
#include <cstdint>

namespace partysim::bench {

inline constexpr int kPhiloxLanes = 32;
// Word k of the results, one lane per counter.
using PhiloxLaneWords = std::array<std::array<std::uint32_t, kPhiloxLanes>, 4>;

// Whether this processor has AVX2 (without it the lanes cannot be measured).
bool philox_lanes_supported();

// The Philox4x32-10 blocks of counters {first + lane, month, 0, 0}, lane = 0..31, under `key`.
PhiloxLaneWords philox4x32_lanes(std::array<std::uint32_t, 2> key, std::uint32_t first,
                                 std::uint32_t month);

}  // namespace partysim::bench
