#include "philox_lanes.hpp"

#include <immintrin.h>

namespace partysim::bench {

bool philox_lanes_supported() { return __builtin_cpu_supports("avx2"); }

namespace {
// hi and lo halves of m x x for eight 32-bit lanes: AVX2 multiplies the even lanes (32 x 32 ->
// 64 bits) in one instruction, the odd ones shifted down in another.
[[gnu::target("avx2"), gnu::always_inline]] inline void mulhilo(__m256i m, __m256i x, __m256i& hi,
                                                                  __m256i& lo) {
  const __m256i even = _mm256_mul_epu32(x, m);
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m);
  lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}
}  // namespace

// Random123's philox4x32 round, lane by lane, with the key bumped between rounds. The rounds of
// one vector form a chain of dependent multiplies; four independent vectors side by side keep
// the multiplier busy while each waits for its own.
[[gnu::target("avx2")]] PhiloxLaneWords philox4x32_lanes(std::array<std::uint32_t, 2> key,
                                                          std::uint32_t first,
                                                          std::uint32_t month) {
  constexpr int kVectors = kPhiloxLanes / 8;
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(0xD2511F53u));
  const __m256i m1 = _mm256_set1_epi32(static_cast<int>(0xCD9E8D57u));
  __m256i r0[kVectors], r1[kVectors], r2[kVectors], r3[kVectors];
  for (int v = 0; v < kVectors; ++v) {
    r0[v] = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(first + 8 * v)),
                             _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    r1[v] = _mm256_set1_epi32(static_cast<int>(month));
    r2[v] = _mm256_setzero_si256();
    r3[v] = _mm256_setzero_si256();
  }
  for (int round = 0; round < 10; ++round) {
    const __m256i k0 = _mm256_set1_epi32(static_cast<int>(key[0]));
    const __m256i k1 = _mm256_set1_epi32(static_cast<int>(key[1]));
    for (int v = 0; v < kVectors; ++v) {
      __m256i hi0, lo0, hi1, lo1;
      mulhilo(m0, r0[v], hi0, lo0);
      mulhilo(m1, r2[v], hi1, lo1);
      r0[v] = _mm256_xor_si256(_mm256_xor_si256(hi1, r1[v]), k0);
      r1[v] = lo1;
      r2[v] = _mm256_xor_si256(_mm256_xor_si256(hi0, r3[v]), k1);
      r3[v] = lo0;
    }
    key[0] += 0x9E3779B9u;
    key[1] += 0xBB67AE85u;
  }
  PhiloxLaneWords out;
  for (int v = 0; v < kVectors; ++v) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[0].data() + 8 * v), r0[v]);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[1].data() + 8 * v), r1[v]);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[2].data() + 8 * v), r2[v]);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[3].data() + 8 * v), r3[v]);
  }
  return out;
}

}  // namespace partysim::bench
