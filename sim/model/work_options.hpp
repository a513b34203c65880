#pragma once
// Work options (docs/ODD.md section 7.2): state job x Party activities x scale, their expected net
// income, and the choice of the best one.
//
// The decision rule is value_of() below, with the shapes, wages and fees above it and the
// enforcement rules it calls (model/enforcement.hpp). It is written once, as a template over the
// number type: Real is a double for one household (evaluate_option, best_option) and lanes of
// four households side by side in the work choice's fast path (model/fast/), which instantiates
// it and so follows any change without being edited. To change the rule, write as if Real were
// double: + - * /, comparisons, `condition ? a : b`, plain `if` on what every household shares
// (the option, Party duties, the month's parameters), and `if (any(condition))` on what depends
// on the household, with the condition also inside the arithmetic (a probability of 0 where it
// does not hold; model/real.hpp). An anticipated cost, such as a shakedown of every trader with
// a bribe that members pay a multiple of, is a few lines here, with its rules in the mechanism's
// own header, where the phase that realises the cost finds them too (docs/extending.md works it
// through). tests/model/fast/best_options_test.cpp checks the fast path against best_option().
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include "model/enforcement.hpp"
#include "model/month_context.hpp"
#include "model/work_option.hpp"

namespace partysim {

// What a household brings to the choice, in numbers of type Real: a double for one household,
// lanes for several side by side (sim/model/fast/).
template <class Real>
struct ChooserOf {
  Real skill;
  Real risk_aversion;
  Real wealth;
  bool party_duties;    // candidate or member (actual or hypothetical)
  bool can_buy_skips;   // the cell's secretary sells skip deals
  Real surveillance;    // s
  Real expulsion_loss;  // L_expel, counted when party_duties
};
using Chooser = ChooserOf<double>;

// Market time and size of an option for a given skill.
struct OptionShape {
  double market_time;  // m
  double size;         // v = skill * m
  bool large;          // v > legal_size
};

// What an option is worth to a household, in numbers of type Real.
template <class Real>
struct ValueOf {
  Real net{};               // expected income - fees - (1 + rho) x expected losses, USD/month
  Real enforcement_cost{};  // sum of p x (bribe or detention loss), unweighted, USD/month
};
// ... and which option it is.
struct OptionValue : ValueOf<double> {
  std::uint8_t option = kNoWork;
};

// Inline: the income phase uses these for every household each month, and the work choice
// evaluates one option per household (the expulsion loss); inlined, their results stay in
// registers instead of going through memory as returned structs.

// Share of time trading, m, at full scale.
inline double market_time_of(const MonthContext& c, WorkOption option) {
  double m = 1.0;
  if (option.job == Job::attend) m -= c[P::job_time];
  if (option.party == PartyDuty::attend) m -= c[P::party_time];
  return std::max(m, 0.0);
}

// The state wage, earned by those who attend the job.
inline double wage_of(const MonthContext& c, WorkOption option) {
  return option.job == Job::attend ? c[P::state_wage] : 0.0;
}

// Fees of an option: 8.3 fee (times the member multiplier), skip price, or dues.
// The 8.3 fee of an outsider: a fixed part and a part that follows the market return.
inline double fee_83(const MonthContext& c) {
  return c[P::fee_83] + c[P::fee_83_market_share] * c[P::market_return];
}

inline double option_fees(const MonthContext& c, WorkOption option, bool party_duties) {
  double fees = 0;
  if (option.job == Job::pay_83)
    fees += fee_83(c) * (party_duties ? c[P::fee_83_member_multiplier] : 1.0);
  if (option.party == PartyDuty::skip_deal) fees += c[P::skip_price];
  if (option.party == PartyDuty::attend) fees += c[P::dues_rate] * c[P::state_wage];
  return fees;
}

// What an option is this month whoever holds it: its market time, wage and fees, and the largest
// business it allows. The work choice's menus hold these, and the phases that realise the chosen
// options look them up by code (OptionTable) instead of working them out from the option, with a
// branch on each of its parts, for every household.
struct OptionTerms {
  WorkOption option;
  double market_time;  // m, at full scale
  double size_cap;     // the largest business: legal_size for a capped option, else infinity
  double wage;
  double fees;
};

inline OptionTerms option_terms(const MonthContext& c, WorkOption option, bool party_duties) {
  return {option, market_time_of(c, option),
          option.capped ? c[P::legal_size] : std::numeric_limits<double>::infinity(),
          wage_of(c, option), option_fees(c, option, party_duties)};
}

// Market time and size of a business of the given skill at an option's terms.
inline OptionShape business_shape(const MonthContext& c, double skill, const OptionTerms& terms) {
  const double full = skill * terms.market_time;
  // Capped at exactly the legal size (recomputing skill * m could round just above it).
  if (full > terms.size_cap) return {terms.size_cap / skill, terms.size_cap, false};
  return {terms.market_time, full, full > c[P::legal_size]};
}
// ... and at an option.
inline OptionShape option_shape(const MonthContext& c, double skill, WorkOption option) {
  return business_shape(c, skill, option_terms(c, option, option.party != PartyDuty::none));
}

// Every option's terms this month, by code, for Party households (those with Party duties) at
// the options with duties and for the others at the rest, as the work choice offers them.
class OptionTable {
 public:
  explicit OptionTable(const MonthContext& c) {
    for (std::size_t code = 0; code < terms_.size(); ++code) {
      const WorkOption option = WorkOption::decode(static_cast<std::uint8_t>(code));
      terms_[code] = option_terms(c, option, option.party != PartyDuty::none);
    }
  }
  // `code` is a work option's, not kCadreWork or kNoWork.
  const OptionTerms& operator[](std::uint8_t code) const { return terms_[code & 31]; }

 private:
  std::array<OptionTerms, 32> terms_{};  // codes have 5 bits (WorkOption::code())
};

// The expected net income, enforcement cost and catch probability of `option` (section 4) for a
// business of the given size (option_shape()) earning the option's wage and paying its fees.
// Each anticipated violation adds its catch probability p and the loss if caught: the bribe
// where the household can pay it, else detention; members also risk expulsion.
template <class Real>
ValueOf<Real> value_of(const MonthContext& c, const ChooserOf<Real>& who, WorkOption option,
                       const Real& size, double wage, double fees) {
  const Real gross = c[P::market_return] * size + wage;
  const Real detention_loss = c[P::detention_months] * gross + who.wealth;
  Real expulsion{};
  if (who.party_duties) expulsion = c[P::expel_if_caught] * who.expulsion_loss;

  ValueOf<Real> value;
  Real expected_loss{};
  auto add_violation = [&](const auto& probability, const auto& bribe) {
    const Real loss = who.wealth >= bribe ? bribe : detention_loss;
    value.enforcement_cost += probability * loss;
    expected_loss += probability * (loss + expulsion);
  };
  // A capped business is never large. Where a household's business is not large, the
  // probability is 0: it adds exact 0s (the bribe is finite), so
  // skipping it would change no bit.
  if (!option.capped && any(size > c[P::legal_size]))
    add_violation(catch_probability_large(c, size, who.surveillance),
                  bribe_large(c, size, who.party_duties));
  if (option.job == Job::absent)
    add_violation(catch_probability_absence(c, who.surveillance),
                  bribe_absence(c, who.party_duties));
  // Routine extortion costs a trader its expected shakedown (none for a business of size 0): no
  // detention or expulsion follows, so it adds to the losses but not to the catch probability.
  // Without extortion the term is an exact 0, and skipping it changes no bit.
  if (c[P::extortion_rate] > 0) {
    const Real shakedown =
        extortion_probability(c, who.surveillance) * extortion_bribe(c, size, who.party_duties);
    value.enforcement_cost += shakedown;
    expected_loss += shakedown;
  }
  value.net = gross - fees - (1.0 + who.risk_aversion) * expected_loss;
  return value;
}

// One option for one household.
inline OptionValue evaluate_option(const MonthContext& c, const Chooser& who, WorkOption option) {
  OptionValue value;
  const OptionTerms terms = option_terms(c, option, who.party_duties);
  static_cast<ValueOf<double>&>(value) =
      value_of(c, who, option, business_shape(c, who.skill, terms).size, terms.wage, terms.fees);
  value.option = option.code();
  return value;
}

// The options open to a class of choosers this month (Party duties or not, skip deals on offer
// or not), in the fixed order (job: attend, 8.3, absent; Party: attend, skip deal), with what
// does not depend on the household worked out once. Each is taken at full scale; its capped twin
// is considered only when the full-scale business would be large.
struct OptionMenu {
  std::array<OptionTerms, 6> items{};  // each at full scale
  int count = 0;
  bool party_duties = false;

  static OptionMenu open_to(const MonthContext& c, bool party_duties, bool can_buy_skips);
};

// The three menus of a month: outsiders, candidates and members without skip deals on offer,
// and with them.
struct OptionMenus {
  OptionMenu outsider, member, member_with_skips;
  explicit OptionMenus(const MonthContext& c)
      : outsider(OptionMenu::open_to(c, false, false)),
        member(OptionMenu::open_to(c, true, false)),
        member_with_skips(OptionMenu::open_to(c, true, true)) {}
};

// The option with the highest expected net income for one household, over the menu open to it;
// ties go to the first in the fixed order (job: attend, 8.3, absent; Party: attend, skip deal;
// scale: full, capped). The work choice searches four households at a time
// (model/fast/best_options.hpp), with the same results.
OptionValue best_option(const MonthContext& c, const Chooser& who);

}  // namespace partysim
