#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <oneapi/tbb/task_arena.h>
#include <string>
#include <utility>
#include <vector>

#include "model/cadre_posts.hpp"
#include "model/month_context.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/work_options.hpp"
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

namespace {
// Counts of the households of a given status, and of those carrying an event.
std::size_t count_status(const Households& h, Status status) {
  return static_cast<std::size_t>(std::count(h.status.begin(), h.status.end(), status));
}
std::size_t count_event(const Households& h, Event event) {
  std::size_t n = 0;
  for (const std::uint32_t e : h.events) n += (e & event) != 0;
  return n;
}
}  // namespace

TEST_CASE("cadres retire at the exit rate to members who keep their tenure", "[cadres]") {
  // Every fourth of 20,000 households is a cadre, the rest outsiders; no posts to fill, so the
  // retired stay members. 5,000 cadres at 0.1: 500 retire, sd 21.
  Simulation sim{test::scenario_with(
      {{"households", "20000"}, {"months", "12"}, {"cadres.cadre_exit_rate", "0.1"}})};
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  for (std::size_t i = 0; i < h.size(); ++i) {
    h.status[i] = i % 4 == 0 ? Status::cadre : Status::outsider;
    h.status_since[i] = -7;
    h.member_since[i] = -300;
    h.detained_until[i] = kNever;
    h.events[i] = 0;
  }
  s.cadre_posts = 0;
  const int t = 7;
  fill_cadre_posts(s, MonthContext::at(s.scenario, t, 50, s.promotion_history.monthly_rate()));
  std::size_t retired = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (i % 4 != 0) {
      CHECK(h.status[i] == Status::outsider);
      CHECK(h.events[i] == 0);
      continue;
    }
    if (h.events[i] & Event::retired_cadre) {
      ++retired;
      CHECK(h.status[i] == Status::member);
      CHECK(h.status_since[i] == t);
      CHECK(h.member_since[i] == -300);  // kept: a retired cadre stays eligible
    } else {
      CHECK(h.status[i] == Status::cadre);
      CHECK(h.status_since[i] == -7);
    }
    CHECK_FALSE(h.events[i] & Event::promoted_cadre);
  }
  CHECK(static_cast<double>(retired) == Approx(500).margin(5 * 21.2));
  CHECK(count_status(h, Status::member) == retired);
}

TEST_CASE("vacancies are the posts left empty after retirements, never fewer than none",
          "[cadres]") {
  // 2,000 eligible members, of whom the first 10 are cadres.
  auto run = [](std::size_t posts, const char* exit_rate) {
    Simulation sim{test::scenario_with(
        {{"households", "2000"}, {"months", "12"}, {"cadres.cadre_exit_rate", exit_rate}})};
    SimulationState& s = sim.mutable_state();
    Households& h = s.households;
    for (std::size_t i = 0; i < h.size(); ++i) {
      h.status[i] = i < 10 ? Status::cadre : Status::member;
      h.status_since[i] = -5;
      h.member_since[i] = -100;
      h.detained_until[i] = kNever;
      h.events[i] = 0;
    }
    s.cadre_posts = posts;
    fill_cadre_posts(s, MonthContext::at(s.scenario, 4, 50, {}));
    for (std::size_t i = 0; i < h.size(); ++i)
      if (h.events[i] & Event::promoted_cadre) {
        CHECK(h.status[i] == Status::cadre);
        CHECK(h.status_since[i] == 4);
      }
    return std::pair{count_status(h, Status::cadre), count_event(h, Event::promoted_cadre)};
  };
  CHECK(run(30, "0") == std::pair<std::size_t, std::size_t>{30, 20});
  CHECK(run(10, "0") == std::pair<std::size_t, std::size_t>{10, 0});
  // More cadres than posts (posts cut by a scenario): none is drawn and none demoted.
  CHECK(run(5, "0") == std::pair<std::size_t, std::size_t>{10, 0});
  // All 10 retire first, so all 30 posts are drawn (the retired among the eligible).
  CHECK(run(30, "1") == std::pair<std::size_t, std::size_t>{30, 30});
}

TEST_CASE("the cadre track records the month's promotions and members by songbun", "[cadres]") {
  // 3,000 households of mixed songbun: cadres (half retire), outsiders, members with short
  // tenure and detained members (counted as members, though they cannot be drawn).
  Simulation sim{test::scenario_with(
      {{"households", "3000"}, {"months", "24"}, {"cadres.cadre_exit_rate", "0.5"}})};
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  const int t = 13;  // slot 1 of the ring
  std::array<double, kSongbunCount> members_before{};
  std::size_t cadres_before = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    h.songbun[i] = static_cast<Songbun>(i % kSongbunCount);
    h.status[i] = i % 5 == 0 ? Status::cadre : i % 5 == 1 ? Status::outsider : Status::member;
    h.member_since[i] = i % 7 == 0 ? t - 1 : -100;
    h.detained_until[i] = i % 11 == 0 ? t + 3 : kNever;
    h.wealth[i] = 100;
    h.events[i] = 0;
    if (h.status[i] == Status::member) members_before[i % kSongbunCount] += 1;
    if (h.status[i] == Status::cadre) ++cadres_before;
  }
  s.cadre_posts = cadres_before + 50;
  for (int k = 0; k < kDemandWindowMonths; ++k)
    s.promotion_history.record(k, {999, 999, 999}, {999, 999, 999});
  fill_cadre_posts(s, MonthContext::at(s.scenario, t, 50, {}));

  // Members counted after retirements, before the draw: the members and the retired.
  std::array<double, kSongbunCount> members = members_before, promoted{};
  std::size_t retired = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (h.events[i] & Event::retired_cadre) {
      members[i % kSongbunCount] += 1;
      ++retired;
    }
    if (h.events[i] & Event::promoted_cadre) {
      promoted[i % kSongbunCount] += 1;
      // Only the eligible are drawn: 60+ months of membership, not detained.
      CHECK(h.member_since[i] == -100);
      CHECK(h.detained_until[i] == kNever);
    }
  }
  REQUIRE(retired > 0);
  CHECK(promoted[0] + promoted[1] + promoted[2] == static_cast<double>(50 + retired));
  const PromotionHistory& history = s.promotion_history;
  CHECK(history.members[1] == members);
  CHECK(history.promotions[1] == promoted);
  for (int k = 0; k < kDemandWindowMonths; ++k) {
    if (k == 1) continue;
    CHECK(history.members[k] == std::array<double, kSongbunCount>{999, 999, 999});
    CHECK(history.promotions[k] == std::array<double, kSongbunCount>{999, 999, 999});
  }
}

TEST_CASE("the promotion rate is promotions per member-month over the last 12 months",
          "[cadres]") {
  PromotionHistory history;
  // Core: 1 a month among 100 members; wavering: k / 2 in month k among 200; hostile: none.
  for (int k = 0; k < kDemandWindowMonths; ++k)
    history.record(k, {1, 0.5 * k, 0}, {100, 200, 0});
  auto rate = history.monthly_rate();
  CHECK(rate[0] == Approx(12.0 / 1200));
  CHECK(rate[1] == Approx(0.5 * 66 / 2400));
  CHECK(rate[2] == 0);  // no members: 0, not NaN
  // Month 12 takes month 0's slot: the window moves on.
  history.record(12, {13, 0, 3}, {100, 200, 50});
  rate = history.monthly_rate();
  CHECK(rate[0] == Approx((12.0 - 1 + 13) / 1200));
  CHECK(rate[1] == Approx(0.5 * 66 / 2400));
  CHECK(rate[2] == Approx(3.0 / 50));
  // The chance of a post within the horizon H, 1 - (1 - pi)^H, as households see it.
  Simulation sim{test::scenario_with({{"households", "10"}, {"opinion.horizon_months", "90"}})};
  const MonthContext c = MonthContext::at(sim.state().scenario, 0, 50, rate);
  for (int k = 0; k < kSongbunCount; ++k)
    CHECK(c.cadre_chance[k] == Approx(1 - std::pow(1 - rate[k], 90)));
}

TEST_CASE("cadres who are free earn the rent R = base + share x A and do not trade", "[cadres]") {
  // 200 households: every fourth a cadre (every eighth a detained cadre), every fourth a member.
  auto check_rent = [](const char* base, const char* share, const char* market_return) {
    Simulation sim{test::scenario_with({{"households", "200"}, {"months", "12"},
                                        {"cadres.cadre_rent_base", base},
                                        {"cadres.cadre_rent_market_share", share},
                                        {"market.market_return", market_return}})};
    SimulationState& s = sim.mutable_state();
    Households& h = s.households;
    const int t = 2;
    std::vector<double> before(h.size());
    for (std::size_t i = 0; i < h.size(); ++i) {
      h.status[i] = i % 4 == 0 ? Status::cadre : i % 4 == 1 ? Status::member : Status::outsider;
      h.detained_until[i] = i % 8 == 0 ? t + 2 : kNever;
      h.wealth[i] = before[i] = 100.0 + 10.0 * static_cast<double>(i);
    }
    const MonthContext c = MonthContext::at(s.scenario, t, 50, {});
    choose_work(s, c);
    realise_income_and_enforcement(s, c);
    const double rent = std::stod(base) + std::stod(share) * std::stod(market_return);
    CHECK(c.cadre_rent == Approx(rent));
    // W <- max(0, W + y - subsistence - consumption share x max(0, y - subsistence) - spending W)
    auto next = [&](double w, double y) {
      const double subsistence = 10, consumption = 0.8, spending = 0.005;  // the defaults
      return std::max(0.0, w + y - subsistence - consumption * std::max(0.0, y - subsistence) -
                               spending * w);
    };
    for (std::size_t i = 0; i < h.size(); ++i) {
      INFO("household " << i);
      if (i % 8 == 0) {  // a detained cadre earns nothing
        CHECK(int{h.work_option[i]} == kNoWork);
        CHECK(h.wealth[i] == Approx(next(before[i], 0)));
      } else if (i % 4 == 0) {
        CHECK(int{h.work_option[i]} == kCadreWork);
        CHECK(h.market_time[i] == 0);
        CHECK(h.market_income[i] == 0);
        CHECK((h.events[i] & (Event::violated_large | Event::violated_absence)) == 0);
        CHECK(h.wealth[i] == Approx(next(before[i], rent)));
      } else {
        CHECK(int{h.work_option[i]} != kCadreWork);
        CHECK(int{h.work_option[i]} != kNoWork);
      }
    }
  };
  check_rent("17", "0.3", "50");  // 32: above subsistence
  check_rent("4", "0.1", "40");   // 8: below subsistence, so nothing is consumed from it
}

TEST_CASE("a member is eligible for a cadre post from exactly the minimum tenure", "[cadres]") {
  // Month 0, minimum tenure 60: members since -60 (tenure 60) may be drawn, members since -59
  // (tenure 59) may not. Every other household has too short a tenure.
  Pool pool(Songbun::core, Songbun::core, 0, 0);
  SimulationState& s = pool.sim.mutable_state();
  Households& h = s.households;
  for (std::size_t i = 0; i < h.size(); ++i) h.member_since[i] = i % 2 == 0 ? -60 : -59;
  const MonthContext c = MonthContext::at(s.scenario, 0, 50, {});
  const auto drawn = draw_cadres(s, {h.size(), 5, 0, 60, c.cadre_weight, 1000});
  CHECK(drawn[0] == static_cast<double>(h.size() / 2));  // every member at exactly 60 months
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < h.size(); ++i)
    wrong += (h.status[i] == Status::cadre) != (i % 2 == 0);
  CHECK(wrong == 0);
}
