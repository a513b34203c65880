#include <catch2/catch.hpp>
#include <algorithm>
#include <array>
#include <string>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/work_options.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
// Households that all chose to be absent from the state job at full scale, with skill 1 (not
// large), under an absence detection of 1: every one of them is caught this month.
struct AllCaught {
  Simulation sim;
  explicit AllCaught(test::Values values)
      : sim(make(std::move(values))) {
    Households& h = sim.mutable_state().households;
    for (std::size_t i = 0; i < h.size(); ++i) {
      h.status[i] = i % 2 ? Status::member : Status::outsider;
      h.skill[i] = 1.0f;
      h.events[i] = 0;
      h.detained_until[i] = kNever;
      h.ever_detained[i] = 0;
      h.expelled_at[i] = kNever;
      h.work_option[i] = WorkOption{Job::absent, i % 2 ? PartyDuty::attend : PartyDuty::none, false}.code();
    }
  }
  static Simulation make(test::Values values) {
    values.push_back({"households", "10"});
    values.push_back({"months", "12"});
    values.push_back({"enforcement.absence_detection", "1"});
    values.push_back({"market.market_return", "20"});
    return Simulation(test::scenario_with(values));
  }
  SimulationState& state() { return sim.mutable_state(); }
  void run(int t) { realise_income_and_enforcement(state(), MonthContext::at(state().scenario, t, 50, {})); }
};
}  // namespace

TEST_CASE("a caught household that can pay pays the bribe: members pay mu times more", "[enforcement]") {
  AllCaught world(test::Values{{"enforcement.expel_if_caught", "0"}});
  Households& h = world.state().households;
  for (std::size_t i = 0; i < h.size(); ++i) h.wealth[i] = 1000;
  world.run(4);
  for (std::size_t i = 0; i < h.size(); ++i) {
    CHECK(h.events[i] & Event::caught_absence);
    CHECK(h.events[i] & Event::paid_bribe_absence);
    CHECK_FALSE(h.events[i] & Event::detained_now);
    // B = bribe_absence_months (1.5) * A (20) * mu (3 for members, 1 for others)
    CHECK(h.bribe_absence_usd[i] == Approx(i % 2 ? 90.0 : 30.0));
    CHECK(h.wealth[i] < 1000 - h.bribe_absence_usd[i] + h.market_income[i]);
    CHECK(h.status[i] == (i % 2 ? Status::member : Status::outsider));
  }
}

TEST_CASE("a caught household that cannot pay is detained, loses its wealth and income", "[enforcement]") {
  AllCaught world(test::Values{{"enforcement.expel_if_caught", "0"}, {"enforcement.detention_months", "6"}});
  Households& h = world.state().households;
  for (std::size_t i = 0; i < h.size(); ++i) h.wealth[i] = 20;  // below both bribes
  world.run(4);
  for (std::size_t i = 0; i < h.size(); ++i) {
    CHECK(h.events[i] & Event::detained_now);
    CHECK(h.wealth[i] == 0);
    CHECK(h.market_income[i] == 0);
    CHECK(h.detained_until[i] == 10);
    CHECK(h.ever_detained[i] == 1);
    CHECK(h.detained(i, 9));
    CHECK_FALSE(h.detained(i, 10));
  }
  // The detained earn nothing and do not work in the following months.
  choose_work(world.state(), MonthContext::at(world.state().scenario, 5, 50, {}));
  for (std::size_t i = 0; i < h.size(); ++i) CHECK(h.work_option[i] == kNoWork);
}

TEST_CASE("a caught member is expelled with probability expel_if_caught", "[enforcement]") {
  AllCaught world(test::Values{{"enforcement.expel_if_caught", "1"}});
  Households& h = world.state().households;
  for (std::size_t i = 0; i < h.size(); ++i) h.wealth[i] = 1000;
  world.run(4);
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (i % 2) {
      CHECK(h.status[i] == Status::expelled);
      CHECK(h.expelled_at[i] == 4);
      CHECK(h.events[i] & Event::expelled_caught);
    } else {
      CHECK(h.status[i] == Status::outsider);  // non-members cannot be expelled
    }
  }
}

namespace {
// Households whose business is large and who are absent, both caught for sure (crackdown_rate and
// absence_detection 1): outsiders of skill 3 trading full time, v = 3 = 2 x legal_size, asked
// B_large = 1 x A x 2 = 40, then B_absence = 1.5 x A = 30 (A = 20; x mu = 3 in the Party). No
// income shock: market income A v = 60.
struct DoublyCaught {
  Simulation sim;
  explicit DoublyCaught(std::size_t n, const test::Values& values = {}) : sim(make(n, values)) {
    Households& h = sim.mutable_state().households;
    for (std::size_t i = 0; i < n; ++i) {
      test::make_plain_outsider(h, i);
      h.skill[i] = 3.0f;
      h.market_income[i] = -1;  // stale: the phase itself writes this month's (0 if detained)
      h.work_option[i] = WorkOption{Job::absent, PartyDuty::none, false}.code();
    }
  }
  // The test's values come last: they override these.
  static Simulation make(std::size_t n, const test::Values& values) {
    test::Values all = {{"households", std::to_string(n)},
                        {"months", "12"},
                        {"enforcement.crackdown_rate", "1"},
                        {"enforcement.absence_detection", "1"},
                        {"enforcement.expel_if_caught", "0"},
                        {"market.market_return", "20"},
                        {"market.income_sigma", "0"}};
    all.insert(all.end(), values.begin(), values.end());
    return Simulation(test::scenario_with(all));
  }
  Households& households() { return sim.mutable_state().households; }
  void run(int t) {
    SimulationState& s = sim.mutable_state();
    realise_income_and_enforcement(s, MonthContext::at(s.scenario, t, 50, {}));
  }
};

double wealth_after(double wealth, double income) {  // subsistence 10, share 0.8, spending 0.005
  return std::max(0.0, wealth + income - 10 - 0.8 * std::max(income - 10, 0.0) - 0.005 * wealth);
}
}  // namespace

TEST_CASE("the large business is inspected first, then the absence against the money left",
          "[enforcement]") {
  DoublyCaught world(6);
  Households& h = world.households();
  h.wealth = {100, 70, 50, 40, 35, 0};
  world.run(4);
  const std::uint32_t both_caught = Event::violated_large | Event::violated_absence |
                                    Event::caught_large | Event::caught_absence;
  // 100 and 70 (exactly both bribes) pay both, and keep this month's income: y = 60 - 70.
  for (std::size_t i : {0, 1}) {
    INFO("household " << i);
    CHECK((h.events[i] & both_caught) == both_caught);
    CHECK(h.events[i] & Event::paid_bribe_large);
    CHECK(h.events[i] & Event::paid_bribe_absence);
    CHECK_FALSE(h.events[i] & Event::detained_now);
    CHECK(h.bribe_large_usd[i] == Approx(40));
    CHECK(h.bribe_absence_usd[i] == Approx(30));
    CHECK(h.market_income[i] == Approx(60));
    CHECK_FALSE(h.events[i] & Event::caught_as_party);  // outsiders
  }
  CHECK(h.wealth[0] == Approx(wealth_after(100, 60 - 70)));
  CHECK(h.wealth[1] == Approx(wealth_after(70, 60 - 70)));
  // 50 and 40 pay the large-business bribe first; the 10 or 0 left cannot pay for the absence:
  // detained, the first bribe stays paid, the rest is confiscated. (Had the absence been
  // inspected first, its bribe would have been paid and the large one not.)
  for (std::size_t i : {2, 3}) {
    INFO("household " << i);
    CHECK((h.events[i] & both_caught) == both_caught);
    CHECK(h.events[i] & Event::paid_bribe_large);
    CHECK_FALSE(h.events[i] & Event::paid_bribe_absence);
    CHECK(h.events[i] & Event::detained_now);
    CHECK(h.bribe_large_usd[i] == Approx(40));
    CHECK(h.bribe_absence_usd[i] == 0);
    CHECK(h.wealth[i] == 0);
    CHECK(h.market_income[i] == 0);
    CHECK(h.detained_until[i] == 4 + 6);
  }
  // 35 and 0 cannot pay the first bribe: detained at the first catch, the absence not inspected
  // (although this month's income of 60 would have covered either bribe: bribes come out of the
  // wealth at the start of the month).
  for (std::size_t i : {4, 5}) {
    INFO("household " << i);
    CHECK(h.events[i] & Event::caught_large);
    CHECK(h.events[i] & Event::violated_absence);
    CHECK_FALSE(h.events[i] & Event::caught_absence);
    CHECK_FALSE(h.events[i] & (Event::paid_bribe_large | Event::paid_bribe_absence));
    CHECK(h.events[i] & Event::detained_now);
    CHECK(h.bribe_large_usd[i] == 0);
    CHECK(h.wealth[i] == 0);
  }
}

TEST_CASE("Party households pay mu times both bribes, from the wealth left under the savings cap",
          "[enforcement]") {
  // Members (skill 3, absent from the job, attending activities: m = 0.85, v = 2.55): B_large =
  // 20 x 1.7 x 3 = 102, B_absence = 90. Wealth 192 pays both, 191 only the first. With a
  // savings cap of 150, a wealth of 1000 becomes 150 before the inspections: the first only.
  DoublyCaught world(4, {{"wealth.savings_cap", "1e6"}});
  Households& h = world.households();
  for (std::size_t i = 0; i < 4; ++i) {
    h.status[i] = Status::member;
    h.work_option[i] = WorkOption{Job::absent, PartyDuty::attend, false}.code();
  }
  h.wealth = {192, 191, 1000, 30};
  world.run(2);
  CHECK(h.bribe_large_usd[0] == Approx(102));
  CHECK(h.bribe_absence_usd[0] == Approx(90));
  CHECK(h.wealth[0] == Approx(wealth_after(192, 20 * 2.55 - 0.04 - 192)));
  CHECK(h.bribe_large_usd[1] == Approx(102));
  CHECK(h.bribe_absence_usd[1] == 0);
  CHECK(h.events[1] & Event::detained_now);
  for (std::size_t i = 0; i < 4; ++i) CHECK(h.events[i] & Event::caught_as_party);

  DoublyCaught capped(1, {{"wealth.savings_cap", "150"}});
  Households& k = capped.households();
  k.status[0] = Status::member;
  k.work_option[0] = WorkOption{Job::absent, PartyDuty::attend, false}.code();
  k.wealth[0] = 1000;
  capped.run(2);
  CHECK(k.bribe_large_usd[0] == Approx(102));
  CHECK(k.bribe_absence_usd[0] == 0);
  CHECK(k.events[0] & Event::detained_now);
}

TEST_CASE("catches follow the household's surveillance, and a caught Party household is expelled "
          "once with probability expel_if_caught",
          "[enforcement]") {
  // 12,000 absent households of skill 1 (not large), rich enough for any bribe, absence_detection
  // 0.25: outsiders (s = 1, p = 0.25), members (s = 1.2, p = 0.3), former detainees (s = 1.5,
  // p = 0.375), 4,000 each. Caught members are expelled with probability 0.5.
  const std::size_t n = 12000;
  DoublyCaught world(n, {{"enforcement.absence_detection", "0.25"},
                         {"enforcement.expel_if_caught", "0.5"}});
  Households& h = world.households();
  for (std::size_t i = 0; i < n; ++i) {
    h.skill[i] = 1.0f;
    h.wealth[i] = 1000;
    h.status[i] = i % 3 == 1 ? Status::member : Status::outsider;
    h.ever_detained[i] = i % 3 == 2;
    h.work_option[i] =
        WorkOption{Job::absent, i % 3 == 1 ? PartyDuty::attend : PartyDuty::none, false}.code();
  }
  world.run(7);
  std::array<double, 3> caught{};
  double expelled = 0, caught_large = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool was_caught = (h.events[i] & Event::caught_absence) != 0;
    caught[i % 3] += was_caught;
    caught_large += (h.events[i] & Event::caught_large) != 0;
    if (h.status[i] == Status::expelled) {
      expelled += 1;
      CHECK(i % 3 == 1);
      CHECK(was_caught);
      CHECK(h.expelled_at[i] == 7);
      CHECK(h.status_since[i] == 7);
      CHECK(h.events[i] & Event::expelled_caught);
    }
  }
  CHECK(caught_large == 0);
  // Binomial(4,000, p): 1,000 (sd 27), 1,200 (sd 29), 1,500 (sd 31).
  CHECK(caught[0] == Approx(1000).margin(5 * 27.4));
  CHECK(caught[1] == Approx(1200).margin(5 * 29.0));
  CHECK(caught[2] == Approx(1500).margin(5 * 30.6));
  // Half the caught members: about 600, sd sqrt(4,000 x 0.15 x 0.85) = 22.6.
  CHECK(expelled == Approx(600).margin(5 * 22.6));
}
