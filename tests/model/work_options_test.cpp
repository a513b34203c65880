#include <catch2/catch.hpp>
#include <limits>

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

TEST_CASE("the option table holds each option's terms as the work choice's menus offer them",
          "[work]") {
  // The phases that realise the chosen options (income, extortion) look the terms up by code:
  // they must be what the menus offered (outsiders at options without duties, candidates and
  // members at those with), and a capped twin is its full-scale option with the legal size as cap.
  const MonthContext c = context({{"market.market_return", "20"},
                                  {"work.fee_83_market_share", "0.1"},
                                  {"market.legal_size", "1.5"}});
  const OptionTable table(c);
  const OptionMenus menus(c);
  int checked = 0;
  for (const OptionMenu* menu : {&menus.outsider, &menus.member, &menus.member_with_skips}) {
    for (int k = 0; k < menu->count; ++k) {
      const OptionTerms& offered = menu->items[k];
      for (const bool capped : {false, true}) {
        const WorkOption option{offered.option.job, offered.option.party, capped};
        const OptionTerms& looked_up = table[option.code()];
        INFO("option " << int{option.code()});
        CHECK(looked_up.option.code() == option.code());
        CHECK(looked_up.market_time == offered.market_time);
        CHECK(looked_up.wage == offered.wage);
        CHECK(looked_up.fees == offered.fees);
        CHECK(looked_up.size_cap == (capped ? 1.5 : std::numeric_limits<double>::infinity()));
        // The shape at the terms is the shape of the option, large and capped alike.
        for (const double skill : {0.5, 1.0, 1.5, 3.0}) {
          const OptionShape a = business_shape(c, skill, looked_up);
          const OptionShape b = option_shape(c, skill, option);
          CHECK(a.market_time == b.market_time);
          CHECK(a.size == b.size);
          CHECK(a.large == b.large);
        }
        ++checked;
      }
    }
  }
  CHECK(checked == 2 * (3 + 3 + 6));  // the menus' 3, 3 and 6 options, each with its twin
}

TEST_CASE("fees: 8.3 with the member multiplier, skip price, dues", "[work]") {
  // The 8.3 fee set (v2's), not the defaults: fee_83 + share x A = 4 + 0.1 x 20 = 6.
  const MonthContext c = context({{"market.market_return", "20"},
                                  {"work.fee_83", "4"},
                                  {"work.fee_83_market_share", "0.1"}});
  const double fee = 4 + 0.1 * 20;
  CHECK(option_fees(c, {Job::pay_83, PartyDuty::none, false}, false) == Approx(fee));
  CHECK(option_fees(c, {Job::pay_83, PartyDuty::attend, false}, true) ==
        Approx(fee * 3 + 0.02 * 2));
  CHECK(option_fees(c, {Job::attend, PartyDuty::skip_deal, false}, true) == Approx(3.0));
}

TEST_CASE("the 8.3 fee follows the market return with fee_83_market_share", "[work]") {
  // fee = fee_83 + share x A_t: $6.5 + 0.2 x $25 = $11.5; members pay 3 times as much. The fixed
  // part set, not the default.
  const MonthContext c = context({{"market.market_return", "25"},
                                  {"work.fee_83", "6.5"},
                                  {"work.fee_83_market_share", "0.2"}});
  CHECK(option_fees(c, {Job::pay_83, PartyDuty::none, false}, false) == Approx(11.5));
  CHECK(option_fees(c, {Job::pay_83, PartyDuty::skip_deal, false}, true) == Approx(11.5 * 3 + 3));
}

TEST_CASE("expected net income counts wage, fees and weighted expected losses", "[work]") {
  // Absence detection and extortion set (v2's), not the defaults, as the numbers below use them.
  const MonthContext c = context({{"market.market_return", "20"},
                                  {"enforcement.absence_detection", "0.2"},
                                  {"enforcement.extortion_rate", "0.25"},
                                  {"enforcement.extortion_months", "0.2"}});
  Chooser who = chooser(1.0, false);
  who.risk_aversion = 1.0;
  // absent, full time: income 20, absence caught with p = 0.2 and bribe 1.5 * 20 = 30; and the
  // expected shakedown S = 0.25 x (0.2 x 20 x v = 1) = 1, which is not a catch.
  const double shakedown = 0.25 * 0.2 * 20 * 1;
  const OptionValue absent = evaluate_option(c, who, {Job::absent, PartyDuty::none, false});
  CHECK(absent.enforcement_cost == Approx(0.2 * 30 + shakedown));
  CHECK(absent.net == Approx(20 - 2 * (0.2 * 30 + shakedown)));
  // Too poor for the bribe: the loss is detention (6 months of income) plus the wealth.
  who.wealth = 10;
  const OptionValue poor = evaluate_option(c, who, {Job::absent, PartyDuty::none, false});
  CHECK(poor.enforcement_cost == Approx(0.2 * (6 * 20 + 10) + shakedown));
}

TEST_CASE("a household whose wealth is exactly the bribe pays it and is not detained", "[work]") {
  // docs/ODD.md section 7.2: loss_k = B_k if W >= B_k, else D = detention_months x gross + W;
  // C = sum_k p_k loss_k + S, with S the expected shakedown, whatever W (it is not a catch).
  // Numbers exact in binary: A = 16, legal size 1, beta = 2, crackdown and absence detection
  // 1/64, gamma = 1, extortion rate 1/4 and months 1/4 (set, not the defaults). An outsider of
  // skill 2 (s = 1, rho 0): absent or paying the 8.3 fee, the business is v = 2, large, caught
  // with p = 1/64 x 2 = 1/32 for a bribe of 16 x 2^2 = 64; absent, also caught with p = 1/64 for
  // a bribe of 1.5 x 16 = 24; and shaken down with p = 1/4 for 1/4 x 16 x 2 = 8, S = 2.
  // gross = 32, D = 192 + W.
  //   W = 64 (the large bribe) or 1000: C = 64/32 + 24/64 + 2 = 4.375, net = 32 - 4.375 = 27.625;
  //   W = 24 (the absence bribe): C = (192 + 24)/32 + 24/64 + 2 = 9.125, net = 22.875;
  //   W = 63.5 (short of the large bribe): C = 255.5/32 + 0.375 + 2 = 10.359375,
  //   net = 21.640625.
  // The best is absent at full scale for all four (attending the job: 16 + 2 - 1 = 17; paying
  // the fee: 32 - 5.6 - p_large x loss_large - 2; capped and absent: 16 - 0.375 - 1). Were W = B
  // counted as too poor to pay, the first two would have C = 10.375 and 12.125.
  const MonthContext c = context({{"market.market_return", "16"},
                                  {"market.legal_size", "1"},
                                  {"enforcement.bribe_size_exponent", "2"},
                                  {"enforcement.crackdown_rate", "0.015625"},
                                  {"enforcement.absence_detection", "0.015625"},
                                  {"enforcement.extortion_rate", "0.25"},
                                  {"enforcement.extortion_months", "0.25"}});
  REQUIRE(bribe_large(c, 2.0, false) == 64);
  REQUIRE(bribe_absence(c, false) == 24);
  REQUIRE(extortion_bribe(c, 2.0, false) == 8);
  const WorkOption absent{Job::absent, PartyDuty::none, false};
  const WorkOption pay_83{Job::pay_83, PartyDuty::none, false};
  const double wealth[] = {64, 24, 63.5, 1000};
  const double cost[] = {4.375, 9.125, 10.359375, 4.375};
  const double net[] = {27.625, 22.875, 21.640625, 27.625};
  std::array<Chooser, 4> four;
  for (int k = 0; k < 4; ++k) {
    four[k] = chooser(2.0, false);
    four[k].wealth = wealth[k];
  }
  // The rule itself, one option at a time: paying the fee carries the large violation alone
  // (and the shakedown of its business of the same size).
  CHECK(evaluate_option(c, four[0], pay_83).enforcement_cost == 2.0 + 2.0);
  CHECK(evaluate_option(c, four[1], pay_83).enforcement_cost == 216.0 / 32 + 2.0);
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
  }
}

TEST_CASE("the best option is the highest expected net income, and skips need an offer", "[work]") {
  // Skill 1, wealth 1000, rho 0, A = 20, 8.3 fee 4 + 0.1 x 20 = 6, expected shakedown
  // 0.25 x 0.2 x 20 x v = v for outsiders and 0.3 x 12 x v = 3.6 v for members (s = 1.2, mu = 3).
  // Outsider: attend 10 + 2 - 0.5 = 11.5, pay 8.3 20 - 6 - 1 = 13, absent 20 - 0.02 x 30 - 1 =
  // 18.4. Member: attend both 7 + 2 - 0.04 - 1.26 = 7.7, absent and attend 17 - 0.04 - 0.024 x 90
  // - 3.06 = 11.74, absent with a skip deal 20 - 2 - 2.16 - 3.6 = 12.24.
  // Set, not the defaults: absence detection at 0.02 (at v2's 0.2, absent and 8.3 tie for the
  // outsider at 13, and members never stay away), a skip price of 2 (at 3 a skip deal, which
  // frees 0.15 of time worth 0.15 x (20 - 3.6) + dues 0.04 = 2.5, no longer pays), and the
  // fee and extortion the numbers use.
  const MonthContext c = context({{"market.market_return", "20"},
                                  {"enforcement.absence_detection", "0.02"},
                                  {"work.skip_price", "2"},
                                  {"work.fee_83", "4"},
                                  {"work.fee_83_market_share", "0.1"},
                                  {"enforcement.extortion_rate", "0.25"},
                                  {"enforcement.extortion_months", "0.2"}});
  const OptionValue outsider = best_option(c, chooser(1.0, false));
  const OptionValue member = best_option(c, chooser(1.0, true));
  const OptionValue member_skips = best_option(c, chooser(1.0, true, true));
  CHECK(outsider.option == WorkOption{Job::absent, PartyDuty::none, false}.code());
  CHECK(outsider.net == Approx(18.4));
  CHECK(member.option == WorkOption{Job::absent, PartyDuty::attend, false}.code());
  CHECK(member.net == Approx(11.74));
  CHECK(member_skips.option == WorkOption{Job::absent, PartyDuty::skip_deal, false}.code());
  CHECK(member_skips.net == Approx(12.24));
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
  // docs/ODD.md section 7.2: E = sum_k p_k (loss_k + X) + S, X = expel_if_caught L_expel with
  // Party duties, else 0; net = gross - fees - (1 + rho) E; the enforcement cost C leaves X out.
  // Set, not the defaults: extortion on, so that a lawful option has an expected shakedown S,
  // which carries no X; absence detection 0.02, as at v2's 0.2 a member of skill 1 is never
  // absent, L_expel or not.
  const MonthContext c = context({{"market.market_return", "20"},
                                  {"enforcement.expel_if_caught", "0.25"},
                                  {"enforcement.crackdown_rate", "0.05"},
                                  {"enforcement.absence_detection", "0.02"},
                                  {"enforcement.extortion_rate", "0.25"}});
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
  // Skill 3, absent: large (v = 2.55, p = 0.05 x 1.7 x 1.2) and absent (p = 0.024), X counted
  // for each violation.
  const double p_large = 0.05 * 1.7 * 1.2;
  CHECK(value(3.0, true, 0, absent).net - value(3.0, true, 100, absent).net ==
        Approx(rho_weight * (p_large + 0.024) * 0.25 * 100));
  // An option that breaks no rule carries none (its expected shakedown neither).
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
  // docs/ODD.md section 7.2, worked by hand (A = 20, absence detection 0.02, bribe 1.5 A = 30,
  // x 3 in the Party, expel_if_caught 0.2, surveillance_months 120; extortion 0.25 x s a month
  // for 0.2 A v (x 3 in the Party): an expected shakedown of s v for outsiders, 3 s v for
  // members), for absent-minded households of skill 1, rho 0, wealth 1000 (outsider's best:
  // absent, 18.4 at s = 1; member's best: absent, attending activities, m = 0.85):
  //   0: a plain outsider: C_out = 0.02 x 30 + 1, C_exp = 0.06 x 30 + 3, L = 120 x 3.2 = 384;
  //      member (s = 1.2): 17 - 0.04 - 0.024 x (90 + 0.2 x 384) - 3.6 x 0.85 = 9.8968.
  //   1: a member, the same household: the same values (they do not depend on the status).
  //   2: a former detainee (s_out = 1.5): C_out = 0.9 + 1.5, L = 120 x 2.4 = 288; member
  //      s = 1.5: 16.96 - 0.03 x (90 + 57.6) - 4.5 x 0.85 = 8.707; outsider 20 - 2.4 = 17.6.
  //   3: expelled 5 months ago (s_out = 3): L = 0; member s = 3: attending both now,
  //      9 - 0.04 - 9 x 0.35 = 5.81 (absent: 16.96 - 0.06 x 90 - 9 x 0.85 = 3.91); outsider
  //      20 - 1.8 - 3 = 15.2.
  //   4, 5: a cadre and a candidate like household 0: the cadre works as a cadre, the candidate
  //      takes the member's option.
  // Set, not the defaults: absence detection 0.02 (at v2's 0.2 being absent and paying the 8.3
  // fee of 4 + 0.1 A = 6 tie for the outsider at 13, and members never stay away), a skip price
  // of 2 (at 3 a skip deal no longer pays, below), and the extortion the numbers use.
  Simulation sim(test::scenario_with({{"households", "6"},
                                      {"months", "24"},
                                      {"enforcement.absence_detection", "0.02"},
                                      {"work.skip_price", "2"},
                                      {"enforcement.extortion_rate", "0.25"},
                                      {"enforcement.extortion_months", "0.2"}}));
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
  const double expulsion_loss[] = {384, 384, 288, 0};
  const double value_member[] = {9.8968, 9.8968, 8.707, 5.81};
  const double value_outsider[] = {18.4, 18.4, 17.6, 15.2};
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
  CHECK(h.value_member[5] == Approx(9.8968).epsilon(1e-6));
  // Where the secretary sells skip deals, members and candidates buy one: 20 - 2 - 0.024 x
  // (90 + 76.8) - 3.6 = 10.3968 beats 9.8968 (at a price of 3 it would not); outsiders cannot.
  s.cells.selling_skips.assign(s.cells.size(), 1);
  choose_work(s, c);
  CHECK(h.work_option[0] == absent_outsider);
  CHECK(h.work_option[1] == absent_skipping);
  CHECK(h.work_option[5] == absent_skipping);
  CHECK(h.value_member[0] == Approx(10.3968).epsilon(1e-6));
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
