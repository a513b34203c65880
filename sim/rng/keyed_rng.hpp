#pragma once
// Keyed random draws: every draw is a pure function of (run seed, purpose, index, month), made
// with Random123's Philox4x64-10 counter-based generator. No generator state is carried between
// draws, so results do not depend on the order in which households are visited or on the number
// of threads, and one process's draws never shift another's.
#include <Random123/philox.h>

#include <array>
#include <cstdint>

namespace partysim {

// One purpose per kind of decision; adding a purpose never changes the draws of another.
// Numbers are fixed: a retired purpose keeps its number unused.
enum class Purpose : std::uint64_t {
  songbun = 1,
  skill = 2,
  risk_aversion = 3,
  initial_wealth = 4,
  initial_membership = 5,
  ties = 6,
  household_month = 7,  // every chance decision of a household's month (household_draws.hpp)
  // 8 to 13 were separate draws for catches, expulsion, purges, applications and withdrawals
  cadre_retire = 14,
  cadre_draw = 15,
  turnover = 16,  // keyed by cell: the gaps between dissolutions (demography.cpp)
  admission_budget = 17,
  derived_seed = 18,  // seeds of replicates, derived from a run or sweep seed
  sweep_design = 19,  // sampling designs (Latin hypercube permutations, Morris trajectories)
  shakedown = 20,     // keyed by groups of four households (extortion.cpp)
};

// Four 64-bit random words for one (purpose, index, month, block) key.
class KeyedRng {
 public:
  explicit KeyedRng(std::uint64_t seed) : seed_(seed) {}

  // `month` is the simulated month t (0-based); initialisation uses kBirthMonth. `block` lets
  // one decision use more than four words (e.g. drawing several ties).
  std::array<std::uint64_t, 4> words(Purpose purpose, std::uint64_t index, std::int64_t month,
                                     std::uint64_t block = 0) const {
    using Philox = r123::Philox4x64;
    const Philox::key_type key = {{seed_, static_cast<std::uint64_t>(purpose)}};
    const Philox::ctr_type counter = {
        {index, static_cast<std::uint64_t>(month - kBirthMonth), block, 0}};
    const Philox::ctr_type out = Philox()(counter, key);
    return {out[0], out[1], out[2], out[3]};
  }
  // Four 32-bit random words for one (purpose, index, month) key, from Philox4x32-10: a third of
  // the cost of words() where a decision needs only one 32-bit word, so that one call serves four
  // households (the shakedown, the one chance decision every trader makes in its own phase).
  // `index` < 2^32.
  std::array<std::uint32_t, 4> words32(Purpose purpose, std::uint64_t index,
                                       std::int64_t month) const {
    using Philox = r123::Philox4x32;
    const Philox::key_type key = {
        {static_cast<std::uint32_t>(seed_), static_cast<std::uint32_t>(seed_ >> 32)}};
    const Philox::ctr_type counter = {
        {static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(month - kBirthMonth),
         static_cast<std::uint32_t>(purpose), 0}};
    const Philox::ctr_type out = Philox()(counter, key);
    return {out[0], out[1], out[2], out[3]};
  }

  // A single uniform on (0, 1) for the decision.
  double uniform(Purpose purpose, std::uint64_t index, std::int64_t month) const;

  std::uint64_t seed() const { return seed_; }

  // The "month" of draws made when the population is created, before t = 0.
  static constexpr std::int64_t kBirthMonth = -1;

 private:
  std::uint64_t seed_;
};

// The seed of replicate `stream` of a run or sweep with seed `seed` (0 to 2^53 - 1).
inline std::uint64_t derived_seed(std::uint64_t seed, std::uint64_t stream) {
  return KeyedRng(seed).words(Purpose::derived_seed, stream, 0)[0] >> 11;
}

}  // namespace partysim
