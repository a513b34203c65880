#include "model/work_options.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace partysim {

OptionMenu OptionMenu::open_to(const MonthContext& c, bool party_duties, bool can_buy_skips) {
  OptionMenu menu;
  menu.party_duties = party_duties;
  for (Job job : {Job::attend, Job::pay_83, Job::absent}) {
    for (PartyDuty duty : {PartyDuty::attend, PartyDuty::skip_deal}) {
      if (duty == PartyDuty::skip_deal && !(party_duties && can_buy_skips)) continue;
      const WorkOption option{job, party_duties ? duty : PartyDuty::none, false};
      menu.items[menu.count++] = {option, market_time_of(c, option),
                                  wage_of(c, option), option_fees(c, option, party_duties)};
    }
  }
  return menu;
}

namespace {
// Four households side by side, with GCC's vector extensions: SSE2 on any x86-64, AVX2 where the
// clone of search() for it is chosen at load time. Each lane does the operations of
// evaluate_option() in the same order, and neither target has fused multiply-add instructions
// (AVX2 does not imply FMA), so its numbers are those evaluate_option() gives, on any machine;
// tests/model/work_options_test.cpp checks the search against an oracle built from it.
#pragma GCC diagnostic ignored "-Wpsabi"  // vectors never cross a call: the helpers are inlined
using Lanes = double __attribute__((vector_size(kChoiceLanes * sizeof(double))));
using LaneMask = std::int64_t __attribute__((vector_size(kChoiceLanes * sizeof(std::int64_t))));

[[gnu::always_inline]] inline Lanes power(const Lanes& x, double e) {
  if (e == 1.0) return x;
  if (e == 2.0) return x * x;
  Lanes y = x;
  for (int k = 0; k < kChoiceLanes; ++k) y[k] = std::pow(x[k], e);
  return y;
}

[[gnu::always_inline]] inline bool any(const LaneMask& mask) {
  std::int64_t folded = 0;
  for (int k = 0; k < kChoiceLanes; ++k) folded |= mask[k];
  return folded != 0;
}

[[gnu::always_inline]] inline Lanes at_most_one(const Lanes& x) { return x < 1.0 ? x : 1.0; }

[[gnu::always_inline]] inline Lanes load(const std::array<double, kChoiceLanes>& values) {
  Lanes lanes;
  std::memcpy(&lanes, values.data(), sizeof lanes);
  return lanes;
}
[[gnu::always_inline]] inline void store(const Lanes& lanes,
                                         std::array<double, kChoiceLanes>& values) {
  std::memcpy(values.data(), &lanes, sizeof lanes);
}

// ChooserLanes as vectors.
struct ChooserVectors {
  Lanes skill, risk_aversion, wealth, surveillance, expulsion_loss;
  explicit ChooserVectors(const ChooserLanes& who)
      : skill(load(who.skill)), risk_aversion(load(who.risk_aversion)), wealth(load(who.wealth)),
        surveillance(load(who.surveillance)), expulsion_loss(load(who.expulsion_loss)) {}
};

// What the search keeps of an option, in lanes.
struct ValueLanes {
  Lanes net, enforcement_cost, catch_probability;
  LaneMask option;
};

// evaluate_option() in lanes, for an option of the given size, gross income and fees. Where a
// lane's business is not large, its large-business violation has probability 0, which adds an
// exact 0 to the sums and leaves the escape probability at 1, as evaluate_option()'s skipping it
// does (the bribe is finite: the exponents are >= 0). Where no lane's is (always for capped
// twins), the violation is skipped here too.
[[gnu::always_inline]] inline ValueLanes evaluate_lanes(
    const MonthContext& c, const ChooserVectors& who, bool party, WorkOption option,
    const Lanes& size, const LaneMask& large, const Lanes& gross, double fees) {
  const Lanes zero{};
  const double legal = c[P::legal_size];
  const double market_return = c[P::market_return];
  const double factor = party ? c[P::bribe_member_multiplier] : 1.0;
  const Lanes detention_loss = c[P::detention_months] * gross + who.wealth;
  const Lanes expulsion = party ? c[P::expel_if_caught] * who.expulsion_loss : zero;
  ValueLanes value{zero, zero, zero, LaneMask{}};
  Lanes expected_loss = zero;
  Lanes escape = 1.0 + zero;
  auto add_violation = [&](const Lanes& probability, const Lanes& bribe) {
    const Lanes loss = who.wealth >= bribe ? bribe : detention_loss;
    value.enforcement_cost += probability * loss;
    expected_loss += probability * (loss + expulsion);
    escape *= 1.0 - probability;
  };
  if (any(large)) {
    const Lanes ratio = size / legal;
    const Lanes p_large = at_most_one(c[P::crackdown_rate] *
                                      power(ratio, c[P::visibility_exponent]) * who.surveillance *
                                      c.congestion);
    add_violation(large ? p_large : zero, c[P::bribe_large_months] * market_return *
                                              power(ratio, c[P::bribe_size_exponent]) * factor);
  }
  if (option.job == Job::absent)
    add_violation(at_most_one(c[P::absence_detection] * who.surveillance),
                  c[P::bribe_absence_months] * market_return * factor + zero);
  value.catch_probability = 1.0 - escape;
  value.net = gross - fees - (1.0 + who.risk_aversion) * expected_loss;
  value.option = std::int64_t{option.code()} + LaneMask{};
  return value;
}

// Keeps `candidate` where it is better than `best` (and `allowed`): ties keep the earlier.
[[gnu::always_inline]] inline void keep_better(ValueLanes& best, const ValueLanes& candidate,
                                               const LaneMask& allowed) {
  const LaneMask better = allowed & (candidate.net > best.net);
  best.net = better ? candidate.net : best.net;
  best.enforcement_cost = better ? candidate.enforcement_cost : best.enforcement_cost;
  best.catch_probability = better ? candidate.catch_probability : best.catch_probability;
  best.option = better ? candidate.option : best.option;
}

// The clone is picked by an ifunc resolver, which runs while the program is being relocated,
// before a sanitizer's runtime has started; under ThreadSanitizer it crashes. Sanitizer builds
// keep the portable version only (and so test it against the oracle).
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define PARTYSIM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define PARTYSIM_SANITIZED 1
#endif
#endif
#ifndef PARTYSIM_SANITIZED
__attribute__((target_clones("avx2", "default")))
#endif
void search(const MonthContext& c, const OptionMenu& menu, const ChooserLanes& choosers,
            BestOptions& result) {
  const ChooserVectors who(choosers);
  const Lanes zero{};
  const LaneMask all = ~LaneMask{};
  const double legal = c[P::legal_size];
  ValueLanes best{-std::numeric_limits<double>::infinity() + zero, zero, zero, LaneMask{}};
  for (int k = 0; k < menu.count; ++k) {
    const OptionMenu::Item& item = menu.items[k];
    const Lanes size = who.skill * item.market_time;
    const LaneMask large = size > legal;
    const Lanes gross = c[P::market_return] * size + item.wage;
    keep_better(best, evaluate_lanes(c, who, menu.party_duties, item.option, size, large, gross,
                                     item.fees), all);
    // The capped twin (at exactly the legal size, never large) counts only where capping changes
    // something: where the full business is large. Where no lane's is, it changes nothing.
    if (!any(large)) continue;
    WorkOption capped = item.option;
    capped.capped = true;
    const double capped_gross = c[P::market_return] * legal + item.wage;
    keep_better(best, evaluate_lanes(c, who, menu.party_duties, capped, legal + zero, LaneMask{},
                                     capped_gross + zero, item.fees), large);
  }
  store(best.net, result.net);
  store(best.enforcement_cost, result.enforcement_cost);
  store(best.catch_probability, result.catch_probability);
  for (int k = 0; k < kChoiceLanes; ++k)
    result.option[k] = static_cast<std::uint8_t>(best.option[k]);
}
}  // namespace

BestOptions best_options(const MonthContext& c, const OptionMenu& menu, const ChooserLanes& who) {
  BestOptions result;
  search(c, menu, who, result);
  return result;
}

OptionValue best_option(const MonthContext& c, const Chooser& who) {
  const OptionMenu menu = OptionMenu::open_to(c, who.party_duties, who.can_buy_skips);
  ChooserLanes lanes;
  for (int k = 0; k < kChoiceLanes; ++k) lanes.set(k, who);
  return best_options(c, menu, lanes)[0];
}

}  // namespace partysim
