#include <catch2/catch.hpp>
#include <array>
#include <cmath>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "test_support.hpp"

using namespace partysim;

TEST_CASE("purges expel Party households at the purge rate and no one else", "[purges]") {
  Simulation sim(test::scenario_with({{"households", "20000"}, {"months", "1"},
                                      {"purges.purge_rate", "0.1"}}));
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  for (std::size_t i = 0; i < h.size(); ++i) {
    h.status[i] = i % 2 ? Status::member : Status::outsider;
    h.events[i] = 0;
  }
  purge(s, MonthContext::at(s.scenario, 3, 50, {}));
  int purged = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (i % 2 == 0) CHECK(h.status[i] == Status::outsider);
    if (h.events[i] & Event::purged) {
      ++purged;
      CHECK(h.status[i] == Status::expelled);
      CHECK(h.expelled_at[i] == 3);
    }
  }
  // 10,000 members at 0.1: 1,000 expected, sd 30
  CHECK(purged == Approx(1000).margin(90));
}

TEST_CASE("purges take candidates, members and cadres alike, detained or not", "[purges]") {
  // 24,000 households, 4,000 of each status, half of them detained; purge rate 0.2. Each Party
  // status: 800 expected, sd 25; each half of it (detained or not): 400, sd 18.
  Simulation sim(test::scenario_with({{"households", "24000"}, {"months", "12"},
                                      {"purges.purge_rate", "0.2"}}));
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  const int t = 5;
  for (std::size_t i = 0; i < h.size(); ++i) {
    h.status[i] = static_cast<Status>(i % kStatusCount);
    h.status_since[i] = -20;
    h.member_since[i] = -40;
    h.expelled_at[i] = h.status[i] == Status::expelled ? -60 : kNever;
    h.detained_until[i] = (i / kStatusCount) % 2 ? t + 4 : kNever;
    h.events[i] = 0;
  }
  purge(s, MonthContext::at(s.scenario, t, 50, {}));
  std::array<std::array<double, 2>, kStatusCount> purged{};  // by status before, detained
  for (std::size_t i = 0; i < h.size(); ++i) {
    const auto before = static_cast<Status>(i % kStatusCount);
    const bool detained = (i / kStatusCount) % 2;
    INFO("household " << i);
    CHECK(h.detained_until[i] == (detained ? t + 4 : kNever));
    CHECK(h.member_since[i] == -40);
    if (!(h.events[i] & Event::purged)) {
      CHECK(h.status[i] == before);
      CHECK(h.status_since[i] == -20);
      CHECK(h.expelled_at[i] == (before == Status::expelled ? -60 : kNever));
      continue;
    }
    purged[static_cast<int>(before)][detained] += 1;
    CHECK(h.status[i] == Status::expelled);
    CHECK(h.status_since[i] == t);
    CHECK(h.expelled_at[i] == t);
  }
  for (const Status status : {Status::outsider, Status::applicant, Status::expelled})
    CHECK(purged[static_cast<int>(status)][0] + purged[static_cast<int>(status)][1] == 0);
  for (const Status status : {Status::candidate, Status::member, Status::cadre}) {
    INFO("status " << static_cast<int>(status));
    for (const int detained : {0, 1})
      CHECK(purged[static_cast<int>(status)][detained] == Approx(400).margin(5 * 17.9));
  }
}

TEST_CASE("a purge rate of 0 purges no one and of 1 the whole Party", "[purges]") {
  for (const char* rate : {"0", "1"}) {
    Simulation sim(test::scenario_with({{"households", "600"}, {"months", "12"},
                                        {"purges.purge_rate", rate}}));
    SimulationState& s = sim.mutable_state();
    Households& h = s.households;
    for (std::size_t i = 0; i < h.size(); ++i) {
      h.status[i] = static_cast<Status>(i % kStatusCount);
      h.events[i] = 0;
    }
    purge(s, MonthContext::at(s.scenario, 2, 50, {}));
    for (std::size_t i = 0; i < h.size(); ++i) {
      const bool party = in_party(static_cast<Status>(i % kStatusCount));
      CHECK(((h.events[i] & Event::purged) != 0) == (party && rate[0] == '1'));
    }
  }
}
