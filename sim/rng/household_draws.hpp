#pragma once
// The random draws of one household in one month. One Philox block (four 64-bit words) holds
// every chance decision of the household phases (docs/ODD.md sections 7.3 to 7.6): the income shock
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

// The household's yes/no decisions, each declared by its submodel (PARTYSIM_DECISION in its .def,
// listed in model/submodels.def) with a fixed slot, 0 to 5: slot k is the low (k even) or high
// (k odd) 32-bit half of word 1 + k / 2. A slot, once given, keeps its decision: a new decision
// takes a free slot, so no other decision's draws shift.
inline constexpr int kDecisionSlots = 6;
constexpr bool decision_slots_distinct() {
  bool used[kDecisionSlots] = {};
  for (int slot : {
#define PARTYSIM_DECISION(name, slot) slot,
#include "model/submodels.def"
       }) {
    if (slot < 0 || slot >= kDecisionSlots || used[slot]) return false;
    used[slot] = true;
  }
  return true;
}
static_assert(decision_slots_distinct(),
              "each decision needs its own slot, 0 to 5 (a seventh needs a block of its own key)");

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
  // The 32-bit word of each decision (bernoulli32): catch_large() etc.
#define PARTYSIM_DECISION(name, slot) \
  std::uint32_t name() const { return half_word(slot); }
#include "model/submodels.def"

 private:
  std::uint64_t word(int k) const {
    if (!drawn_) {
      words_ = rng_->words(Purpose::household_month, household_, month_);
      drawn_ = true;
    }
    return words_[k];
  }
  std::uint32_t half_word(int k) const {
    return static_cast<std::uint32_t>(word(1 + k / 2) >> (k % 2 * 32));
  }

  const KeyedRng* rng_;
  std::uint64_t household_;
  std::int64_t month_;
  mutable std::array<std::uint64_t, 4> words_{};
  mutable bool drawn_ = false;
};

}  // namespace partysim
