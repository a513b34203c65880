#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <oneapi/tbb/task_arena.h>
#include <vector>

#include "model/cadre_posts.hpp"
#include "model/month_context.hpp"
#include "model/simulation.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
// 2,000 eligible members: the first half of songbun `a`, the second of `b`.
struct Pool {
  Simulation sim{test::scenario_with({{"households", "2000"}, {"months", "1"}})};
  Pool(Songbun a, Songbun b, double wealth_a, double wealth_b) {
    Households& h = sim.mutable_state().households;
    for (std::size_t i = 0; i < h.size(); ++i) {
      const bool first = i < h.size() / 2;
      h.status[i] = Status::member;
      h.member_since[i] = -100;
      h.detained_until[i] = kNever;
      h.songbun[i] = first ? a : b;
      h.wealth[i] = first ? wealth_a : wealth_b;
    }
  }
  // The share of single-post draws won by the first half, over `draws` independent draws.
  double first_half_share(int draws) {
    SimulationState& s = sim.mutable_state();
    const MonthContext c = MonthContext::at(s.scenario, 0, 50, {});
    int first = 0;
    for (int k = 0; k < draws; ++k) {
      const auto drawn = draw_cadres(s, {1, k, 0, 60, c.cadre_weight, 1000});
      for (std::size_t i = 0; i < s.households.size(); ++i)
        if (s.households.status[i] == Status::cadre) {
          first += i < s.households.size() / 2;
          s.households.status[i] = Status::member;
        }
      REQUIRE(drawn[0] + drawn[1] + drawn[2] == 1);
    }
    return static_cast<double>(first) / draws;
  }
};
}  // namespace

TEST_CASE("cadre draws follow the songbun weights", "[cadres]") {
  Pool pool(Songbun::core, Songbun::wavering, 0, 0);
  // weights 1 vs 0.2 for equal numbers: core wins 1 / 1.2 of the time (3 sigma ~ 0.025)
  CHECK(pool.first_half_share(2000) == Approx(1.0 / 1.2).margin(0.025));
}

TEST_CASE("cadre draws favour wealth as 1 + W / wealth_ref", "[cadres]") {
  Pool pool(Songbun::core, Songbun::core, 1000, 0);
  CHECK(pool.first_half_share(2000) == Approx(2.0 / 3.0).margin(0.032));
}

TEST_CASE("cadre draws skip the ineligible and fill at most the posts", "[cadres]") {
  Pool pool(Songbun::core, Songbun::core, 0, 0);
  SimulationState& s = pool.sim.mutable_state();
  for (std::size_t i = 0; i < 1990; ++i) s.households.member_since[i] = -10;  // tenure too short
  const MonthContext c = MonthContext::at(s.scenario, 0, 50, {});
  const auto drawn = draw_cadres(s, {25, 3, 0, 60, c.cadre_weight, 1000});
  CHECK(drawn[0] == 10);  // only 10 are eligible
  for (std::size_t i = 0; i < 1990; ++i) CHECK(s.households.status[i] == Status::member);
}

TEST_CASE("cadre draws pick exactly the largest keys, whatever the number of threads",
          "[cadres]") {
  // 20,000 households (several blocks of kHouseholdGrain, so blocks are joined), of mixed
  // songbun and wealth, a third of them ineligible. The oracle ranks every eligible member by
  // its key log(u) / w directly; the draw turns most offers away once it holds `posts` of them.
  Simulation sim{test::scenario_with({{"households", "20000"}, {"months", "1"}})};
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  for (std::size_t i = 0; i < h.size(); ++i) {
    h.status[i] = i % 3 == 0 ? Status::outsider : Status::member;
    h.member_since[i] = -100;
    h.detained_until[i] = kNever;
    h.songbun[i] = static_cast<Songbun>(i % kSongbunCount);
    h.wealth[i] = static_cast<double>(i % 7) * 300.0;
  }
  const Households members = h;
  const MonthContext c = MonthContext::at(s.scenario, 0, 50, {});
  const double wealth_ref = 1000;
  for (const std::size_t posts : {1u, 7u, 100u, 5000u}) {
    const std::int64_t key_month = static_cast<std::int64_t>(posts);
    std::vector<std::pair<double, std::size_t>> keys;  // (-key, index): ascending is best first
    for (std::size_t i = 0; i < h.size(); ++i) {
      if (members.status[i] != Status::member) continue;
      const double weight = c.cadre_weight[static_cast<int>(members.songbun[i])] *
                            (1.0 + members.wealth[i] / wealth_ref);
      if (weight <= 0) continue;
      keys.push_back({-std::log(s.rng.uniform(Purpose::cadre_draw, i, key_month)) / weight, i});
    }
    std::sort(keys.begin(), keys.end());
    REQUIRE(keys.size() > posts);
    std::vector<std::size_t> expected;
    for (std::size_t k = 0; k < posts; ++k) expected.push_back(keys[k].second);
    std::sort(expected.begin(), expected.end());

    for (const int threads : {1, 2, 3}) {
      h = members;
      std::array<double, kSongbunCount> drawn{};
      oneapi::tbb::task_arena(threads).execute([&] {
        drawn = draw_cadres(s, {posts, key_month, 0, 60, c.cadre_weight, wealth_ref});
      });
      std::vector<std::size_t> winners;
      for (std::size_t i = 0; i < h.size(); ++i)
        if (h.status[i] == Status::cadre) winners.push_back(i);
      INFO("posts " << posts << ", threads " << threads);
      CHECK(winners == expected);
      CHECK(drawn[0] + drawn[1] + drawn[2] == static_cast<double>(posts));
    }
  }
}
