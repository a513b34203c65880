// Initialisation (the population at t = 0) and the demography phase (a dissolved household's
// slot reset for a new household). Expectations come from the documented distributions, with
// margins of about 5 standard deviations; the seeds are fixed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <vector>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
struct Moments {
  double mean = 0, sd = 0;
};
template <class Values>
Moments moments(const Values& values) {
  Moments m;
  for (const double v : values) m.mean += v;
  m.mean /= static_cast<double>(values.size());
  for (const double v : values) m.sd += (v - m.mean) * (v - m.mean);
  m.sd = std::sqrt(m.sd / static_cast<double>(values.size() - 1));
  return m;
}
template <class T>
std::vector<double> logs(const std::vector<T>& values) {
  std::vector<double> out;
  for (const T v : values) out.push_back(std::log(static_cast<double>(v)));
  return out;
}

// 20,000 households with parameters away from the defaults, so that each one is seen to act.
const test::Values kPopulation = {
    {"households", "20000"},
    {"months", "12"},
    {"population.cell_size", "48"},  // 416 full cells and a last one of 32
    {"population.songbun_share_core", "0.3"},
    {"population.songbun_share_wavering", "0.5"},
    {"population.songbun_share_hostile", "0.2"},
    {"population.initial_member_share_core", "0.5"},
    {"population.initial_member_share_wavering", "0.2"},
    {"population.initial_member_share_hostile", "0.1"},
    {"population.initial_tenure_max", "180"},
    {"population.skill_sigma", "0.5"},
    {"population.risk_aversion_max", "3"},
    {"population.wealth_initial_median", "300"},
    {"population.wealth_initial_sigma", "0.8"},
    {"population.turnover_rate", "0.003"},
    {"cadres.cadre_share", "0.00513"},  // 102.6 posts: 103
    {"cadres.cadre_exit_rate", "0.01"},
    {"purges.purge_rate", "0.002"},
    {"secretary.price_initial", "321"},
    {"secretary.quota", "0.25"},
    {"enforcement.initial_violators", "37"},
};
// Built once for the initialisation tests (about 40 ms).
const Simulation& population() {
  static const Simulation sim(test::scenario_with(kPopulation));
  return sim;
}
}  // namespace

TEST_CASE("initial songbun, membership and tenure follow their shares", "[initialisation]") {
  const Simulation& sim = population();
  const Households& h = sim.state().households;
  REQUIRE(h.size() == 20000);
  std::array<double, kSongbunCount> households{}, members{};
  std::vector<double> tenure;
  for (std::size_t i = 0; i < h.size(); ++i) {
    const int songbun = static_cast<int>(h.songbun[i]);
    households[songbun] += 1;
    INFO("household " << i);
    CHECK(h.expelled_at[i] == kNever);
    CHECK(h.detained_until[i] == kNever);
    CHECK(h.ever_detained[i] == 0);
    CHECK(h.opinion[i] == h.opinion_last[i]);
    if (h.status[i] == Status::outsider) {
      CHECK(h.member_since[i] == kNever);
      continue;
    }
    // No one starts as applicant, candidate or expelled.
    REQUIRE((h.status[i] == Status::member || h.status[i] == Status::cadre));
    members[songbun] += 1;
    tenure.push_back(-h.member_since[i]);
    // Members' status began with their membership; cadres' with the draw at t = 0.
    CHECK(h.status_since[i] == (h.status[i] == Status::member ? h.member_since[i] : 0));
  }
  // Songbun: 20,000 x 0.3 / 0.5 / 0.2, sd 65 / 71 / 57.
  const std::array<double, kSongbunCount> share = {0.3, 0.5, 0.2};
  const std::array<double, kSongbunCount> member_share = {0.5, 0.2, 0.1};
  for (int s = 0; s < kSongbunCount; ++s) {
    INFO("songbun " << s);
    const double sd = std::sqrt(20000 * share[s] * (1 - share[s]));
    CHECK(households[s] == Approx(20000 * share[s]).margin(5 * sd));
    // Members of the class: Binomial(households of the class, the class's initial share).
    const double p = member_share[s];
    const double member_sd = std::sqrt(households[s] * p * (1 - p));
    CHECK(members[s] == Approx(households[s] * p).margin(5 * member_sd));
  }
  // Tenure: whole months, Uniform on 0 ... 179. About 5,400 members: mean 89.5, sd of the mean
  // 52 / sqrt(5,400) = 0.71; a third below 60 months, sd 0.0064; both ends reached (each missed
  // with probability (179/180)^5,400 ~ 1e-13).
  const Moments m = moments(tenure);
  CHECK(m.mean == Approx(89.5).margin(5 * 0.71));
  CHECK(m.sd == Approx(std::sqrt((180.0 * 180.0 - 1) / 12)).margin(1.6));  // sd of the sd 0.32
  CHECK(*std::min_element(tenure.begin(), tenure.end()) == 0);
  CHECK(*std::max_element(tenure.begin(), tenure.end()) == 179);
  const auto short_tenure = static_cast<double>(
      std::count_if(tenure.begin(), tenure.end(), [](double x) { return x < 60; }));
  CHECK(short_tenure / static_cast<double>(tenure.size()) == Approx(1.0 / 3).margin(5 * 0.0064));
}

TEST_CASE("initial traits follow their distributions", "[initialisation]") {
  const Simulation& sim = population();
  const Households& h = sim.state().households;
  // 20,000 draws: the mean of log N(mu, sigma) within 5 sigma / 141; its sd within
  // 5 sigma / sqrt(2 x 20,000) = 5 sigma / 200.
  const Moments skill = moments(logs(h.skill));
  CHECK(skill.mean == Approx(0).margin(5 * 0.5 / 141));
  CHECK(skill.sd == Approx(0.5).margin(5 * 0.5 / 200));
  const Moments wealth = moments(logs(h.wealth));
  CHECK(wealth.mean == Approx(std::log(300)).margin(5 * 0.8 / 141));
  CHECK(wealth.sd == Approx(0.8).margin(5 * 0.8 / 200));
  // Risk aversion Uniform[0, 3): mean 1.5, sd 0.866 / 141.
  const Moments risk = moments(h.risk_aversion);
  CHECK(risk.mean == Approx(1.5).margin(5 * 0.866 / 141));
  CHECK(risk.sd == Approx(0.866).margin(0.02));
  CHECK(*std::min_element(h.risk_aversion.begin(), h.risk_aversion.end()) >= 0);
  CHECK(*std::max_element(h.risk_aversion.begin(), h.risk_aversion.end()) < 3);
}

TEST_CASE("initial cadre posts, secretaries and congestion memory", "[initialisation]") {
  const Simulation& sim = population();
  const SimulationState& s = sim.state();
  const Households& h = s.households;
  // round(0.00513 x 20,000) = round(102.6) = 103 posts, all filled by members of 60+ months.
  CHECK(s.cadre_posts == 103);
  std::size_t cadres = 0;
  for (std::size_t i = 0; i < h.size(); ++i)
    if (h.status[i] == Status::cadre) {
      ++cadres;
      CHECK(-h.member_since[i] >= 60);
    }
  CHECK(cadres == 103);
  CHECK(s.violators_per_1000 == 37);

  // 20,000 households in cells of 48: 417 cells, the last of 32.
  const Cells& cells = s.cells;
  REQUIRE(cells.size() == 417);
  CHECK(cells.first(416) == 19968);
  CHECK(cells.end(416) == 20000);
  std::set<double> budgets;
  double budget_sum = 0;
  for (std::size_t cell = 0; cell < cells.size(); ++cell) {
    INFO("cell " << cell);
    CHECK(cells.entry_price[cell] == 321);
    CHECK(cells.smoothed_income[cell] == Approx(0.25 * 321));  // the quota's admissions
    for (int k = 0; k < kDemandWindowMonths; ++k) CHECK(cells.window(cell)[k] == 0.25);
    CHECK(cells.recruiting[cell] == 0);
    CHECK(cells.selling_skips[cell] == 0);
    CHECK(cells.admission_budget[cell] > 0);
    CHECK(cells.admission_budget[cell] < 1);
    budgets.insert(cells.admission_budget[cell]);
    budget_sum += cells.admission_budget[cell];
  }
  // Budgets Uniform(0, 1), one draw per cell: mean 0.5, sd 0.289 / sqrt(417) = 0.014.
  CHECK(budgets.size() == cells.size());
  CHECK(budget_sum / static_cast<double>(cells.size()) == Approx(0.5).margin(5 * 0.0142));
}

TEST_CASE("the first year's cadre track holds the expected promotions of the draw",
          "[initialisation]") {
  // Expected vacancies a month: posts x (retirement + purge + turnover hazards), shared among
  // songbun classes by the draw weight g_s (1 + W / 1,000) of their members with 60+ months.
  const Simulation& sim = population();
  const SimulationState& s = sim.state();
  const Households& h = s.households;
  const std::array<double, kSongbunCount> g = {1, 0.2, 0.02};  // the default weights
  std::array<double, kSongbunCount> weight{}, members{};
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (h.status[i] != Status::member) continue;  // the initial cadres are not counted
    const int songbun = static_cast<int>(h.songbun[i]);
    members[songbun] += 1;
    if (-h.member_since[i] >= 60) weight[songbun] += g[songbun] * (1 + h.wealth[i] / 1000);
  }
  const double vacancies = 103 * (0.01 + 0.002 + 0.003);
  const double total = weight[0] + weight[1] + weight[2];
  for (int k = 0; k < kDemandWindowMonths; ++k)
    for (int songbun = 0; songbun < kSongbunCount; ++songbun) {
      INFO("month " << k << ", songbun " << songbun);
      CHECK(s.promotion_history.members[k][songbun] == members[songbun]);
      CHECK(s.promotion_history.promotions[k][songbun] ==
            Approx(vacancies * weight[songbun] / total).epsilon(1e-12));
    }
  const auto rate = s.promotion_history.monthly_rate();
  for (int songbun = 0; songbun < kSongbunCount; ++songbun)
    CHECK(rate[songbun] == Approx(vacancies * weight[songbun] / total / members[songbun]));
  // Opinions start at each household's own value of membership, with this track's cadre chance
  // (the values of the work choice at t = 0 are those initialisation left in the state).
  const MonthContext c = MonthContext::at(s.scenario, 0, 37, rate);
  for (std::size_t i = 0; i < h.size(); i += 7) CHECK(h.opinion[i] == membership_value(s, c, i));
}

TEST_CASE("a replaced household starts afresh: status, dates, wealth and traits reset",
          "[demography]") {
  // Every household dissolves (hazard 1) in month 5. Before, each carries marks of a past:
  // every status, dates, detention, a fortune, extreme traits, an event of the month.
  Simulation sim(test::scenario_with({{"households", "6000"}, {"months", "12"},
                                      {"population.turnover_rate", "1"}}));
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  const int t = 5;
  const Ties ties = s.ties;
  const std::vector<Songbun> songbun = h.songbun;
  for (std::size_t i = 0; i < h.size(); ++i) {
    h.status[i] = static_cast<Status>(i % kStatusCount);
    h.status_since[i] = 1;
    h.member_since[i] = 2;
    h.expelled_at[i] = 3;
    h.detained_until[i] = 9;
    h.ever_detained[i] = 1;
    h.wealth[i] = 1e6;
    h.skill[i] = 77;
    h.risk_aversion[i] = 99;
    h.events[i] = Event::purged;
  }
  replace_dissolved_households(s, MonthContext::at(s.scenario, t, 50, {}));
  for (std::size_t i = 0; i < h.size(); ++i) {
    INFO("household " << i);
    CHECK(h.status[i] == Status::outsider);
    CHECK(h.status_since[i] == t);
    CHECK(h.member_since[i] == kNever);
    CHECK(h.expelled_at[i] == kNever);
    CHECK(h.detained_until[i] == kNever);
    CHECK(h.songbun[i] == songbun[i]);
    // The month's events so far still count: the replacement adds its own.
    CHECK(h.events[i] == (Event::purged | Event::replaced));
  }
  CHECK(s.ties.offsets == ties.offsets);
  CHECK(s.ties.neighbours == ties.neighbours);
  // New traits from the initial distributions (defaults: wealth median 200, log-sd 1; skill
  // median 1, log-sd 0.6; risk aversion Uniform[0, 2)), over 6,000 households: means within
  // 5 sd / sqrt(6,000) = sd / 15.5, log-sds within 5 sd / sqrt(12,000) = sd / 22.
  const Moments wealth = moments(logs(h.wealth));
  CHECK(wealth.mean == Approx(std::log(200)).margin(1.0 / 15.5));
  CHECK(wealth.sd == Approx(1.0).margin(1.0 / 22));
  const Moments skill = moments(logs(h.skill));
  CHECK(skill.mean == Approx(0).margin(0.6 / 15.5));
  CHECK(skill.sd == Approx(0.6).margin(0.6 / 22));
  const Moments risk = moments(h.risk_aversion);
  CHECK(risk.mean == Approx(1.0).margin(0.577 / 15.5));
  CHECK(*std::max_element(h.risk_aversion.begin(), h.risk_aversion.end()) < 2);
}

TEST_CASE("a newcomer's traits are drawn for its month, not copied from its birth",
          "[demography]") {
  // The same slot replaced in two different months gets two different households.
  Simulation sim(test::scenario_with({{"households", "200"}, {"months", "12"},
                                      {"population.turnover_rate", "1"}}));
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  const Households born = h;
  replace_dissolved_households(s, MonthContext::at(s.scenario, 3, 50, {}));
  const Households first = h;
  replace_dissolved_households(s, MonthContext::at(s.scenario, 4, 50, {}));
  for (std::size_t i = 0; i < h.size(); ++i) {
    INFO("household " << i);
    CHECK(first.wealth[i] != born.wealth[i]);
    CHECK(first.risk_aversion[i] != born.risk_aversion[i]);
    CHECK(h.wealth[i] != first.wealth[i]);
    CHECK(h.skill[i] != first.skill[i]);
    CHECK(h.risk_aversion[i] != first.risk_aversion[i]);
  }
}

TEST_CASE("a newcomer without ties starts with an opinion of 0", "[demography]") {
  Simulation sim(test::scenario_with({{"households", "100"}, {"months", "12"},
                                      {"network.ties_in_cell", "0"},
                                      {"network.ties_anywhere", "0"},
                                      {"population.turnover_rate", "1"}}));
  SimulationState& s = sim.mutable_state();
  for (std::size_t i = 0; i < s.households.size(); ++i) {
    s.households.opinion[i] = 9;
    s.households.opinion_last[i] = 7;
  }
  replace_dissolved_households(s, MonthContext::at(s.scenario, 1, 50, {}));
  for (const double o : s.households.opinion) CHECK(o == 0);
}

TEST_CASE("a dissolved cadre frees its post and a dissolved applicant leaves the queue",
          "[demography]") {
  // 2,000 households in cells of 50: every tenth a cadre (200 posts, all filled), every tenth
  // an applicant, the rest members eligible for a post. A quarter dissolve.
  Simulation sim(test::scenario_with({{"households", "2000"}, {"months", "12"},
                                      {"population.turnover_rate", "0.25"},
                                      {"cadres.cadre_exit_rate", "0"},
                                      {"secretary.quota", "50"}}));
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  for (std::size_t i = 0; i < h.size(); ++i) {
    h.status[i] = i % 10 == 0 ? Status::cadre : i % 10 == 1 ? Status::applicant : Status::member;
    h.status_since[i] = 0;
    h.member_since[i] = -100;
    h.detained_until[i] = kNever;
    h.wealth[i] = 1e5;
    h.events[i] = 0;
  }
  s.cadre_posts = 200;
  replace_dissolved_households(s, MonthContext::at(s.scenario, 3, 50, {}));
  std::size_t cadres_replaced = 0;
  std::vector<bool> replaced(h.size());
  for (std::size_t i = 0; i < h.size(); ++i) {
    replaced[i] = (h.events[i] & Event::replaced) != 0;
    cadres_replaced += replaced[i] && i % 10 == 0;
  }
  REQUIRE(cadres_replaced > 0);  // 50 expected
  for (auto& e : h.events) e = 0;
  // Next month the freed posts, and only they, are filled; the queue admits every applicant
  // still there (a quota of 50 a month), and none of the newcomers in former applicants' slots.
  fill_cadre_posts(s, MonthContext::at(s.scenario, 4, 50, {}));
  std::size_t promoted = 0, cadres = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    promoted += (h.events[i] & Event::promoted_cadre) != 0;
    cadres += h.status[i] == Status::cadre;
  }
  CHECK(promoted == cadres_replaced);
  CHECK(cadres == 200);
  run_secretaries(s, MonthContext::at(s.scenario, 4, 50, {}));
  for (std::size_t i = 1; i < h.size(); i += 10) {
    INFO("household " << i);
    CHECK(h.status[i] == (replaced[i] ? Status::outsider : Status::candidate));
  }
}
