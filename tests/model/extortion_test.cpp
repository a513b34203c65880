#include <catch2/catch.hpp>
#include <string>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/work_options.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
// Outsiders of skill 2 paying the 8.3 fee and trading full time (v = 2, m = 1) with A = 20, and
// every fourth one a member doing the same while attending Party activities (m = 0.85, v = 1.7).
// No income shock; the test's values come last and override these.
struct Traders {
  Simulation sim;
  Traders(std::size_t n, const test::Values& values) : sim(make(n, values)) {
    Households& h = sim.mutable_state().households;
    const MonthContext c = context(0);
    for (std::size_t i = 0; i < n; ++i) {
      test::make_plain_outsider(h, i);
      const bool member = i % 4 == 3;
      h.status[i] = member ? Status::member : Status::outsider;
      h.skill[i] = 2.0f;
      h.wealth[i] = 1000;
      const WorkOption option{Job::pay_83, member ? PartyDuty::attend : PartyDuty::none, false};
      h.work_option[i] = option.code();
      h.market_time[i] = static_cast<float>(option_shape(c, 2.0, option).market_time);
    }
  }
  static Simulation make(std::size_t n, const test::Values& values) {
    test::Values all = {{"households", std::to_string(n)},
                        {"months", "12"},
                        {"market.market_return", "20"},
                        {"market.income_sigma", "0"}};
    all.insert(all.end(), values.begin(), values.end());
    return Simulation(test::scenario_with(all));
  }
  MonthContext context(int t) { return MonthContext::at(sim.mutable_state().scenario, t, 50, {}); }
  Households& households() { return sim.mutable_state().households; }
  void run(int t) { extort(sim.mutable_state(), context(t)); }
};
}  // namespace

TEST_CASE("a shaken-down trader pays extortion_months x A x v, members mu times as much",
          "[extortion]") {
  Traders world(8, {{"enforcement.extortion_rate", "1"}, {"enforcement.extortion_months", "0.25"}});
  Households& h = world.households();
  h.wealth[7] = 10;  // a member who cannot pay the whole bribe
  world.run(3);
  for (std::size_t i = 0; i < 8; ++i) {
    INFO("household " << i);
    CHECK(h.events[i] & Event::shaken_down);
    // No detention, catch or expulsion follows a shakedown.
    CHECK_FALSE(h.events[i] & (Event::detained_now | Event::caught_large | Event::caught_absence));
    CHECK(h.status[i] == (i % 4 == 3 ? Status::member : Status::outsider));
  }
  // Outsiders: 0.25 x 20 x 2 = 10. Members: 0.25 x 20 x 1.7 x mu (3) = 25.5.
  CHECK(h.extortion_paid_usd[0] == Approx(10));
  CHECK(h.wealth[0] == Approx(990));
  CHECK(h.extortion_paid_usd[3] == Approx(25.5));
  CHECK(h.wealth[3] == Approx(1000 - 25.5));
  // What a household cannot pay is waived: it pays what it holds.
  CHECK(h.extortion_paid_usd[7] == Approx(10));
  CHECK(h.wealth[7] == 0);
}

TEST_CASE("only households that traded this month are shaken down", "[extortion]") {
  Traders world(5, {{"enforcement.extortion_rate", "1"}});
  Households& h = world.households();
  h.work_option[0] = kCadreWork;
  h.work_option[1] = kNoWork;  // in detention
  h.events[2] = Event::detained_now;
  h.market_time[3] = 0;
  world.run(3);
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("household " << i);
    CHECK_FALSE(h.events[i] & Event::shaken_down);
    CHECK(h.extortion_paid_usd[i] == 0);
    CHECK(h.wealth[i] == 1000);
  }
  CHECK(h.events[4] & Event::shaken_down);
}

TEST_CASE("a trader is shaken down with probability extortion_rate x surveillance",
          "[extortion]") {
  // q = 0.1: outsiders (s = 1) at 0.1, members (s = 1.2) at 0.12, the expelled under
  // surveillance (s = 3) at 0.3. 40,000 households: 4 standard errors are under 0.01.
  constexpr std::size_t n = 40000;
  Traders world(n, {{"enforcement.extortion_rate", "0.1"}});
  Households& h = world.households();
  for (std::size_t i = 0; i < n; i += 4) h.expelled_at[i] = 2;  // an outsider expelled last month
  world.run(3);
  std::size_t shaken[3] = {0, 0, 0}, counted[3] = {0, 0, 0};
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t group = i % 4 == 0 ? 2 : i % 4 == 3 ? 1 : 0;
    ++counted[group];
    shaken[group] += (h.events[i] & Event::shaken_down) != 0;
  }
  CHECK(static_cast<double>(shaken[0]) / counted[0] == Approx(0.1).margin(0.01));
  CHECK(static_cast<double>(shaken[1]) / counted[1] == Approx(0.12).margin(0.01));
  CHECK(static_cast<double>(shaken[2]) / counted[2] == Approx(0.3).margin(0.015));
}

TEST_CASE("with extortion_rate 0 no one is shaken down", "[extortion]") {
  Traders world(100, {{"enforcement.extortion_rate", "0"}});
  Households& h = world.households();
  world.run(3);
  for (std::size_t i = 0; i < 100; ++i) {
    CHECK_FALSE(h.events[i] & Event::shaken_down);
    CHECK(h.wealth[i] == 1000);
  }
}

TEST_CASE("every work option anticipates the expected shakedown", "[extortion][work]") {
  // q = 0.1, bribe 0.2 x A (20) x v: a trader of skill 2 paying the 8.3 fee (v = 2) expects
  // 0.1 x 8 = 0.8 a month; a member (s = 1.2, mu = 3, v = 1.7 attending Party activities)
  // 0.12 x 0.2 x 20 x 1.7 x 3. Risk aversion rho = 1 weighs it twice in the net value.
  const auto context = [](const char* rate) {
    return MonthContext::at(test::scenario_with({{"market.market_return", "20"},
                                                 {"enforcement.extortion_rate", rate}}),
                            0, 50, {});
  };
  const MonthContext without = context("0");
  const MonthContext with = context("0.1");
  const WorkOption outsider_option{Job::pay_83, PartyDuty::none, false};
  const WorkOption member_option{Job::pay_83, PartyDuty::attend, false};
  const Chooser outsider{2.0, 1.0, 1000.0, false, false, 1.0, 0.0};
  const Chooser member{2.0, 1.0, 1000.0, true, false, 1.2, 0.0};

  const OptionValue o0 = evaluate_option(without, outsider, outsider_option);
  const OptionValue o1 = evaluate_option(with, outsider, outsider_option);
  CHECK(o1.enforcement_cost - o0.enforcement_cost == Approx(0.8));
  CHECK(o0.net - o1.net == Approx(2 * 0.8));

  const OptionValue m0 = evaluate_option(without, member, member_option);
  const OptionValue m1 = evaluate_option(with, member, member_option);
  CHECK(m1.enforcement_cost - m0.enforcement_cost == Approx(0.12 * 0.2 * 20 * 1.7 * 3));

  // Without trade (size 0) there is nothing to shake down.
  const ValueOf<double> idle0 = value_of(without, outsider, outsider_option, 0.0, 0.0, 0.0);
  const ValueOf<double> idle1 = value_of(with, outsider, outsider_option, 0.0, 0.0, 0.0);
  CHECK(idle1.net == idle0.net);
}
