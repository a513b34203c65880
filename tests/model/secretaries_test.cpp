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

namespace {
// Runs the secretaries' phase on a month in which the first `deals` households, all members,
// bought skip deals ($3 each) and nothing else paid; the cell's income is then $3 x deals.
void run_month_with_deals(OneCell& cell, int t, int deals) {
  Households& h = cell.state().households;
  for (std::size_t i = 0; i < h.size(); ++i) {
    h.events[i] = i < static_cast<std::size_t>(deals) ? Event::bought_skip_deal : 0u;
    h.status[i] = Status::member;
  }
  run_secretaries(cell.state(), cell.month(t));
  REQUIRE(cell.state().cells.income[0] == Approx(3.0 * deals));
}
}  // namespace

TEST_CASE("skip selling and recruiting switch with hysteresis", "[secretaries]") {
  // Smoothed income = this month's income; both reservation incomes $5, so that both flags follow
  // the same rule (the next test sets them apart).
  OneCell cell(Values{{"secretary.income_smoothing", "1"},
                      {"secretary.secretary_reservation_income", "5"},
                      {"secretary.secretary_skip_reservation_income", "5"}});
  Cells& cells = cell.state().cells;
  auto month_with_deals = [&](int t, int deals) {
    run_month_with_deals(cell, t, deals);
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

TEST_CASE("recruiting and skip selling are two decisions, each with its own reservation income",
          "[secretaries]") {
  // Skip deals are sold below $8 of smoothed income and recruiting starts below $4: an income of
  // $6 sells skips without recruiting, one of $3 does both, and $10 (above 1.5 x $4 but not 1.5 x
  // $8) stops recruiting only.
  OneCell cell(Values{{"secretary.income_smoothing", "1"},
                      {"secretary.secretary_reservation_income", "4"},
                      {"secretary.secretary_skip_reservation_income", "8"}});
  Cells& cells = cell.state().cells;
  auto month_with_deals = [&](int t, int deals) {
    run_month_with_deals(cell, t, deals);
    return std::pair{int{cells.recruiting[0]}, int{cells.selling_skips[0]}};
  };
  CHECK(month_with_deals(0, 2) == std::pair{0, 1});  // $6
  CHECK(month_with_deals(1, 1) == std::pair{1, 1});  // $3
  CHECK(month_with_deals(2, 2) == std::pair{1, 1});  // $6: recruiting stays on below $6
  CHECK(month_with_deals(3, 4) == std::pair{0, 1});  // $12 > $6: recruiting off; < $12 skips on
  CHECK(month_with_deals(4, 5) == std::pair{0, 0});  // $15 > $12: both off
}

TEST_CASE("the secretary keeps dues_share of the dues of those who attended Party activities",
          "[secretaries]") {
  OneCell cell(Values{{"secretary.dues_share", "0.4"}, {"work.dues_rate", "0.05"},
                      {"work.state_wage", "3"}});
  Households& h = cell.state().households;
  auto option = [](Job job, PartyDuty duty, bool capped = false) {
    return WorkOption{job, duty, capped}.code();
  };
  for (std::size_t i = 0; i < h.size(); ++i) h.status[i] = Status::member;
  // Dues payers: Party duty "attend", whatever the job or scale.
  h.work_option[0] = option(Job::attend, PartyDuty::attend);
  h.work_option[1] = option(Job::pay_83, PartyDuty::attend);
  h.work_option[2] = option(Job::absent, PartyDuty::attend);
  h.work_option[3] = option(Job::attend, PartyDuty::attend, true);
  // Not: a skip deal, a catch that ended in detention, a cadre, the detained, no Party duty.
  h.work_option[4] = option(Job::attend, PartyDuty::skip_deal);
  h.events[4] = Event::bought_skip_deal;
  h.work_option[5] = option(Job::attend, PartyDuty::attend);
  h.events[5] = Event::detained_now;
  h.work_option[6] = kCadreWork;
  h.work_option[7] = kNoWork;
  h.work_option[8] = option(Job::attend, PartyDuty::none);
  run_secretaries(cell.state(), cell.month(0));
  const Cells& cells = cell.state().cells;
  const double dues = 4 * 0.05 * 3 * 0.4;  // payers x dues rate x wage x share
  CHECK(cells.dues_income[0] == Approx(dues).epsilon(1e-12));
  CHECK(cells.skip_income[0] == Approx(3.0));  // one deal at the $3 skip price
  CHECK(cells.entry_income[0] == 0);
  CHECK(cells.income[0] == Approx(dues + 3.0).epsilon(1e-12));
}

TEST_CASE("the smoothed income follows (1 - alpha) I-bar + alpha I and sets the flags",
          "[secretaries]") {
  // alpha = 0.3, from I-bar = 50; the month's income comes from skip deals at $3 alone. The
  // flags follow the smoothed income, not the month's: a month without income does not switch
  // them on while I-bar is above the $5 reservation (both reservation incomes set to $5).
  OneCell cell(Values{{"secretary.income_smoothing", "0.3"},
                      {"secretary.secretary_reservation_income", "5"},
                      {"secretary.secretary_skip_reservation_income", "5"}});
  Cells& cells = cell.state().cells;
  Households& h = cell.state().households;
  cells.smoothed_income[0] = 50;
  const std::vector<int> deals = {0, 0, 0, 0, 0, 0, 0, 0, 10, 2, 2, 2, 2, 2, 2, 0, 1, 3, 9, 2};
  double expected = 50;
  int flag = 0;
  bool switched_on = false, switched_off = false;
  for (std::size_t t = 0; t < deals.size(); ++t) {
    for (std::size_t i = 0; i < h.size(); ++i)
      h.events[i] = i < static_cast<std::size_t>(deals[t]) ? Event::bought_skip_deal : 0u;
    run_secretaries(cell.state(), cell.month(static_cast<int>(t)));
    const double income = 3.0 * deals[t];
    expected = 0.7 * expected + 0.3 * income;
    if (expected < 5.0) {
      switched_on |= flag == 0;
      flag = 1;
    } else if (expected > 7.5) {
      switched_off |= flag == 1;
      flag = 0;
    }
    INFO("month " << t);
    CHECK(cells.income[0] == Approx(income));
    CHECK(cells.smoothed_income[0] == Approx(expected).epsilon(1e-12));
    CHECK(cells.recruiting[0] == flag);
    CHECK(cells.selling_skips[0] == flag);
  }
  CHECK(switched_on);
  CHECK(switched_off);
}

TEST_CASE("admission charges the cell's price times the songbun multiplier", "[secretaries]") {
  // Budget for 3 admissions; price $400; multipliers core 0.5, wavering 1.5, hostile 4.
  OneCell cell(Values{{"secretary.quota", "3"},
                      {"secretary.entry_price_multiplier_core", "0.5"},
                      {"secretary.entry_price_multiplier_wavering", "1.5"},
                      {"secretary.entry_price_multiplier_hostile", "4"}});
  Households& h = cell.state().households;
  auto applicant = [&](std::size_t i, Songbun songbun, double wealth, int since) {
    cell.apply(i, since);
    h.songbun[i] = songbun;
    h.wealth[i] = wealth;
  };
  applicant(2, Songbun::core, 1000, 0);      // pays 200
  applicant(5, Songbun::wavering, 600, 1);   // exactly the 600 it must pay: admitted
  applicant(9, Songbun::hostile, 1599, 2);   // 1,600 > 1,599: dropped, the budget kept
  applicant(11, Songbun::hostile, 2000, 3);  // pays 1,600
  applicant(14, Songbun::core, 1000, 4);     // the budget is spent: waits
  cell.secretaries(6);
  CHECK(h.status[2] == Status::candidate);
  CHECK(h.entry_paid_usd[2] == 200);
  CHECK(h.wealth[2] == 800);
  CHECK(h.status[5] == Status::candidate);
  CHECK(h.entry_paid_usd[5] == 600);
  CHECK(h.wealth[5] == 0);
  CHECK(h.status[9] == Status::outsider);
  CHECK(h.events[9] & Event::dropped_unpaid);
  CHECK(h.entry_paid_usd[9] == 0);
  CHECK(h.wealth[9] == 1599);
  CHECK(h.status[11] == Status::candidate);
  CHECK(h.entry_paid_usd[11] == 1600);
  CHECK(h.wealth[11] == 400);
  CHECK(h.status[14] == Status::applicant);
  for (std::size_t i : {2, 5, 9, 11}) CHECK(h.status_since[i] == 6);
  CHECK(cell.state().cells.entry_income[0] == 2400);
}

TEST_CASE("a secretary without applicants saves up at most one admission", "[secretaries]") {
  // quota 0.75: 0.75, 1.5 -> 1, 1.75 -> 1 without applicants; then 1.75 admits one, and 0.75
  // is left (uncapped, 3 would have been saved and 3 admitted).
  OneCell cell(Values{{"secretary.quota", "0.75"}});
  for (int t = 0; t < 3; ++t) cell.secretaries(t);
  CHECK(cell.state().cells.admission_budget[0] == 1.0);
  for (std::size_t i = 0; i < 3; ++i) cell.apply(i, 3);
  cell.secretaries(3);
  int admitted = 0;
  for (auto status : cell.state().households.status) admitted += status == Status::candidate;
  CHECK(admitted == 1);
  CHECK(cell.state().cells.admission_budget[0] == Approx(0.75));
}

TEST_CASE("with a candidacy of 0 months the admitted become members the same month",
          "[secretaries]") {
  // Candidacy ends run after admissions: status_since and member_since are the month.
  OneCell cell(Values{{"secretary.quota", "1"}, {"secretary.candidacy_months", "0"}});
  cell.apply(3, 1);
  Households& h = cell.state().households;
  h.status[6] = Status::candidate;  // admitted earlier, when the candidacy was longer
  h.status_since[6] = 2;
  cell.secretaries(8);
  CHECK(h.status[6] == Status::member);
  CHECK(h.status_since[6] == 8);
  CHECK(h.member_since[6] == 8);
  CHECK(h.status[3] == Status::member);
  CHECK(h.status_since[3] == 8);
  CHECK(h.member_since[3] == 8);
  CHECK(h.events[3] == (Event::admitted | Event::promoted_member));
  CHECK(h.entry_paid_usd[3] == 400);
}

TEST_CASE("quotas that add up to one in rounding admit in the month they reach one",
          "[secretaries]") {
  // docs/ODD.md section 7.7: admit while budget >= 1 - 1e-9. From a budget of 0, the month of the
  // first admission is the first month n with n x quota >= 1: month 10 for 0.1 (ten additions of
  // 0.1 make 0.9999999999999999 in floating point, which the tolerance counts as one), month 12
  // for 1/12, month 4 for 0.25; none before it.
  for (const auto& [quota, month] :
       {std::pair{"0.1", 10}, std::pair{"0.08333333333333333", 12}, std::pair{"0.25", 4}}) {
    INFO("quota " << quota);
    OneCell cell(Values{{"secretary.quota", quota}, {"secretary.candidacy_months", "600"}});
    for (std::size_t i = 0; i < 20; ++i) cell.apply(i, 0);
    for (int t = 0; t < month; ++t) {
      cell.secretaries(t);
      int admitted = 0;
      for (auto e : cell.state().households.events) admitted += (e & Event::admitted) != 0;
      INFO("month " << t + 1);
      CHECK(admitted == (t + 1 == month ? 1 : 0));
    }
  }
}

TEST_CASE("a budget of exactly 1 - 1e-9 is a whole admission and one a little short is not",
          "[secretaries]") {
  // docs/ODD.md section 7.7: admit while budget >= 1 - 1e-9. A quota of 0.999999999 a month (the
  // double nearest 1 - 1e-9) from a budget of 0 holds exactly that after one month and admits;
  // 0.999999998 falls short and admits no one, the budget kept for the next month.
  for (const auto& [quota, admits] :
       {std::pair{"0.999999999", true}, std::pair{"0.999999998", false}}) {
    INFO("quota " << quota);
    OneCell cell(Values{{"secretary.quota", quota}});
    if (admits) REQUIRE(cell.month(0)[P::quota] == 1.0 - 1e-9);
    cell.apply(4, 0);
    cell.apply(8, 0);
    cell.secretaries(0);
    const Households& h = cell.state().households;
    CHECK(h.status[4] == (admits ? Status::candidate : Status::applicant));
    CHECK(h.status[8] == Status::applicant);  // one admission at most
    CHECK(cell.state().cells.admission_budget[0] ==
          Approx(admits ? -1e-9 : 0.999999998).margin(1e-15));
  }
}

TEST_CASE("each cell's queue holds only its own applicants", "[secretaries]") {
  // Two cells of 20. The first household of cell 1 has waited longer than cell 0's only
  // applicant: each secretary must still admit its own (a search that ran one past its cell's end
  // would find cell 1's applicant, take it for "nobody" and admit no one in cell 0).
  Simulation sim(test::scenario_with({{"households", "40"}, {"population.cell_size", "20"},
                                      {"secretary.quota", "1"}, {"months", "12"}}));
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  for (std::size_t i = 0; i < h.size(); ++i) {
    test::make_plain_outsider(h, i);
    h.wealth[i] = 1e6;
    h.work_option[i] = kNoWork;
  }
  for (std::size_t cell = 0; cell < 2; ++cell) {
    for (int k = 0; k < kDemandWindowMonths; ++k) s.cells.window(cell)[k] = 0;
    s.cells.admission_budget[cell] = 0;  // plus the quota of 1: one admission each this month
  }
  h.status[5] = Status::applicant;
  h.status_since[5] = 5;
  h.status[20] = Status::applicant;  // cell 1's first household, waiting since month 1
  h.status_since[20] = 1;
  run_secretaries(s, MonthContext::at(s.scenario, 10, 50, {}));
  CHECK(h.status[5] == Status::candidate);
  CHECK(h.status[20] == Status::candidate);
  CHECK(s.cells.entry_income[0] > 0);
  CHECK(s.cells.entry_income[1] > 0);
}
