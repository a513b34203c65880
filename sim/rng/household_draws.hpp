#pragma once
// The random draws of one household in one month. One Philox block (four 64-bit words) holds
// every chance decision of the household phases (MODEL.md sections 5 to 7): the income shock
// takes word 0 (a ziggurat normal, whose rare slow path reads further blocks of the same key),
// and each yes/no decision takes its own 32-bit half of words 1 to 3. The words are a pure
// function of (seed, household, month), so each phase computes them when it needs them and all
// see the same numbers: the income phase's one call serves the shock, both catches and the
// expulsion. The call is made on first use: a household that decides nothing by chance in a
// phase costs none there.
#include <array>
#include <cstdint>

#include "rng/keyed_rng.hpp"
#include "rng/samplers.hpp"
#include "rng/ziggurat.hpp"

namespace partysim {

class HouseholdDraws {
 public:
  HouseholdDraws(const KeyedRng& rng, std::uint64_t household, std::int64_t month)
      : rng_(&rng), household_(household), month_(month) {}

  // The standard normal behind the income shock.
  double income_normal() const {
    std::uint64_t block = 1;
    int next = 4;
    std::array<std::uint64_t, 4> more{};
    return ziggurat_normal(word(0), [&] {
      if (next == 4) {
        more = rng_->words(Purpose::household_month, household_, month_, block++);
        next = 0;
      }
      return more[next++];
    });
  }
  // 32-bit words for the yes/no decisions (bernoulli32). Apply and withdraw share one: a
  // household may do at most one of them in a month.
  std::uint32_t catch_large() const { return low(1); }
  std::uint32_t catch_absence() const { return high(1); }
  std::uint32_t expel_if_caught() const { return low(2); }
  std::uint32_t purge() const { return high(2); }
  std::uint32_t apply_or_withdraw() const { return low(3); }

 private:
  std::uint64_t word(int k) const {
    if (!drawn_) {
      words_ = rng_->words(Purpose::household_month, household_, month_);
      drawn_ = true;
    }
    return words_[k];
  }
  std::uint32_t low(int k) const { return static_cast<std::uint32_t>(word(k)); }
  std::uint32_t high(int k) const { return static_cast<std::uint32_t>(word(k) >> 32); }

  const KeyedRng* rng_;
  std::uint64_t household_;
  std::int64_t month_;
  mutable std::array<std::uint64_t, 4> words_{};
  mutable bool drawn_ = false;
};

}  // namespace partysim
