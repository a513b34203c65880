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

// The household's yes/no decisions of a month, each with its own 32-bit half of words 1 to 3 in
// the order of this list; adding one is one line (one half-word is free). Apply and withdraw
// share one: a household may do at most one of them in a month.
#define PARTYSIM_HOUSEHOLD_DECISIONS(X) \
  X(catch_large)                        \
  X(catch_absence)                      \
  X(expel_if_caught)                    \
  X(purge)                              \
  X(apply_or_withdraw)

class HouseholdDraws {
  enum class Decision : int {
#define PARTYSIM_DECISION(name) name,
    PARTYSIM_HOUSEHOLD_DECISIONS(PARTYSIM_DECISION)
#undef PARTYSIM_DECISION
    count
  };
  static_assert(static_cast<int>(Decision::count) <= 6,
                "words 1 to 3 hold six decisions: a seventh needs a second block of its own key");

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
  // 32-bit words for the yes/no decisions (bernoulli32), one per decision of the list above.
#define PARTYSIM_DECISION_WORD(name) \
  std::uint32_t name() const { return half_word(Decision::name); }
  PARTYSIM_HOUSEHOLD_DECISIONS(PARTYSIM_DECISION_WORD)
#undef PARTYSIM_DECISION_WORD

 private:
  std::uint64_t word(int k) const {
    if (!drawn_) {
      words_ = rng_->words(Purpose::household_month, household_, month_);
      drawn_ = true;
    }
    return words_[k];
  }
  // Decision k takes the low (k even) or high (k odd) half of word 1 + k / 2.
  std::uint32_t half_word(Decision decision) const {
    const int k = static_cast<int>(decision);
    return static_cast<std::uint32_t>(word(1 + k / 2) >> (k % 2 * 32));
  }

  const KeyedRng* rng_;
  std::uint64_t household_;
  std::int64_t month_;
  mutable std::array<std::uint64_t, 4> words_{};
  mutable bool drawn_ = false;
};

}  // namespace partysim
