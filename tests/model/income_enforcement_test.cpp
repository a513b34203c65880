#include <catch2/catch.hpp>

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
