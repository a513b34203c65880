#include "primitive_costs.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "model/fast/best_options.hpp"
#include "model/month_context.hpp"
#include "params/scenario.hpp"
#include "philox_lanes.hpp"
#include "rng/household_draws.hpp"
#include "rng/keyed_rng.hpp"
#include "rng/samplers.hpp"

namespace partysim::bench {

namespace {
using Clock = std::chrono::steady_clock;

// The best of five timings of `body(k)` for k = 0 .. n - 1, in ns per call. Each result feeds a
// sum that is kept, so the compiler cannot drop the work.
template <class Body>
double ns_per_call(int n, Body body) {
  double best = 1e300;
  volatile double keep = 0;
  for (int repeat = 0; repeat < 5; ++repeat) {
    double sum = 0;
    const auto start = Clock::now();
    for (int k = 0; k < n; ++k) sum += body(k);
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
    keep = keep + sum;
  }
  return best / n * 1e9;
}
}  // namespace

std::vector<PrimitiveCost> measure_primitive_costs() {
  const int n = 2000000;
  const KeyedRng rng(1);
  std::vector<PrimitiveCost> costs;
  costs.push_back({"Philox4x64-10 (KeyedRng::words)", ns_per_call(n, [&](int k) {
                     return static_cast<double>(rng.words(Purpose::household_month, k, 3)[0] >> 11);
                   }), "call (4 words)"});
  // Random numbers in lanes (docs/performance.md, "Targets"): Philox4x32-10, 128 bits per
  // counter, one counter at a time and 32 at a time.
  using Philox32 = r123::Philox4x32;
  const std::array<std::uint32_t, 2> key{1, static_cast<std::uint32_t>(Purpose::household_month)};
  auto scalar32 = [&](std::uint32_t counter, std::uint32_t month) {
    return Philox32()({{counter, month, 0, 0}}, {{key[0], key[1]}});
  };
  costs.push_back({"Philox4x32-10, one counter", ns_per_call(n, [&](int k) {
                     return static_cast<double>(scalar32(static_cast<std::uint32_t>(k), 3)[0]);
                   }), "call (4 words of 32 bits)"});
  if (philox_lanes_supported()) {
    for (std::uint32_t first = 0; first < 8000; first += kPhiloxLanes) {
      const PhiloxLaneWords lanes = philox4x32_lanes(key, first, 3);
      for (int lane = 0; lane < kPhiloxLanes; ++lane) {
        const auto expected = scalar32(first + lane, 3);
        for (int w = 0; w < 4; ++w)
          if (lanes[w][lane] != expected[w])
            throw std::logic_error("bench: Philox4x32-10 in lanes differs from Random123's");
      }
    }
    costs.push_back({"Philox4x32-10, 32 counters (AVX2)",
                     ns_per_call(n / kPhiloxLanes, [&](int k) {
                       const PhiloxLaneWords w = philox4x32_lanes(
                           key, static_cast<std::uint32_t>(k * kPhiloxLanes), 3);
                       return static_cast<double>(w[0][0] ^ w[3][kPhiloxLanes - 1]);
                     }) / kPhiloxLanes,
                     "counter (4 words of 32 bits)"});
  }
  std::vector<std::uint64_t> words(n);
  for (int k = 0; k < n; ++k) words[k] = rng.words(Purpose::skill, k, 0)[0];
  costs.push_back({"ziggurat normal", ns_per_call(n, [&](int k) {
                     int next = k;  // the slow path's further words: the following ones
                     return ziggurat_normal(words[k], [&] { return words[++next % n]; });
                   }), "normal"});
  costs.push_back({"Box-Muller normal (log, sqrt, cos)", ns_per_call(n, [&](int k) {
                     return standard_normal(words[k], words[(k + 1) % n]);
                   }), "normal"});
  costs.push_back({"exp (income shock, logistic)", ns_per_call(n, [&](int k) {
                     return std::exp(uniform_open(words[k]) - 0.5);
                   }), "call"});

  // The work choice's core: the best option of a household as an outsider and as a member, for
  // households drawn like the model's (skill LogNormal(0, 0.6), wealth up to $200).
  Scenario scenario;
  scenario.apply({{"market.market_return", "40", "bench"}});
  const MonthContext c = MonthContext::at(scenario, 60, 50, {});
  const OptionMenus menus(c);
  std::vector<Chooser> choosers(n);
  for (int k = 0; k < n; ++k) {
    const auto w = rng.words(Purpose::skill, k, 1);
    choosers[k] = {lognormal_median(1.0, 0.6, w[0], w[1]), 2.0 * uniform_open(w[2]),
                   200.0 * uniform_open(w[3]), false, false, 1.0, 50.0};
  }
  // As the work choice calls it: four households side by side.
  auto per_household = [&](const OptionMenu& menu, auto&& as_chooser) {
    return ns_per_call(n / kChoiceLanes, [&](int k) {
             ChooserLanes four;
             for (int lane = 0; lane < kChoiceLanes; ++lane)
               four.set(lane, as_chooser(choosers[kChoiceLanes * k + lane]));
             const BestOptions best = best_options(c, menu, four);
             return best.net[0] + best.net[1] + best.net[2] + best.net[3];
           }) / kChoiceLanes;
  };
  costs.push_back({"best option as an outsider",
                   per_household(menus.outsider, [](Chooser who) { return who; }),
                   "household (3 options + capped twins, 4 side by side)"});
  costs.push_back({"best option as a member, skip deals",
                   per_household(menus.member_with_skips,
                                 [](Chooser who) {
                                   who.party_duties = who.can_buy_skips = true;
                                   who.surveillance = 1.2;
                                   return who;
                                 }),
                   "household (6 options + capped twins, 4 side by side)"});
  const WorkOption absent{Job::absent, PartyDuty::none, false};
  costs.push_back({"one option, evaluated alone", ns_per_call(n, [&](int k) {
                     return evaluate_option(c, choosers[k], absent).net;
                   }), "option"});
  return costs;
}

}  // namespace partysim::bench
