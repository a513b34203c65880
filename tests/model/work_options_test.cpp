#include <catch2/catch.hpp>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/work_options.hpp"
#include "rng/keyed_rng.hpp"
#include "rng/samplers.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
MonthContext context(const test::Values& values = {}) {
  return MonthContext::at(test::scenario_with(values), 0, 50, {});
}
Chooser chooser(double skill, bool party, bool skips = false) {
  return {skill, 0.0, 1000.0, party, skips, party ? 1.2 : 1.0, 0.0};
}
}  // namespace

TEST_CASE("market time follows the job and Party duties, capped at the legal size", "[work]") {
  const MonthContext c = context();
  CHECK(option_shape(c, 1.0, {Job::attend, PartyDuty::none, false}).market_time == Approx(0.5));
  CHECK(option_shape(c, 1.0, {Job::attend, PartyDuty::attend, false}).market_time == Approx(0.35));
  CHECK(option_shape(c, 1.0, {Job::pay_83, PartyDuty::skip_deal, false}).market_time == Approx(1.0));
  const OptionShape big = option_shape(c, 3.0, {Job::absent, PartyDuty::none, false});
  CHECK(big.large);
  CHECK(big.size == Approx(3.0));
  const OptionShape capped = option_shape(c, 3.0, {Job::absent, PartyDuty::none, true});
  CHECK_FALSE(capped.large);
  CHECK(capped.size == Approx(1.5));
}

TEST_CASE("fees: 8.3 with the member multiplier, skip price, dues", "[work]") {
  const MonthContext c = context();
  CHECK(option_fees(c, {Job::pay_83, PartyDuty::none, false}, false) == Approx(6.5));
  CHECK(option_fees(c, {Job::pay_83, PartyDuty::attend, false}, true) == Approx(6.5 * 3 + 0.02 * 2));
  CHECK(option_fees(c, {Job::attend, PartyDuty::skip_deal, false}, true) == Approx(3.0));
}

TEST_CASE("the 8.3 fee follows the market return with fee_83_market_share", "[work]") {
  // fee = fee_83 + share x A_t: $6.5 + 0.2 x $25 = $11.5; members pay 3 times as much.
  const MonthContext c =
      context({{"market.market_return", "25"}, {"work.fee_83_market_share", "0.2"}});
  CHECK(option_fees(c, {Job::pay_83, PartyDuty::none, false}, false) == Approx(11.5));
  CHECK(option_fees(c, {Job::pay_83, PartyDuty::skip_deal, false}, true) == Approx(11.5 * 3 + 3));
}

TEST_CASE("expected net income counts wage, fees and weighted expected losses", "[work]") {
  const MonthContext c = context({{"market.market_return", "20"}});
  Chooser who = chooser(1.0, false);
  who.risk_aversion = 1.0;
  // absent, full time: income 20, absence caught with p = 0.02 and bribe 1.5 * 20 = 30.
  const OptionValue absent = evaluate_option(c, who, {Job::absent, PartyDuty::none, false});
  CHECK(absent.catch_probability == Approx(0.02));
  CHECK(absent.enforcement_cost == Approx(0.02 * 30));
  CHECK(absent.net == Approx(20 - 2 * 0.02 * 30));
  // Too poor for the bribe: the loss is detention (6 months of income) plus the wealth.
  who.wealth = 10;
  const OptionValue poor = evaluate_option(c, who, {Job::absent, PartyDuty::none, false});
  CHECK(poor.enforcement_cost == Approx(0.02 * (6 * 20 + 10)));
}

TEST_CASE("a household whose wealth is exactly the bribe pays it and is not detained", "[work]") {
  // docs/ODD.md section 7.2: loss_k = B_k if W >= B_k, else D = detention_months x gross + W.
  // Numbers exact in binary: A = 16, legal size 1, beta = 2, crackdown and absence detection
  // 1/64, gamma = 1. An outsider of skill 2 (s = 1, rho 0): absent or paying the 8.3 fee, the
  // business is v = 2, large, caught with p = 1/64 x 2 = 1/32 for a bribe of 16 x 2^2 = 64;
  // absent, also caught with p = 1/64 for a bribe of 1.5 x 16 = 24. gross = 32, D = 192 + W.
  //   W = 64 (the large bribe) or 1000: C = 64/32 + 24/64 = 2.375, net = 32 - 2.375 = 29.625;
  //   W = 24 (the absence bribe): C = (192 + 24)/32 + 24/64 = 7.125, net = 24.875;
  //   W = 63.5 (short of the large bribe): C = 255.5/32 + 0.375 = 8.359375, net = 23.640625.
  // The best is absent at full scale for all four (attending the job: 16 + 2 = 18; paying the
  // fee: 32 - 6.5 - p_large x loss_large; capped and absent: 16 - 0.375). Were W = B counted as
  // too poor to pay, the first two would have C = 8.375 and 10.125.
  const MonthContext c = context({{"market.market_return", "16"},
                                  {"market.legal_size", "1"},
                                  {"enforcement.bribe_size_exponent", "2"},
                                  {"enforcement.crackdown_rate", "0.015625"},
                                  {"enforcement.absence_detection", "0.015625"}});
  REQUIRE(bribe_large(c, 2.0, false) == 64);
  REQUIRE(bribe_absence(c, false) == 24);
  const WorkOption absent{Job::absent, PartyDuty::none, false};
  const WorkOption pay_83{Job::pay_83, PartyDuty::none, false};
  const double wealth[] = {64, 24, 63.5, 1000};
  const double cost[] = {2.375, 7.125, 8.359375, 2.375};
  const double net[] = {29.625, 24.875, 23.640625, 29.625};
  const double catch_probability = 1.0 - (1.0 - 1.0 / 32) * (1.0 - 1.0 / 64);
  std::array<Chooser, 4> four;
  for (int k = 0; k < 4; ++k) {
    four[k] = chooser(2.0, false);
    four[k].wealth = wealth[k];
  }
  // The rule itself, one option at a time: paying the fee carries the large violation alone.
  CHECK(evaluate_option(c, four[0], pay_83).enforcement_cost == 2.0);
  CHECK(evaluate_option(c, four[1], pay_83).enforcement_cost == 216.0 / 32);
  for (int k = 0; k < 4; ++k) {
    INFO("wealth " << wealth[k]);
    const OptionValue one = evaluate_option(c, four[k], absent);
    CHECK(one.enforcement_cost == cost[k]);
    CHECK(one.net == net[k]);
    // The search.
    const OptionValue best = best_option(c, four[k]);
    CHECK(best.option == absent.code());
    CHECK(best.enforcement_cost == cost[k]);
    CHECK(best.net == net[k]);
    CHECK(best.catch_probability == catch_probability);
  }
}

TEST_CASE("the best option is the highest expected net income, and skips need an offer", "[work]") {
  // Skill 1, wealth 1000, rho 0, A = 20. Outsider: attend 10 + 2 = 12, pay 8.3 20 - 6.5 = 13.5,
  // absent 20 - 0.02 x 30 = 19.4. Member (s = 1.2): attend both 7 + 2 - 0.04 = 8.96, absent and
  // attend 17 - 0.04 - 0.024 x 90 = 14.8, absent with a skip deal 20 - 3 - 2.16 = 14.84.
  const MonthContext c = context({{"market.market_return", "20"}});
  const OptionValue outsider = best_option(c, chooser(1.0, false));
  const OptionValue member = best_option(c, chooser(1.0, true));
  const OptionValue member_skips = best_option(c, chooser(1.0, true, true));
  CHECK(outsider.option == WorkOption{Job::absent, PartyDuty::none, false}.code());
  CHECK(outsider.net == Approx(19.4));
  CHECK(member.option == WorkOption{Job::absent, PartyDuty::attend, false}.code());
  CHECK(member.net == Approx(14.8));
  CHECK(member_skips.option == WorkOption{Job::absent, PartyDuty::skip_deal, false}.code());
  CHECK(member_skips.net == Approx(14.84));
  CHECK(member_skips.net >= member.net);
  CHECK(outsider.net > member.net);  // duties and bigger bribes cost members
  for (std::uint8_t code = 0; code < 32; ++code) {
    const WorkOption o = WorkOption::decode(code);
    if (static_cast<int>(o.job) > 2 || o.party != PartyDuty::attend)
      continue;
    CHECK(evaluate_option(c, chooser(1.0, true), o).net <= member.net);
  }
}

TEST_CASE("the best option is the first maximum over every option open to the chooser", "[work]") {
  // An oracle built from evaluate_option alone: every (job, duty, scale) the chooser may take, in
  // the fixed order, capped twins only where the full business is large. best_option() must pick
  // the same option with the same numbers, for choosers of every kind, under each exponent's
  // shortcuts (1 and 2) and pow() (others). tests/model/fast/ holds the fast path to it.
  for (const auto& [visibility, bribe_size] :
       {std::pair{"1.7", "1"}, std::pair{"2", "2"}, std::pair{"0.5", "0.5"}, std::pair{"1", "2"}}) {
    INFO("visibility exponent " << visibility << " and bribe size exponent " << bribe_size);
    const MonthContext c = context({{"market.market_return", "40"},
                                    {"enforcement.visibility_exponent", visibility},
                                    {"enforcement.bribe_size_exponent", bribe_size}});
    auto oracle = [&](const Chooser& who) {
      OptionValue expected;
      bool first = true;
      for (Job job : {Job::attend, Job::pay_83, Job::absent}) {
        for (PartyDuty duty : {PartyDuty::attend, PartyDuty::skip_deal}) {
          if (!who.party_duties && duty == PartyDuty::skip_deal) continue;
          if (duty == PartyDuty::skip_deal && !who.can_buy_skips) continue;
          const PartyDuty taken = who.party_duties ? duty : PartyDuty::none;
          for (bool capped : {false, true}) {
            if (capped && !option_shape(c, who.skill, {job, taken, false}).large) continue;
            const OptionValue v = evaluate_option(c, who, {job, taken, capped});
            if (first || v.net > expected.net) expected = v;
            first = false;
          }
        }
      }
      return expected;
    };
    const KeyedRng rng(5);
    int large_best = 0;   // choosers whose best option is large: the exponents shape its numbers
    int capped_best = 0;  // ... and whose best is a capped twin
    for (std::uint64_t k = 0; k < 4000; ++k) {
      const bool party = k % 2 == 1;
      const bool skips = party && k % 4 == 3;
      const auto w = rng.words(Purpose::skill, k, 0);
      const Chooser who{lognormal_median(1.0, 0.6, w[0], w[1]), 2.0 * uniform_open(w[2]),
                        300.0 * uniform_open(w[3]), party, skips,
                        party ? 1.2 : (k % 3 == 0 ? 3.0 : 1.0), 100.0 * uniform_open(w[1])};
      const OptionValue expected = oracle(who);
      const OptionValue best = best_option(c, who);
      REQUIRE(best.option == expected.option);
      REQUIRE(best.net == expected.net);
      REQUIRE(best.enforcement_cost == expected.enforcement_cost);
      REQUIRE(best.catch_probability == expected.catch_probability);
      const WorkOption option = WorkOption::decode(expected.option);
      large_best += option_shape(c, who.skill, option).large;
      capped_best += option.capped;
    }
    CHECK(large_best > 100);
    CHECK(capped_best > 100);
  }
}

TEST_CASE("members' options carry expel_if_caught x L_expel per violation, outsiders' none",
          "[work]") {
  // docs/ODD.md section 7.2: E = sum_k p_k (loss_k + X), X = expel_if_caught L_expel with Party
  // duties, else 0; net = gross - fees - (1 + rho) E; the enforcement cost C leaves X out.
  const MonthContext c = context({{"market.market_return", "20"},
                                  {"enforcement.expel_if_caught", "0.25"},
                                  {"enforcement.crackdown_rate", "0.05"}});
  auto value = [&](double skill, bool party, double expulsion_loss, WorkOption option) {
    Chooser who = chooser(skill, party);
    who.risk_aversion = 1.0;
    who.expulsion_loss = expulsion_loss;
    return evaluate_option(c, who, option);
  };
  const double rho_weight = 2.0;
  // An absent member of skill 1: one violation, p = 0.02 x 1.2.
  const WorkOption absent{Job::absent, PartyDuty::attend, false};
  const OptionValue with_loss = value(1.0, true, 100, absent);
  const OptionValue without = value(1.0, true, 0, absent);
  CHECK(without.net - with_loss.net == Approx(rho_weight * 0.024 * 0.25 * 100));
  CHECK(with_loss.enforcement_cost == Approx(without.enforcement_cost));
  CHECK(with_loss.catch_probability == Approx(0.024));
  // Skill 3, absent: large (v = 2.55, p = 0.05 x 1.7 x 1.2) and absent (p = 0.024), X counted
  // for each violation.
  const double p_large = 0.05 * 1.7 * 1.2;
  CHECK(value(3.0, true, 0, absent).net - value(3.0, true, 100, absent).net ==
        Approx(rho_weight * (p_large + 0.024) * 0.25 * 100));
  // An option that breaks no rule carries none.
  const WorkOption lawful{Job::attend, PartyDuty::attend, false};
  CHECK(value(1.0, true, 100, lawful).net == value(1.0, true, 0, lawful).net);
  // Outsiders are not expelled: their L_expel does not count.
  const WorkOption outsider_absent{Job::absent, PartyDuty::none, false};
  CHECK(value(3.0, false, 100, outsider_absent).net == value(3.0, false, 0, outsider_absent).net);
  // The search counts it too: with a large enough L_expel the member stops being absent.
  Chooser member = chooser(1.0, true);
  CHECK(best_option(c, member).option == absent.code());
  member.expulsion_loss = 2000;  // 0.024 x 0.25 x 2000 = 12 a month
  CHECK(best_option(c, member).option == lawful.code());
  Chooser outsider = chooser(1.0, false);
  outsider.expulsion_loss = 2000;
  CHECK(best_option(c, outsider).option == outsider_absent.code());
}

TEST_CASE("the work choice stores L_expel, and the member value and catch chance that include it",
          "[work]") {
  // docs/ODD.md section 7.2, worked by hand at the defaults (A = 20, absence detection 0.02,
  // bribe 1.5 A = 30, x 3 in the Party, expel_if_caught 0.2, surveillance_months 120), for
  // absent-minded households of skill 1, rho 0, wealth 1000 (outsider's best: absent, 19.4 at
  // s = 1; member's best: absent, attending activities):
  //   0: a plain outsider: C_out = 0.02 x 30, C_exp = 0.06 x 30, L = 120 x 1.2 = 144;
  //      member (s = 1.2): 17 - 0.04 - 0.024 x (90 + 0.2 x 144) = 14.1088.
  //   1: a member, the same household: the same values (they do not depend on the status).
  //   2: a former detainee (s_out = 1.5): C_out = 0.9, L = 120 x 0.9 = 108; member s = 1.5:
  //      16.96 - 0.03 x (90 + 21.6) = 13.612; outsider 20 - 0.9 = 19.1.
  //   3: expelled 5 months ago (s_out = 3): L = 0; member s = 3: 16.96 - 0.06 x 90 = 11.56;
  //      outsider 20 - 1.8 = 18.2.
  //   4, 5: a cadre and a candidate like household 0: the cadre works as a cadre, the candidate
  //      takes the member's option.
  Simulation sim(test::scenario_with({{"households", "6"}, {"months", "24"}}));
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  const int t = 10;
  const Status statuses[] = {Status::outsider, Status::member,  Status::outsider,
                             Status::expelled, Status::cadre,   Status::candidate};
  for (std::size_t i = 0; i < 6; ++i) {
    h.status[i] = statuses[i];
    h.skill[i] = 1.0f;
    h.risk_aversion[i] = 0.0f;
    h.wealth[i] = 1000;
    h.detained_until[i] = kNever;
    h.ever_detained[i] = i == 2;
    h.expelled_at[i] = i == 3 ? t - 5 : kNever;
    // Last month's events and payments, cleared by the work choice.
    h.events[i] = Event::applied | Event::paid_83;
    h.market_income[i] = 5;
    h.bribe_large_usd[i] = 5;
    h.bribe_absence_usd[i] = 5;
    h.entry_paid_usd[i] = 5;
  }
  s.cells.selling_skips.assign(s.cells.size(), 0);
  const MonthContext c = MonthContext::at(s.scenario, t, 50, {});
  choose_work(s, c);
  for (std::size_t i = 0; i < 6; ++i) {
    INFO("household " << i);
    CHECK(h.events[i] == 0);
    CHECK(h.market_income[i] == 0);
    CHECK(h.bribe_large_usd[i] == 0);
    CHECK(h.bribe_absence_usd[i] == 0);
    CHECK(h.entry_paid_usd[i] == 0);
  }
  const double expulsion_loss[] = {144, 144, 108, 0};
  const double value_member[] = {14.1088, 14.1088, 13.612, 11.56};
  const double value_outsider[] = {19.4, 19.4, 19.1, 18.2};
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("household " << i);
    CHECK(h.expulsion_loss[i] == Approx(expulsion_loss[i]).epsilon(1e-6).margin(1e-6));
    CHECK(h.value_member[i] == Approx(value_member[i]).epsilon(1e-6));
    CHECK(h.value_outsider[i] == Approx(value_outsider[i]).epsilon(1e-6));
  }
  const std::uint8_t absent_outsider = WorkOption{Job::absent, PartyDuty::none, false}.code();
  const std::uint8_t absent_member = WorkOption{Job::absent, PartyDuty::attend, false}.code();
  const std::uint8_t absent_skipping = WorkOption{Job::absent, PartyDuty::skip_deal, false}.code();
  CHECK(h.work_option[0] == absent_outsider);
  CHECK(h.work_option[1] == absent_member);
  CHECK(h.work_option[3] == absent_outsider);
  CHECK(h.work_option[4] == kCadreWork);
  CHECK(h.work_option[5] == absent_member);
  CHECK(h.value_member[5] == Approx(14.1088).epsilon(1e-6));
  // Where the secretary sells skip deals, members and candidates buy one: 20 - 3 - 0.024 x
  // (90 + 28.8) = 14.1488 beats 14.1088; outsiders cannot.
  s.cells.selling_skips.assign(s.cells.size(), 1);
  choose_work(s, c);
  CHECK(h.work_option[0] == absent_outsider);
  CHECK(h.work_option[1] == absent_skipping);
  CHECK(h.work_option[5] == absent_skipping);
  CHECK(h.value_member[0] == Approx(14.1488).epsilon(1e-6));
  // Detained households do not work.
  h.detained_until[0] = t + 1;
  h.detained_until[1] = t + 1;
  choose_work(s, c);
  CHECK(h.work_option[0] == kNoWork);
  CHECK(h.work_option[1] == kNoWork);
}

TEST_CASE("among options of exactly equal net income the first in the fixed order wins", "[work]") {
  // No market return and no wage: attending the job, absence at full scale and absence capped
  // at the legal size all net exactly 0 for an outsider (no income, and bribes of 0 that it can
  // pay), and paying 8.3 nets minus the fee. The first of the tied options in the fixed order,
  // attending at full scale, must win.
  const MonthContext c =
      context({{"market.market_return", "0"}, {"work.state_wage", "0"}});
  const Chooser who = chooser(10.0, false);
  const OptionValue attend = evaluate_option(c, who, {Job::attend, PartyDuty::none, false});
  REQUIRE(option_shape(c, who.skill, {Job::absent, PartyDuty::none, false}).large);
  REQUIRE(attend.net == 0.0);
  REQUIRE(evaluate_option(c, who, {Job::absent, PartyDuty::none, false}).net == 0.0);
  REQUIRE(evaluate_option(c, who, {Job::absent, PartyDuty::none, true}).net == 0.0);
  CHECK(best_option(c, who).option == attend.option);
}
