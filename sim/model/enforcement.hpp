#pragma once
// Enforcement (docs/ODD.md section 7.3): catch probabilities, surveillance, bribes. Pure functions
// of the month's context, shared by the households' expectations (work choice) and by what
// actually happens to them (income and enforcement), so that both use the same rules.
#include <algorithm>

#include "model/households.hpp"
#include "model/month_context.hpp"
#include "model/real.hpp"

namespace partysim {

// Templates over the number type (model/real.hpp): a double for one household, or lanes of
// several side by side in the work choice's fast path.

// Probability that a large business of size v (skill x market time) is caught this month; 0 for
// a business that is not large.
template <class Real>
Real catch_probability_large(const MonthContext& c, const Real& size, const Real& surveillance) {
  const double legal = c[P::legal_size];
  const Real visibility = power(size / legal, c[P::visibility_exponent]);
  return size > legal
             ? at_most_one(c[P::crackdown_rate] * visibility * surveillance * c.congestion)
             : 0.0;
}

// Probability that an absence from the state job is caught this month.
template <class Real>
Real catch_probability_absence(const MonthContext& c, const Real& surveillance) {
  return at_most_one(c[P::absence_detection] * surveillance);
}

// mu for candidates, members and cadres (they pay "several times" as much), 1 for others.
inline double member_multiple(const MonthContext& c, bool party) {
  return c.bribe_multiple[party];
}

// Bribes are indexed to the market return A_t: they scale with the economy.
template <class Real>
Real bribe_large(const MonthContext& c, const Real& size, bool party) {
  return c[P::bribe_large_months] * c[P::market_return] *
         power(size / c[P::legal_size], c[P::bribe_size_exponent]) * member_multiple(c, party);
}

inline double bribe_absence(const MonthContext& c, bool party) {
  return c[P::bribe_absence_months] * c[P::market_return] * member_multiple(c, party);
}

// Routine extortion (extortion.cpp): the probability that a trader under surveillance s is shaken
// down this month, and the bribe for a business of size v, indexed to the market return like
// every bribe (Party households pay the member multiple).
template <class Real>
Real extortion_probability(const MonthContext& c, const Real& surveillance) {
  return at_most_one(c[P::extortion_rate] * surveillance);
}
template <class Real>
Real extortion_bribe(const MonthContext& c, const Real& size, bool party) {
  return c[P::extortion_months] * c[P::market_return] * member_multiple(c, party) * size;
}

// The surveillance multiplier s of household i, as a Party household or not: the largest of
// those that apply (member, former detainee, expelled within surveillance_months).
inline double surveillance(const MonthContext& c, const Households& h, std::size_t i,
                           bool as_party) {
  double s = c.surveillance_floor[as_party];  // 1, or s_member for Party households
  if (h.ever_detained[i]) s = std::max(s, c[P::surveillance_detainee]);
  // Expelled in month e (after that month's inspections): watched in months e+1 .. e+S, and
  // already in month e's shakedown (phase 4) if expelled after a catch in phase 3.
  if (c.month - h.expelled_at[i] <= c[P::surveillance_months])
    s = std::max(s, c[P::surveillance_expelled]);
  return s;
}

}  // namespace partysim
