// Applications and withdrawals (phase 6, docs/ODD.md section 7.6): who may apply, at what
// probability, the reapply ban, and who withdraws. Households are set up so that their opinion is
// known exactly: peer weight 0, equal member and outsider values, no cadre chance, no expulsion
// loss, so the opinion of a Party household is status_value, and that of anyone else
// status_value - P_j m_s / H.
#include <catch2/catch.hpp>
#include <array>
#include <cmath>
#include <string>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
struct World {
  Simulation sim;
  explicit World(std::size_t n, test::Values values) : sim(make(n, std::move(values))) {
    SimulationState& s = sim.mutable_state();
    Households& h = s.households;
    for (std::size_t i = 0; i < n; ++i) {
      h.status[i] = Status::outsider;
      h.status_since[i] = -50;
      h.songbun[i] = Songbun::wavering;
      h.wealth[i] = 1000;
      h.value_member[i] = 0;
      h.value_outsider[i] = 0;
      h.expulsion_loss[i] = 0;
      h.detained_until[i] = kNever;
      h.expelled_at[i] = kNever;
      h.events[i] = 0;
    }
    s.cells.entry_price.assign(s.cells.size(), 0.0);
    s.cells.recruiting.assign(s.cells.size(), 0);
    s.cells.applications_window.assign(s.cells.applications_window.size(), -1.0);
  }
  static Simulation make(std::size_t n, test::Values values) {
    values.push_back({"households", std::to_string(n)});
    values.push_back({"months", "60"});
    values.push_back({"network.peer_weight", "0"});
    values.push_back({"purges.purge_rate", "0"});  // f = 1: the opinion is the status value
    return Simulation(test::scenario_with(values));
  }
  SimulationState& state() { return sim.mutable_state(); }
  Households& households() { return sim.mutable_state().households; }
  // Phase 6 in month t, with no cadre chance (no promotions observed).
  void run(int t) {
    update_opinions_and_applications(state(), MonthContext::at(state().scenario, t, 50, {}));
  }
};

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
}  // namespace

TEST_CASE("outsiders apply with probability review_rate x logistic(opinion / tau)",
          "[opinions][applications]") {
  // 10,000 eligible outsiders per case; the count is Binomial(10,000, p), checked within 5 sd.
  // The cases tell apart a missing tau (o / 1), a sign error, and a missing logistic or rate.
  struct Case {
    const char* status_value;
    const char* tau;
    double review_rate;
  };
  for (const Case& k : {Case{"2", "2", 0.3}, Case{"-2", "2", 0.3}, Case{"3", "1", 0.1}}) {
    const std::size_t n = 10000;
    World world(n, {{"opinion.status_value", k.status_value},
                    {"opinion.choice_temperature", k.tau},
                    {"opinion.review_rate", std::to_string(k.review_rate)}});
    const int t = 17;
    world.run(t);
    const Households& h = world.households();
    const double p = k.review_rate * logistic(std::stod(k.status_value) / std::stod(k.tau));
    double applied = 0;
    int wrong = 0;  // households whose opinion, events or status_since are not as documented
    for (std::size_t i = 0; i < n; ++i) {
      const bool did = h.status[i] == Status::applicant;
      applied += did;
      wrong += h.opinion[i] != std::stod(k.status_value) ||
               !(h.events[i] & Event::eligible_to_apply) ||
               ((h.events[i] & Event::applied) != 0) != did ||
               h.status_since[i] != (did ? t : -50) ||
               (!did && h.status[i] != Status::outsider);
    }
    CHECK(wrong == 0);
    const double expected = n * p;  // 2,193 (sd 41); 807 (sd 27); 953 (sd 29)
    INFO("status_value " << k.status_value << ", tau " << k.tau);
    CHECK(applied == Approx(expected).margin(5 * std::sqrt(expected * (1 - p))));
    // Each cell's applications of the month go to slot t mod 12 of its window.
    const Cells& cells = world.state().cells;
    double windows = 0;
    for (std::size_t cell = 0; cell < cells.size(); ++cell) {
      double in_cell = 0;
      for (std::size_t i = cells.first(cell); i < cells.end(cell); ++i)
        in_cell += h.status[i] == Status::applicant;
      CHECK(cells.window(cell)[t % kDemandWindowMonths] == in_cell);
      CHECK(cells.window(cell)[(t + 1) % kDemandWindowMonths] == -1.0);  // other months untouched
      windows += cells.window(cell)[t % kDemandWindowMonths];
    }
    CHECK(windows == applied);
  }
}

TEST_CASE("only outsiders and the expelled past the ban apply, not detained, if they can pay",
          "[opinions][applications]") {
  // review_rate 1 and an opinion of about 48 (logistic = 1 in doubles): every eligible household
  // applies, every other one keeps its status. The ban is 24 months, the month is 30.
  World world(14, {{"opinion.review_rate", "1"},
                   {"opinion.status_value", "50"},
                   {"purges.reapply_ban_months", "24"}});
  Households& h = world.households();
  const int t = 30;
  struct Setup {
    Status status;
    std::int32_t expelled_at;
    std::int32_t detained_until;
    double wealth;
    bool may_apply;
  };
  const double price = 100 * 2.5;  // the cell's price x the hostile multiplier
  const Setup setups[] = {
      {Status::outsider, kNever, kNever, 1000, true},
      {Status::applicant, kNever, kNever, 1000, false},
      {Status::candidate, kNever, kNever, 1000, false},
      {Status::member, kNever, kNever, 1000, false},
      {Status::cadre, kNever, kNever, 1000, false},
      {Status::expelled, t - 23, kNever, 1000, false},  // month ban - 1 after the expulsion
      {Status::expelled, t - 24, kNever, 1000, true},   // month ban: the ban is over
      {Status::expelled, t - 100, kNever, 1000, true},
      {Status::outsider, t - 23, kNever, 1000, true},   // an old expulsion bans only the expelled
      {Status::outsider, kNever, t + 1, 1000, false},   // detained this month
      {Status::outsider, kNever, t, 1000, true},        // released this month
      {Status::expelled, t - 24, t + 3, 1000, false},   // past the ban but detained
      {Status::outsider, kNever, kNever, price - 0.01, false},  // cannot pay the price
      {Status::outsider, kNever, kNever, price, true},          // can, exactly
  };
  for (std::size_t i = 0; i < 14; ++i) {
    h.status[i] = setups[i].status;
    h.expelled_at[i] = setups[i].expelled_at;
    h.detained_until[i] = setups[i].detained_until;
    h.wealth[i] = setups[i].wealth;
    h.songbun[i] = Songbun::hostile;
  }
  world.state().cells.entry_price.assign(world.state().cells.size(), 100.0);
  world.run(t);
  for (std::size_t i = 0; i < 14; ++i) {
    INFO("household " << i);
    CHECK(((h.events[i] & Event::eligible_to_apply) != 0) == setups[i].may_apply);
    CHECK(((h.events[i] & Event::applied) != 0) == setups[i].may_apply);
    CHECK(h.status[i] == (setups[i].may_apply ? Status::applicant : setups[i].status));
  }
  CHECK(world.state().cells.window(0)[t % kDemandWindowMonths] == 6);
}

TEST_CASE("the expelled apply at the outsiders' rate once the ban is over",
          "[opinions][applications]") {
  // 10,000 expelled households, half at month ban - 1 after their expulsion (none may apply),
  // half at month ban (each applies with review_rate x logistic(o / tau)).
  const std::size_t n = 10000;
  World world(n, {{"opinion.review_rate", "0.4"},
                  {"opinion.status_value", "1"},
                  {"purges.reapply_ban_months", "36"}});
  Households& h = world.households();
  const int t = 40;
  for (std::size_t i = 0; i < n; ++i) {
    h.status[i] = Status::expelled;
    h.expelled_at[i] = i % 2 ? t - 36 : t - 35;
  }
  world.run(t);
  double banned = 0, past_ban = 0;
  for (std::size_t i = 0; i < n; ++i)
    (i % 2 ? past_ban : banned) += h.status[i] == Status::applicant;
  CHECK(banned == 0);
  const double p = 0.4 * logistic(1.0);  // 0.292: 1,462 of 5,000 expected, sd 32
  CHECK(past_ban == Approx(5000 * p).margin(5 * std::sqrt(5000 * p * (1 - p))));
}

TEST_CASE("applicants and candidates with a negative opinion withdraw at review_rate",
          "[opinions][applications]") {
  // 12,000 households: applicants, candidates, members, cadres, outsiders, expelled in turn,
  // half of them detained; opinion -1 for all. Only applicants and candidates withdraw, detained
  // or not, each with probability 0.2: 400 expected of each 2,000, sd 18.
  const std::size_t n = 12000;
  World world(n, {{"opinion.review_rate", "0.2"}, {"opinion.status_value", "-1"}});
  Households& h = world.households();
  const Status statuses[] = {Status::applicant, Status::candidate, Status::member,
                             Status::cadre,     Status::outsider,  Status::expelled};
  for (std::size_t i = 0; i < n; ++i) {
    h.status[i] = statuses[i % 6];
    h.detained_until[i] = i % 12 < 6 ? 100 : kNever;
    h.expelled_at[i] = -100;  // past the ban of the expelled (120 months)
  }
  const int t = 25;
  world.run(t);
  std::array<double, 6> withdrew{};
  int wrong = 0;  // withdrawn households that are not outsiders since t, or applied too
  for (std::size_t i = 0; i < n; ++i) {
    const bool did = (h.events[i] & Event::withdrew) != 0;
    withdrew[i % 6] += did;
    wrong += did && (h.status[i] != Status::outsider || h.status_since[i] != t ||
                     (h.events[i] & Event::applied) != 0);
  }
  CHECK(wrong == 0);
  for (int k : {0, 1}) CHECK(withdrew[k] == Approx(400).margin(5 * std::sqrt(400 * 0.8)));
  double detained_withdrew = 0;
  for (std::size_t i = 0; i < n; ++i)
    detained_withdrew += i % 12 < 2 && (h.events[i] & Event::withdrew);
  CHECK(detained_withdrew == Approx(400).margin(5 * std::sqrt(400 * 0.8)));
  for (int k : {2, 3, 4, 5}) CHECK(withdrew[k] == 0);
  // Members and cadres keep their status.
  int changed = 0;
  for (std::size_t i = 0; i < n; ++i)
    changed += (i % 6 == 2 || i % 6 == 3) && h.status[i] != statuses[i % 6];
  CHECK(changed == 0);
}

TEST_CASE("an opinion of exactly 0 is not negative: nobody withdraws", "[opinions][applications]") {
  // review_rate 1: every applicant and candidate with o < 0 would withdraw; at o = 0 none does,
  // and at o = -0.001 all do.
  for (const char* value : {"0", "-0.001"}) {
    World world(200, {{"opinion.review_rate", "1"}, {"opinion.status_value", value}});
    Households& h = world.households();
    auto status_before = [](std::size_t i) {
      return i % 2 ? Status::candidate : Status::applicant;
    };
    for (std::size_t i = 0; i < 200; ++i) h.status[i] = status_before(i);
    world.run(5);
    const bool negative = std::string(value) != "0";
    for (std::size_t i = 0; i < 200; ++i) {
      INFO("status_value " << value << ", household " << i);
      CHECK(h.status[i] == (negative ? Status::outsider : status_before(i)));
      CHECK(((h.events[i] & Event::withdrew) != 0) == negative);
    }
  }
}
