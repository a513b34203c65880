#include <catch2/catch.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "test_support.hpp"

using namespace partysim;

TEST_CASE("opinions mix own value with neighbours' opinions of last month", "[opinions]") {
  // The status value set (v2's 15), not the default, since own_value() below writes it out.
  Simulation sim(test::scenario_with({{"households", "200"}, {"months", "12"},
                                      {"network.peer_weight", "0.25"},
                                      {"opinion.review_rate", "0"},
                                      {"opinion.status_value", "15"}}));
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  // Promotion rates pi_s by songbun, so that the cadre term counts too.
  const std::array<double, kSongbunCount> promotion_rate = {0.004, 0.001, 0.0002};
  const MonthContext c = MonthContext::at(s.scenario, 0, 50, promotion_rate);
  choose_work(s, c);
  for (std::size_t i = 0; i < h.size(); ++i) h.opinion[i] = static_cast<double>(i);  // last month's
  s.cells.recruiting.assign(s.cells.size(), 0);
  // Own value: Delta V of docs/ODD.md section 7.6 from phase 2's values (which include the
  // expected shakedowns), written out (status value 15 as set; defaults: purge rate 0.001,
  // R = 30 + 0.5 x 20, H = 120, price multipliers 0.8, 1, 2.5).
  auto own_value = [&](std::size_t i) {
    const int songbun = static_cast<int>(h.songbun[i]);
    const double cadre_chance = 1.0 - std::pow(1.0 - promotion_rate[songbun], 120.0);
    const double multiplier[] = {0.8, 1.0, 2.5};
    const bool paid = h.status[i] == Status::candidate || h.status[i] == Status::member ||
                      h.status[i] == Status::cadre;
    const double member = h.value_member[i], outsider = h.value_outsider[i];
    const double expulsion_loss = h.expulsion_loss[i];
    const double tenure = (1 - std::pow(0.999, 120.0)) / (0.001 * 120);  // f
    return (member - outsider) + tenure * (15 + cadre_chance * (40 - member) / 2) -
           0.001 * expulsion_loss -
           (paid ? 0.0 : s.cells.entry_price[s.cells.cell_of(i)] * multiplier[songbun] / 120);
  };
  update_opinions_and_applications(s, c);
  int outsiders = 0, members = 0;
  for (std::size_t i = 0; i < h.size(); i += 7) {
    double neighbours = 0;
    for (auto k = s.ties.offsets[i]; k < s.ties.offsets[i + 1]; ++k) neighbours += s.ties.neighbours[k];
    neighbours /= static_cast<double>(s.ties.degree(i));
    CHECK(h.opinion_last[i] == static_cast<double>(i));
    CHECK(h.opinion[i] == Approx(0.75 * own_value(i) + 0.25 * neighbours).epsilon(1e-9));
    outsiders += h.status[i] == Status::outsider;
    members += h.status[i] == Status::member;
  }
  CHECK(outsiders > 0);  // both sides of the entry price are checked
  CHECK(members > 0);
}

TEST_CASE("recruiting adds the boost to outsiders only", "[opinions]") {
  Simulation sim(test::scenario_with({{"households", "100"}, {"months", "12"},
                                      {"opinion.review_rate", "0"}, {"opinion.recruit_boost", "7"}}));
  SimulationState& s = sim.mutable_state();
  const MonthContext c = MonthContext::at(s.scenario, 0, 50, {});
  choose_work(s, c);
  const std::vector<double> last = s.households.opinion;
  s.cells.recruiting.assign(s.cells.size(), 0);
  update_opinions_and_applications(s, c);
  const std::vector<double> plain = s.households.opinion;
  s.households.opinion = last;
  s.cells.recruiting.assign(s.cells.size(), 1);
  update_opinions_and_applications(s, c);
  for (std::size_t i = 0; i < s.households.size(); ++i)
    CHECK(s.households.opinion[i] - plain[i] ==
          Approx(s.households.status[i] == Status::outsider ? 7.0 : 0.0));
}

TEST_CASE("ties: in-cell ties stay in the cell, none to oneself, none repeated", "[ties]") {
  Simulation sim(test::scenario_with({{"households", "1030"}, {"months", "1"}}));
  const SimulationState& s = sim.state();
  for (std::size_t i = 0; i < s.households.size(); ++i) {
    const std::size_t cell = s.cells.cell_of(i);
    const std::size_t cell_members = s.cells.end(cell) - s.cells.first(cell);
    const std::size_t local = std::min<std::size_t>(6, cell_members - 1);
    REQUIRE(s.ties.degree(i) == local + 2);
    for (std::size_t k = 0; k < local; ++k) {
      const auto j = s.ties.neighbours[s.ties.offsets[i] + k];
      CHECK(s.cells.cell_of(j) == cell);
      CHECK(j != i);
      for (std::size_t m = 0; m < k; ++m) CHECK(s.ties.neighbours[s.ties.offsets[i] + m] != j);
    }
  }
}

TEST_CASE("a dissolved household is replaced by a new outsider in its slot", "[demography]") {
  Simulation sim(test::scenario_with({{"households", "500"}, {"months", "12"},
                                      {"population.turnover_rate", "1"}}));
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  const std::vector<Songbun> songbun = h.songbun;
  const std::vector<float> skill = h.skill;
  for (std::size_t i = 0; i < h.size(); ++i) {
    h.events[i] = 0;
    h.ever_detained[i] = 1;
  }
  replace_dissolved_households(s, MonthContext::at(s.scenario, 3, 50, {}));
  int new_skill = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    CHECK(h.events[i] & Event::replaced);
    CHECK(h.status[i] == Status::outsider);
    CHECK(h.songbun[i] == songbun[i]);
    CHECK(h.ever_detained[i] == 0);
    CHECK(h.opinion[i] == Approx(s.ties.neighbour_mean(i, h.opinion_last, 0.0)));
    new_skill += h.skill[i] != skill[i];
  }
  CHECK(new_skill == 500);
}

TEST_CASE("households dissolve at the turnover rate, wherever they sit in their cell",
          "[demography]") {
  // The gaps between dissolutions in a cell are geometric: over many cells and months, the count
  // is Binomial(N x months, h), and the first, middle and last slots of a cell are as likely.
  Simulation sim(test::scenario_with({{"households", "20000"}, {"months", "12"},
                                      {"population.turnover_rate", "0.05"}}));
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  const int months = 12;
  double total = 0;
  std::vector<double> by_slot(50, 0);
  for (int t = 0; t < months; ++t) {
    for (std::size_t i = 0; i < h.size(); ++i) h.events[i] = 0;
    replace_dissolved_households(s, MonthContext::at(s.scenario, t, 50, {}));
    for (std::size_t i = 0; i < h.size(); ++i) {
      const bool replaced = (h.events[i] & Event::replaced) != 0;
      total += replaced;
      by_slot[i % 50] += replaced;
    }
  }
  const double expected = 20000.0 * months * 0.05;  // 12,000, sd about 107
  CHECK(total == Approx(expected).margin(4 * std::sqrt(expected * 0.95)));
  const double per_slot = expected / 50;  // 240, sd about 15
  for (int slot : {0, 25, 49}) CHECK(by_slot[slot] == Approx(per_slot).margin(4 * 15.1));
  // No dissolutions at hazard 0.
  Simulation none(test::scenario_with({{"households", "1000"}, {"population.turnover_rate", "0"}}));
  for (std::size_t i = 0; i < none.state().households.size(); ++i)
    none.mutable_state().households.events[i] = 0;
  replace_dissolved_households(none.mutable_state(),
                               MonthContext::at(none.state().scenario, 0, 50, {}));
  for (std::size_t i = 0; i < none.state().households.size(); ++i)
    CHECK_FALSE(none.state().households.events[i] & Event::replaced);
}

TEST_CASE("ties: in a population of two each household is the other's tie anywhere", "[ties]") {
  // Cells of one household: no tie in the cell, and one household anywhere, however many ties
  // anywhere are asked for.
  Cells cells;
  cells.cell_size = 1;
  cells.household_count = 2;
  cells.resize(2);
  const Ties ties = build_ties(cells, 5, 3, KeyedRng(4));
  REQUIRE(ties.offsets.size() == 3);
  CHECK(ties.degree(0) == 1);
  CHECK(ties.degree(1) == 1);
  CHECK(ties.neighbours[ties.offsets[0]] == 1);
  CHECK(ties.neighbours[ties.offsets[1]] == 0);
}

TEST_CASE("the local norm pulls opinion by k (n - 1/2), fading with a positive own value",
          "[opinions]") {
  // peer_weight 0: without the norm the opinion is the household's own value, so the test reads
  // own values from a run with k = 0 and checks the pull against the share n of ties whose
  // opinion of last month was negative.
  constexpr double k = 4;
  auto run = [](const char* norm_pressure) {
    Simulation sim(test::scenario_with({{"households", "300"}, {"months", "12"},
                                        {"network.peer_weight", "0"},
                                        {"opinion.review_rate", "0"},
                                        {"opinion.norm_pressure", norm_pressure}}));
    SimulationState& s = sim.mutable_state();
    const MonthContext c = MonthContext::at(s.scenario, 0, 50, {});
    choose_work(s, c);
    Households& h = s.households;
    for (std::size_t i = 0; i < h.size(); ++i) h.opinion[i] = i % 3 ? -1.0 : 1.0;  // last month's
    s.cells.recruiting.assign(s.cells.size(), 0);
    update_opinions_and_applications(s, c);
    return std::make_pair(h.opinion, s.ties);
  };
  const auto [own, ties] = run("0");
  const auto [with_norm, same_ties] = run("4");
  int pushed_down = 0, pulled_up = 0, faded = 0;
  for (std::size_t i = 0; i < own.size(); ++i) {
    INFO("household " << i);
    REQUIRE(ties.degree(i) > 0);
    double negative = 0;
    for (auto t = ties.offsets[i]; t < ties.offsets[i + 1]; ++t)
      negative += ties.neighbours[t] % 3 != 0;
    const double n = negative / static_cast<double>(ties.degree(i));
    const double pull = k * (n - 0.5) * std::exp(-std::max(own[i], 0.0) / k);
    CHECK(with_norm[i] == Approx(own[i] - pull).margin(1e-12));
    pushed_down += n > 0.5;
    pulled_up += n < 0.5;
    faded += own[i] > 0 && n != 0.5;
  }
  CHECK(pushed_down > 0);  // both directions of the pull and its fading are exercised
  CHECK(pulled_up > 0);
  CHECK(faded > 0);
}
