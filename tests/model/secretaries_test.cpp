#include <catch2/catch.hpp>
#include <cmath>

#include "model/phases.hpp"
#include "model/work_options.hpp"
#include "model/simulation.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
// One cell of 20 households, all outsiders with plenty of wealth, no demand in the window.
using test::Values;
struct OneCell {
  Simulation sim;
  explicit OneCell(Values values = {})
      : sim(make(std::move(values))) {
    SimulationState& s = sim.mutable_state();
    for (std::size_t i = 0; i < s.households.size(); ++i) {
      s.households.status[i] = Status::outsider;
      s.households.wealth[i] = 1e6;
      s.households.songbun[i] = Songbun::wavering;
      s.households.events[i] = 0;
      s.households.work_option[i] = kNoWork;
    }
    for (int k = 0; k < kDemandWindowMonths; ++k) s.cells.window(0)[k] = 0;
    s.cells.admission_budget[0] = 0;
  }
  static Simulation make(Values values) {
    values.push_back({"households", "20"});
    values.push_back({"population.cell_size", "20"});
    values.push_back({"months", "600"});
    return Simulation(test::scenario_with(values));
  }
  SimulationState& state() { return sim.mutable_state(); }
  MonthContext month(int t) { return MonthContext::at(state().scenario, t, 50, {}); }
  void secretaries(int t) {
    for (auto& e : state().households.events) e = 0;
    run_secretaries(state(), month(t));
  }
  void apply(std::size_t i, int since) {
    state().households.status[i] = Status::applicant;
    state().households.status_since[i] = since;
  }
};
}  // namespace

TEST_CASE("without demand the entry price falls to the floor and stays there", "[secretaries]") {
  OneCell cell;
  double previous = cell.state().cells.entry_price[0];
  CHECK(previous == 400);
  for (int t = 0; t < 40; ++t) {
    cell.secretaries(t);
    const double price = cell.state().cells.entry_price[0];
    CHECK(price == Approx(previous * std::exp(-0.1)));  // eta * (0 - 1) / max(1, 1)
    previous = price;
  }
  for (int t = 40; t < 80; ++t) cell.secretaries(t);
  CHECK(cell.state().cells.entry_price[0] == 5.0);  // the "rabbit meat" floor
}

TEST_CASE("excess demand raises the entry price up to the cap", "[secretaries]") {
  OneCell cell(Values{{"secretary.quota_floor", "10"}});
  for (int k = 0; k < kDemandWindowMonths; ++k) cell.state().cells.window(0)[k] = 0.5;  // 6 a year
  cell.secretaries(0);
  CHECK(cell.state().cells.entry_price[0] == Approx(400 * std::exp(0.1 * (6 - 1) / 10.0)));
  for (int t = 1; t < 200; ++t) cell.secretaries(t);
  CHECK(cell.state().cells.entry_price[0] == 1000.0);
}

TEST_CASE("the queue admits the longest waiting first, ties by index", "[secretaries]") {
  OneCell cell(Values{{"secretary.quota", "1"}});
  cell.apply(7, 5);
  cell.apply(9, 3);
  cell.apply(4, 3);
  cell.secretaries(10);
  const Households& h = cell.state().households;
  CHECK(h.status[4] == Status::candidate);
  CHECK(h.status[9] == Status::applicant);
  CHECK(h.entry_paid_usd[4] == Approx(400));
  CHECK(cell.state().cells.entry_income[0] == Approx(400));
  cell.secretaries(11);
  CHECK(h.status[9] == Status::candidate);
  CHECK(h.status[7] == Status::applicant);
}

TEST_CASE("an applicant who can no longer pay is dropped and the next one admitted", "[secretaries]") {
  OneCell cell(Values{{"secretary.quota", "1"}});
  cell.apply(2, 1);
  cell.apply(3, 2);
  cell.state().households.wealth[2] = 10;
  cell.secretaries(5);
  CHECK(cell.state().households.status[2] == Status::outsider);
  CHECK(cell.state().households.events[2] & Event::dropped_unpaid);
  CHECK(cell.state().households.status[3] == Status::candidate);
}

TEST_CASE("a fractional quota admits on average quota per month", "[secretaries]") {
  for (const auto& [quota, months, expected] :
       {std::tuple{"0.08333333333333333", 24, 2}, std::tuple{"0.25", 24, 6}, std::tuple{"0.4", 10, 4}}) {
    OneCell cell(Values{{"secretary.quota", quota}, {"secretary.candidacy_months", "600"}});
    for (std::size_t i = 0; i < 20; ++i) cell.apply(i, 0);
    int admitted = 0;
    for (int t = 0; t < months; ++t) {
      cell.secretaries(t);
      for (auto e : cell.state().households.events) admitted += (e & Event::admitted) != 0;
    }
    CHECK(admitted == expected);
  }
}

TEST_CASE("candidates become members after the candidacy", "[secretaries]") {
  OneCell cell;
  cell.state().households.status[0] = Status::candidate;
  cell.state().households.status_since[0] = 0;
  cell.secretaries(11);
  CHECK(cell.state().households.status[0] == Status::candidate);
  cell.secretaries(12);
  CHECK(cell.state().households.status[0] == Status::member);
  CHECK(cell.state().households.member_since[0] == 12);
}

TEST_CASE("skip selling and recruiting switch with hysteresis", "[secretaries]") {
  OneCell cell(Values{{"secretary.income_smoothing", "1"}});  // smoothed income = this month's income
  Cells& cells = cell.state().cells;
  Households& h = cell.state().households;
  // A month in which `deals` members bought skip deals ($3 each) and nothing else paid.
  auto month_with_deals = [&](int t, int deals) {
    for (std::size_t i = 0; i < h.size(); ++i) {
      h.events[i] = i < static_cast<std::size_t>(deals) ? Event::bought_skip_deal : 0u;
      h.status[i] = Status::member;
    }
    run_secretaries(cell.state(), cell.month(t));
    CHECK(cells.income[0] == Approx(3.0 * deals));
    CHECK(cells.recruiting[0] == cells.selling_skips[0]);
    return cells.selling_skips[0];
  };
  CHECK(cells.selling_skips[0] == 0);
  CHECK(month_with_deals(0, 2) == 0);  // $6: above the $5 reservation, below 1.5 x: stays off
  CHECK(month_with_deals(1, 1) == 1);  // $3 < $5: on
  CHECK(month_with_deals(2, 2) == 1);  // $6, between the thresholds: stays on
  CHECK(month_with_deals(3, 3) == 0);  // $9 > $7.5: off
  CHECK(month_with_deals(4, 2) == 0);  // $6: stays off
}
