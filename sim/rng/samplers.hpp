#pragma once
// The project's own samplers: the same bits give the same numbers with any standard library
// (std::*_distribution does not promise that). Pinned by golden-value tests.
#include <cmath>
#include <cstdint>

namespace partysim {

// Uniform on the open interval (0, 1) from the top 53 bits of a word.
inline double uniform_open(std::uint64_t word) {
  return (static_cast<double>(word >> 11) + 0.5) * 0x1.0p-53;
}

// A standard normal from two words (Box-Muller, cosine branch).
inline double standard_normal(std::uint64_t word1, std::uint64_t word2) {
  const double radius = std::sqrt(-2.0 * std::log(uniform_open(word1)));
  return radius * std::cos(2.0 * M_PI * uniform_open(word2));
}

// LogNormal with the given median and log-sd.
inline double lognormal_median(double median, double sigma, std::uint64_t word1,
                               std::uint64_t word2) {
  return median * std::exp(sigma * standard_normal(word1, word2));
}


inline bool bernoulli(double probability, std::uint64_t word) {
  return uniform_open(word) < probability;
}

// The same from a 32-bit word: probabilities are resolved to 2^-32 (about 2.3e-10), far below
// any hazard the model uses, and one 64-bit word serves two decisions.
inline bool bernoulli32(double probability, std::uint32_t word) {
  return (static_cast<double>(word) + 0.5) * 0x1.0p-32 < probability;
}

// LogNormal with mean 1 and log-sd sigma from a standard normal z (income shocks).
inline double lognormal_mean_one(double sigma, double z) {
  return std::exp(sigma * z - 0.5 * sigma * sigma);
}

// Uniform integer in [0, n) (n >= 1) by multiply-shift; its bias is below 2^-32 for n < 2^32.
inline std::uint64_t uniform_index(std::uint64_t n, std::uint64_t word) {
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(word) * n) >> 64);
}

}  // namespace partysim
