#pragma once
// The arithmetic the model's rules share between number types. A rule written as a template over
// `Real` reads like scalar code and runs for one household (Real = double, its comparisons give
// bool) or for several side by side (a lane type, sim/model/fast/, whose comparisons give masks).
// Both take + - * /, comparisons, a double on either side of an operator, and `mask ? a : b`
// (for lanes, lane by lane); what does not read the same in both is here:
//   any(mask)         whether the condition holds for any household (for a double: the bool);
//   at_most_one(x)    min(1, x), the same bits as std::min(1.0, x);
//   power(x, e)       x^e, exact and without pow() for the common exponents 1 and 2.
// Each lane gets exactly the operations a double gets, so a rule gives the same bits either way.
#include <cmath>
#include <type_traits>

namespace partysim {

template <class Mask>
bool any(const Mask& mask) {
  if constexpr (std::is_same_v<Mask, bool>) {
    return mask;
  } else {
    auto folded = mask[0];
    for (unsigned k = 1; k < sizeof mask / sizeof mask[0]; ++k) folded |= mask[k];
    return folded != 0;
  }
}

// std::min(1.0, x) is (x < 1.0 ? x : 1.0).
template <class Real>
Real at_most_one(const Real& x) {
  return x < 1.0 ? x : 1.0;
}

// pow() is the work choice's largest single cost when called for every option of every
// household: the common exponents skip it. Always inlined, so that the exponent's test folds into
// the caller's code (and the lanes' loop stays in their registers).
template <class Real>
[[gnu::always_inline]] inline Real power(const Real& x, double e) {
  if (e == 1.0) return x;
  if (e == 2.0) return x * x;
  if constexpr (std::is_same_v<Real, double>) {
    return std::pow(x, e);
  } else {
    Real y = x;
    for (unsigned k = 0; k < sizeof x / sizeof x[0]; ++k) y[k] = std::pow(x[k], e);
    return y;
  }
}

}  // namespace partysim
