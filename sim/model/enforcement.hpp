#pragma once
// Enforcement (MODEL.md section 5): catch probabilities, surveillance and bribes. Pure functions
// of the month's context, shared by the households' expectations (work choice) and by what
// actually happens to them (income and enforcement), so that both use the same rules.
#include <algorithm>
#include <cmath>

#include "model/households.hpp"
#include "model/month_context.hpp"

namespace partysim {

// x^e, exact and without pow() for the common exponents 1 and 2 (pow is the work choice's largest
// single cost when called for every option of every household).
inline double power(double x, double e) {
  if (e == 1.0) return x;
  if (e == 2.0) return x * x;
  return std::pow(x, e);
}

// Probability that a large business of size v (skill x market time) is caught this month.
inline double catch_probability_large(const MonthContext& c, double size, double surveillance) {
  const double legal = c[P::legal_size];
  if (size <= legal) return 0.0;
  const double visibility = power(size / legal, c[P::visibility_exponent]);
  return std::min(1.0, c[P::crackdown_rate] * visibility * surveillance * c.congestion);
}

// Probability that an absence from the state job is caught this month.
inline double catch_probability_absence(const MonthContext& c, double surveillance) {
  return std::min(1.0, c[P::absence_detection] * surveillance);
}

// Bribes are indexed to the market return A_t: they scale with the economy.
inline double bribe_large(const MonthContext& c, double size, bool party) {
  const double factor = party ? c[P::bribe_member_multiplier] : 1.0;
  return c[P::bribe_large_months] * c[P::market_return] *
         power(size / c[P::legal_size], c[P::bribe_size_exponent]) * factor;
}

inline double bribe_absence(const MonthContext& c, bool party) {
  const double factor = party ? c[P::bribe_member_multiplier] : 1.0;
  return c[P::bribe_absence_months] * c[P::market_return] * factor;
}

// The surveillance multiplier s of household i, as a Party household or not: the largest of
// those that apply (member, former detainee, expelled within surveillance_months).
inline double surveillance(const MonthContext& c, const Households& h, std::size_t i,
                           bool as_party) {
  double s = 1.0;
  if (as_party) s = std::max(s, c[P::surveillance_member]);
  if (h.ever_detained[i]) s = std::max(s, c[P::surveillance_detainee]);
  // Expelled in month e (after that month's inspections): watched in months e+1 .. e+S.
  if (c.month - h.expelled_at[i] <= c[P::surveillance_months])
    s = std::max(s, c[P::surveillance_expelled]);
  return s;
}

}  // namespace partysim
