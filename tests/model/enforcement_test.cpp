#include <catch2/catch.hpp>
#include <cmath>

#include "model/enforcement.hpp"
#include "model/simulation.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
MonthContext context(const test::Values& values,
                     double violators_last = 50) {
  return MonthContext::at(test::scenario_with(values), 0, violators_last, {});
}
}  // namespace

TEST_CASE("a business at or below the legal size is never caught for size", "[enforcement]") {
  const MonthContext c = context({});
  CHECK(catch_probability_large(c, 1.5, 3.0) == 0.0);
  CHECK(catch_probability_large(c, 0.2, 3.0) == 0.0);
}

TEST_CASE("catch probability grows with size and surveillance and is capped at 1", "[enforcement]") {
  // Absence detection set (not the default) and unlike the crackdown rate, so that each
  // probability is seen to read its own parameter.
  const MonthContext c = context({{"enforcement.crackdown_rate", "0.02"},
                                  {"enforcement.absence_detection", "0.05"},
                                  {"enforcement.visibility_exponent", "2"}});
  // p = crackdown * (v / legal)^gamma * s
  CHECK(catch_probability_large(c, 3.0, 1.0) == Approx(0.02 * 4));
  CHECK(catch_probability_large(c, 3.0, 1.2) == Approx(0.02 * 4 * 1.2));
  CHECK(catch_probability_large(c, 300.0, 1.0) == 1.0);
  CHECK(catch_probability_absence(c, 3.0) == Approx(0.05 * 3));
}

TEST_CASE("congestion lowers each violator's risk when many violate", "[enforcement]") {
  const auto values = test::Values{
      {"enforcement.congestion_exponent", "1"}, {"enforcement.congestion_reference", "50"}};
  CHECK(context(values, 100).congestion == Approx(0.5));
  CHECK(context(values, 25).congestion == Approx(2.0));
  CHECK(context(values, 0.2).congestion == Approx(50.0));  // V is floored at 1 per 1,000
  CHECK(context({}, 100).congestion == 1.0);                // off by default
  const MonthContext crowded = context(values, 100);
  CHECK(catch_probability_large(crowded, 3.0, 1.0) == Approx(0.02 * 2 * 0.5));
}

TEST_CASE("bribes scale with the market return, the size and membership", "[enforcement]") {
  const MonthContext c = context({{"market.market_return", "40"}});
  // large: bribe_large_months * A * (v / legal)^beta * mu
  CHECK(bribe_large(c, 3.0, false) == Approx(1.0 * 40 * 2));
  CHECK(bribe_large(c, 3.0, true) == Approx(1.0 * 40 * 2 * 3));
  CHECK(bribe_absence(c, false) == Approx(1.5 * 40));
  CHECK(bribe_absence(c, true) == Approx(1.5 * 40 * 3));
  const MonthContext richer = context({{"market.market_return", "80"}});
  CHECK(bribe_absence(richer, false) == Approx(2 * bribe_absence(c, false)));
}

TEST_CASE("surveillance takes the largest multiplier that applies", "[enforcement]") {
  Simulation sim(test::scenario_with({{"households", "4"}, {"months", "1"}}));
  Households& h = sim.mutable_state().households;
  const MonthContext c = MonthContext::at(sim.state().scenario, 10, 50, {});
  h.ever_detained[0] = 0;
  h.expelled_at[0] = kNever;
  CHECK(surveillance(c, h, 0, false) == 1.0);
  CHECK(surveillance(c, h, 0, true) == Approx(1.2));
  h.ever_detained[0] = 1;
  CHECK(surveillance(c, h, 0, true) == Approx(1.5));
  h.expelled_at[0] = 5;  // expelled 5 months ago: within surveillance_months
  CHECK(surveillance(c, h, 0, false) == Approx(3.0));
  h.expelled_at[0] = 10 - 120;  // the 120th month after the expulsion: still watched
  CHECK(surveillance(c, h, 0, false) == Approx(3.0));
  h.expelled_at[0] = 10 - 121;  // surveillance over
  CHECK(surveillance(c, h, 0, false) == Approx(1.5));
}

TEST_CASE("exponents other than 1 and 2, and congestion only on the large-business risk",
          "[enforcement]") {
  // power() takes shortcuts for 1 and 2; any other exponent is x^e.
  const MonthContext c = context({{"enforcement.visibility_exponent", "1.5"},
                                  {"enforcement.bribe_size_exponent", "0.5"},
                                  {"market.market_return", "40"}});
  CHECK(catch_probability_large(c, 3.0, 1.0) == Approx(0.02 * std::pow(2.0, 1.5)));
  CHECK(bribe_large(c, 3.0, false) == Approx(40 * std::sqrt(2.0)));
  const MonthContext squared = context({{"enforcement.bribe_size_exponent", "2"}});
  CHECK(bribe_large(squared, 4.5, false) == Approx(20 * 9.0));
  // Congestion (docs/ODD.md choice 20) scales the large-business risk, not the absence risk.
  // Both rates set (absence detection unlike the crackdown rate), not taken from the defaults.
  const MonthContext crowded = context({{"enforcement.congestion_exponent", "2"},
                                        {"enforcement.congestion_reference", "50"},
                                        {"enforcement.crackdown_rate", "0.02"},
                                        {"enforcement.absence_detection", "0.1"}},
                                       100);
  CHECK(crowded.congestion == Approx(0.25));
  CHECK(catch_probability_large(crowded, 3.0, 1.0) == Approx(0.02 * 2 * 0.25));
  CHECK(catch_probability_absence(crowded, 1.0) == Approx(0.1));
  // Capped at 1: a certain catch stays certain.
  CHECK(catch_probability_absence(context({{"enforcement.absence_detection", "0.5"}}), 3.0) == 1.0);
}
