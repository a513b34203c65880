// Market income and the wealth update of phase 3 (docs/ODD.md section 7.3), for households that
// break no rule or are never inspected: income by option, fees, the cadre rent, the detained, the
// income shock, and W <- max(0, W + y - subsistence - consumption_share max(y - subsistence, 0)
// - wealth_spending W), written out here.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <string>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/work_options.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
// Defaults: A = 20, wage 2, job time 0.5, Party time 0.15, dues 2% of the wage, skip price 3,
// subsistence 10, consumption share 0.8, spending 0.005, cadre rent 30 + 0.5 A = 40. Set by the
// World: no inspections, and the 8.3 fee (v2's) fee_83 + fee_83_market_share x A = 4 + 0.1 x 20
// = 6 (x 3 for candidates and members), so that its part that follows the market is counted.
constexpr double kA = 20;
constexpr double kFee83 = 4 + 0.1 * kA;

double wealth_after(double wealth, double income) {
  return std::max(0.0, wealth + income - 10 - 0.8 * std::max(income - 10, 0.0) - 0.005 * wealth);
}

struct World {
  Simulation sim;
  World(std::size_t n, test::Values values) : sim(make(n, std::move(values))) {
    Households& h = sim.mutable_state().households;
    for (std::size_t i = 0; i < n; ++i) {
      test::make_plain_outsider(h, i);
      h.market_income[i] = 0;
    }
  }
  static Simulation make(std::size_t n, test::Values values) {
    values.push_back({"households", std::to_string(n)});
    values.push_back({"months", "12"});
    values.push_back({"enforcement.crackdown_rate", "0"});
    values.push_back({"enforcement.absence_detection", "0"});
    // Set, not the defaults: the tests below write the fee out as kFee83.
    values.push_back({"work.fee_83", "4"});
    values.push_back({"work.fee_83_market_share", "0.1"});
    return Simulation(test::scenario_with(values));
  }
  Households& households() { return sim.mutable_state().households; }
  void set(std::size_t i, Status status, double skill, std::uint8_t option, double wealth) {
    Households& h = households();
    h.status[i] = status;
    h.skill[i] = static_cast<float>(skill);
    h.work_option[i] = option;
    h.wealth[i] = wealth;
  }
  void run(int t) {
    SimulationState& s = sim.mutable_state();
    realise_income_and_enforcement(s, MonthContext::at(s.scenario, t, 50, {}));
  }
};

std::uint8_t option(Job job, PartyDuty duty, bool capped = false) {
  return WorkOption{job, duty, capped}.code();
}
}  // namespace

TEST_CASE("income, fees and the wealth update of households that are not inspected",
          "[income][wealth]") {
  World world(12, {{"market.income_sigma", "0"}});  // epsilon = 1: market income is A v
  struct Expected {
    double market_income, market_time, income;  // income y = market + wage - fees
  };
  // skill 1 attending the job: m = 0.5, v = 0.5; y = 10 + wage 2.
  world.set(0, Status::outsider, 1, option(Job::attend, PartyDuty::none), 100);
  // skill 0.25 paying 8.3: m = 1, v = 0.25; y = 5 - 6 < 0 (nothing above subsistence to
  // consume).
  world.set(1, Status::outsider, 0.25, option(Job::pay_83, PartyDuty::none), 100);
  // The same with little wealth: bounded below at 0.
  world.set(2, Status::outsider, 0.25, option(Job::pay_83, PartyDuty::none), 5);
  // A member attending job and activities: m = 0.35; dues 0.02 x 2.
  world.set(3, Status::member, 1, option(Job::attend, PartyDuty::attend), 200);
  // A candidate paying 8.3 (x 3) and a skip deal: m = 1.
  world.set(4, Status::candidate, 1, option(Job::pay_83, PartyDuty::skip_deal), 200);
  // An absent candidate of skill 3 trading capped at the legal size: m = 1.5 / 3, v = 1.5.
  world.set(5, Status::candidate, 3, option(Job::absent, PartyDuty::attend, true), 50);
  // A cadre earns the rent R = 40; the detained earn nothing.
  world.set(6, Status::cadre, 1, kCadreWork, 100);
  world.set(7, Status::outsider, 1, kNoWork, 100);
  world.set(8, Status::outsider, 1, kNoWork, 3);
  // Rich: the spending share of wealth dominates.
  world.set(9, Status::outsider, 1, option(Job::attend, PartyDuty::none), 10000);
  // An absent outsider of skill 1, uncapped (not large): m = 1, no fee.
  world.set(10, Status::outsider, 1, option(Job::absent, PartyDuty::none), 0);
  // An expelled household pays outsiders' fees (8.3 without the multiplier).
  world.set(11, Status::expelled, 1, option(Job::pay_83, PartyDuty::none), 50);
  const Expected expected[] = {
      {kA * 0.5, 0.5, kA * 0.5 + 2},
      {kA * 0.25, 1, kA * 0.25 - kFee83},
      {kA * 0.25, 1, kA * 0.25 - kFee83},
      {kA * 0.35, 0.35, kA * 0.35 + 2 - 0.04},
      {kA, 1, kA - kFee83 * 3 - 3},
      {kA * 1.5, 0.5, kA * 1.5 - 0.04},
      {0, 0, 40},
      {0, 0, 0},
      {0, 0, 0},
      {kA * 0.5, 0.5, kA * 0.5 + 2},
      {kA, 1, kA},
      {kA, 1, kA - kFee83},
  };
  Households& h = world.households();
  const std::vector<double> before = h.wealth;
  world.run(3);
  for (std::size_t i = 0; i < 12; ++i) {
    INFO("household " << i);
    CHECK(h.market_income[i] == Approx(expected[i].market_income).epsilon(1e-12));
    CHECK(h.market_time[i] == Approx(expected[i].market_time).epsilon(1e-6));
    CHECK(h.wealth[i] == Approx(wealth_after(before[i], expected[i].income)).epsilon(1e-12));
  }
  // The hand-worked numbers of three of them.
  CHECK(h.wealth[0] == Approx(100 + 12 - 10 - 0.8 * 2 - 0.5));
  CHECK(h.wealth[1] == Approx(100 - 1 - 10 - 0.5));
  CHECK(h.wealth[2] == 0);
  CHECK(h.wealth[8] == 0);
  CHECK(h.events[4] & Event::paid_83);
  CHECK(h.events[4] & Event::bought_skip_deal);
  CHECK(h.events[11] & Event::paid_83);
  CHECK_FALSE(h.events[0] & (Event::paid_83 | Event::bought_skip_deal));
  CHECK_FALSE(h.events[5] & Event::violated_large);  // capped: not large
  CHECK(h.events[5] & Event::violated_absence);
}

TEST_CASE("the savings cap wipes out savings above it before the month's income",
          "[income][wealth]") {
  World world(3, {{"market.income_sigma", "0"}, {"wealth.savings_cap", "500"}});
  world.set(0, Status::outsider, 1, option(Job::attend, PartyDuty::none), 2000);
  world.set(1, Status::outsider, 1, option(Job::attend, PartyDuty::none), 400);
  world.set(2, Status::cadre, 1, kCadreWork, 2000);
  world.run(0);
  const Households& h = world.households();
  CHECK(h.wealth[0] == Approx(wealth_after(500, 12)));
  CHECK(h.wealth[1] == Approx(wealth_after(400, 12)));
  CHECK(h.wealth[2] == Approx(wealth_after(500, 40)));
}

TEST_CASE("the income shock is LogNormal with mean 1 and log-sd income_sigma", "[income]") {
  // 10,000 outsiders of skill 1 paying 8.3 (v = 1): market income A epsilon. The sample mean of
  // epsilon has sd 0.307 / 100 (sqrt(exp(0.09) - 1) = 0.307); the mean of log epsilon is
  // -sigma^2 / 2 = -0.045 with sd 0.003; its sd 0.3 within 0.3 / sqrt(2 x 10,000) = 0.0021.
  const std::size_t n = 10000;
  World world(n, {{"market.income_sigma", "0.3"}});
  for (std::size_t i = 0; i < n; ++i)
    world.set(i, Status::outsider, 1, option(Job::pay_83, PartyDuty::none), 100);
  world.run(2);
  const Households& h = world.households();
  double sum = 0, log_sum = 0, log_squares = 0;
  int wrong_wealth = 0;  // wealth that does not follow the realised income
  for (std::size_t i = 0; i < n; ++i) {
    const double epsilon = h.market_income[i] / kA;
    sum += epsilon;
    log_sum += std::log(epsilon);
    log_squares += std::log(epsilon) * std::log(epsilon);
    wrong_wealth += std::abs(h.wealth[i] - wealth_after(100, h.market_income[i] - kFee83)) > 1e-9;
  }
  CHECK(wrong_wealth == 0);
  const double mean_log = log_sum / n;
  CHECK(sum / n == Approx(1).margin(5 * 0.00307));
  CHECK(mean_log == Approx(-0.045).margin(5 * 0.003));
  CHECK(std::sqrt(log_squares / n - mean_log * mean_log) == Approx(0.3).margin(5 * 0.0021));
}
