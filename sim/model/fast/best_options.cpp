// The rule's templates are instantiated here for lanes: vectors never cross a call (search() is
// flattened), so the ABI of passing them does not matter.
#pragma GCC diagnostic ignored "-Wpsabi"
#include "model/fast/best_options.hpp"

#include <cstdint>
#include <cstring>
#include <limits>

namespace partysim {

namespace {
// Four households side by side, with GCC's vector extensions: SSE2 on any x86-64, AVX2 where the
// clone of search() for it is chosen at load time. Each lane does the operations value_of() does
// for a double, in the same order, and neither target has fused multiply-add instructions (AVX2
// does not imply FMA), so its numbers are those of one household, on any machine.
using Lanes = double __attribute__((vector_size(kChoiceLanes * sizeof(double))));
using LaneMask = std::int64_t __attribute__((vector_size(kChoiceLanes * sizeof(std::int64_t))));

Lanes load(const std::array<double, kChoiceLanes>& values) {
  Lanes lanes;
  std::memcpy(&lanes, values.data(), sizeof lanes);
  return lanes;
}
void store(const Lanes& lanes, std::array<double, kChoiceLanes>& values) {
  std::memcpy(values.data(), &lanes, sizeof lanes);
}

// What the search keeps of an option, in lanes.
struct LaneValue : ValueOf<Lanes> {
  LaneMask option{};
};

// The choosers of `menu`, in lanes.
ChooserOf<Lanes> load(const OptionMenu& menu, const ChooserLanes& choosers) {
  return {load(choosers.skill),        load(choosers.risk_aversion),
          load(choosers.wealth),       menu.party_duties,
          false,  // skip deals: on the menu or not
          load(choosers.surveillance), load(choosers.expulsion_loss)};
}

// Keeps `candidate` where it is better than `best` (and `allowed`): ties keep the earlier.
void keep_better(LaneValue& best, const ValueOf<Lanes>& candidate, WorkOption option,
                 const LaneMask& allowed) {
  const LaneMask better = allowed & (candidate.net > best.net);
  best.net = better ? candidate.net : best.net;
  best.enforcement_cost = better ? candidate.enforcement_cost : best.enforcement_cost;
  best.option = better ? std::int64_t{option.code()} : best.option;
}

// The clone is picked by an ifunc resolver, which runs while the program is being relocated,
// before a sanitizer's runtime has started; under ThreadSanitizer it crashes. Sanitizer builds
// keep the portable version only (and so test it against best_option()).
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define PARTYSIM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define PARTYSIM_SANITIZED 1
#endif
#endif
// flatten: the rule and its helpers are inlined into each clone, so the AVX2 one runs them on
// AVX2 registers instead of calling the portable instantiation.
#ifndef PARTYSIM_SANITIZED
__attribute__((target_clones("avx2", "default")))
#endif
__attribute__((flatten)) void search(const MonthContext& c, const OptionMenu& menu,
                                     const ChooserLanes& choosers, BestOptions& result) {
  const ChooserOf<Lanes> who = load(menu, choosers);
  const LaneMask all = ~LaneMask{};
  const double legal = c[P::legal_size];
  LaneValue best;
  best.net = Lanes{} - std::numeric_limits<double>::infinity();
  for (int k = 0; k < menu.count; ++k) {
    const OptionTerms& item = menu.items[k];
    // The menu's options are at full scale; said here, the rule's test for capping folds away.
    const WorkOption full{item.option.job, item.option.party, false};
    const Lanes size = who.skill * item.market_time;
    keep_better(best, value_of(c, who, full, size, item.wage, item.fees), full, all);
    // The capped twin (at exactly the legal size, never large) counts only where capping changes
    // something: where the full business is large. Where no lane's is, it changes nothing.
    const LaneMask large = size > legal;
    if (!any(large)) continue;
    const WorkOption capped{item.option.job, item.option.party, true};
    keep_better(best, value_of(c, who, capped, Lanes{} + legal, item.wage, item.fees), capped,
                large);
  }
  store(best.net, result.net);
  store(best.enforcement_cost, result.enforcement_cost);
  for (int k = 0; k < kChoiceLanes; ++k)
    result.option[k] = static_cast<std::uint8_t>(best.option[k]);
}

#ifndef PARTYSIM_SANITIZED
__attribute__((target_clones("avx2", "default")))
#endif
__attribute__((flatten)) void evaluate_costs(const MonthContext& c, const OptionMenu& menu,
                                             const ChooserLanes& choosers,
                                             const std::array<std::uint8_t, kChoiceLanes>& options,
                                             std::array<double, kChoiceLanes>& result) {
  const ChooserOf<Lanes> who = load(menu, choosers);
  LaneMask option{};
  for (int k = 0; k < kChoiceLanes; ++k) option[k] = options[k];
  Lanes cost{};
  // Each option of the menu that some lane holds is evaluated for all four lanes and kept where
  // it is that lane's: most groups of four hold one or two options.
  for (int k = 0; k < menu.count; ++k) {
    const OptionTerms& item = menu.items[k];
    for (const bool capped : {false, true}) {
      const WorkOption held{item.option.job, item.option.party, capped};
      const LaneMask mine = option == std::int64_t{held.code()};
      if (!any(mine)) continue;
      // A capped twin is held only where the full-scale business is large: its size is then
      // exactly the legal size (business_shape()).
      const Lanes size = capped ? Lanes{} + c[P::legal_size] : who.skill * item.market_time;
      cost = mine ? value_of(c, who, held, size, item.wage, item.fees).enforcement_cost : cost;
    }
  }
  store(cost, result);
}
}  // namespace

std::array<double, kChoiceLanes> enforcement_costs(
    const MonthContext& c, const OptionMenu& menu, const ChooserLanes& who,
    const std::array<std::uint8_t, kChoiceLanes>& options) {
  std::array<double, kChoiceLanes> result;
  evaluate_costs(c, menu, who, options, result);
  return result;
}

BestOptions best_options(const MonthContext& c, const OptionMenu& menu, const ChooserLanes& who) {
  BestOptions result;
  search(c, menu, who, result);
  return result;
}

}  // namespace partysim
