#include <catch2/catch.hpp>

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

TEST_CASE("the best option is the highest expected net income; skips need an offer", "[work]") {
  const MonthContext c = context({{"market.market_return", "20"}});
  const OptionValue outsider = best_option(c, chooser(1.0, false));
  const OptionValue member = best_option(c, chooser(1.0, true));
  const OptionValue member_skips = best_option(c, chooser(1.0, true, true));
  CHECK(WorkOption::decode(outsider.option).party == PartyDuty::none);
  CHECK(WorkOption::decode(member.option).party == PartyDuty::attend);
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
  // the fixed order, capped twins only where the full business is large. The search must pick
  // the same option with the same numbers, for choosers of every kind: alone (best_option, the
  // chooser in every lane) and four different choosers side by side (best_options), where some
  // lanes' businesses are large and others' are not.
  const MonthContext c =
      context({{"market.market_return", "40"}, {"enforcement.visibility_exponent", "1.7"}});
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
  auto require_same = [](const OptionValue& best, const OptionValue& expected) {
    REQUIRE(best.option == expected.option);
    REQUIRE(best.net == expected.net);
    REQUIRE(best.enforcement_cost == expected.enforcement_cost);
    REQUIRE(best.catch_probability == expected.catch_probability);
  };
  const KeyedRng rng(5);
  int mixed_groups = 0;  // groups where some lanes' full-scale businesses are large and some not
  for (std::uint64_t group = 0; group < 1000; ++group) {
    const bool party = group % 2 == 1;
    const bool skips = party && group % 4 == 3;
    std::array<Chooser, kChoiceLanes> four;
    ChooserLanes lanes;
    int large = 0;
    for (int lane = 0; lane < kChoiceLanes; ++lane) {
      const std::uint64_t k = kChoiceLanes * group + static_cast<std::uint64_t>(lane);
      const auto w = rng.words(Purpose::skill, k, 0);
      four[lane] = {lognormal_median(1.0, 0.6, w[0], w[1]), 2.0 * uniform_open(w[2]),
                    300.0 * uniform_open(w[3]), party, skips,
                    party ? 1.2 : (k % 3 == 0 ? 3.0 : 1.0), 100.0 * uniform_open(w[1])};
      lanes.set(lane, four[lane]);
      large += four[lane].skill > c[P::legal_size];  // large at full time
    }
    mixed_groups += large > 0 && large < kChoiceLanes;
    const BestOptions side_by_side =
        best_options(c, OptionMenu::open_to(c, party, skips), lanes);
    for (int lane = 0; lane < kChoiceLanes; ++lane) {
      const OptionValue expected = oracle(four[lane]);
      require_same(best_option(c, four[lane]), expected);
      require_same(side_by_side[lane], expected);
    }
  }
  CHECK(mixed_groups > 100);
}
