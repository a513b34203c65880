#pragma once
// Work options (MODEL.md section 4): state job x Party activities x scale, their expected net
// income, and the choice of the best one.
#include <algorithm>
#include <array>
#include <cstdint>

#include "model/enforcement.hpp"
#include "model/month_context.hpp"
#include "model/work_option.hpp"

namespace partysim {

// What a household brings to the choice.
struct Chooser {
  double skill;
  double risk_aversion;
  double wealth;
  bool party_duties;     // candidate or member (actual or hypothetical)
  bool can_buy_skips;    // the cell's secretary sells skip deals
  double surveillance;   // s
  double expulsion_loss; // L_expel, counted when party_duties
};

// Market time and size of an option for a given skill.
struct OptionShape {
  double market_time;  // m
  double size;         // v = skill * m
  bool large;          // v > legal_size
};

struct OptionValue {
  double net = 0;               // expected income - fees - (1 + rho) x expected losses, USD/month
  double enforcement_cost = 0;  // sum of p x (bribe or detention loss), unweighted, USD/month
  double catch_probability = 0; // probability of being caught for at least one violation
  std::uint8_t option = kNoWork;
};

// The options open to a class of choosers this month (Party duties or not, skip deals on offer
// or not), in the fixed order (job: attend, 8.3, absent; Party: attend, skip deal), with what
// does not depend on the household worked out once. Each is taken at full scale; its capped twin
// is considered only when the full-scale business would be large.
struct OptionMenu {
  struct Item {
    WorkOption option;   // full scale
    double market_time;  // m
    double wage;
    double fees;
  };
  std::array<Item, 6> items{};
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

// Four choosers of one menu side by side (the work choice's hot loop), one array per trait of
// Chooser; Party duties and skip offers are the menu's.
inline constexpr int kChoiceLanes = 4;
struct ChooserLanes {
  std::array<double, kChoiceLanes> skill, risk_aversion, wealth, surveillance, expulsion_loss;
  void set(int lane, const Chooser& who) {
    skill[lane] = who.skill;
    risk_aversion[lane] = who.risk_aversion;
    wealth[lane] = who.wealth;
    surveillance[lane] = who.surveillance;
    expulsion_loss[lane] = who.expulsion_loss;
  }
};
// Their best options, one array per field of OptionValue.
struct BestOptions {
  std::array<double, kChoiceLanes> net, enforcement_cost, catch_probability;
  std::array<std::uint8_t, kChoiceLanes> option;
  OptionValue operator[](int k) const {
    return {net[k], enforcement_cost[k], catch_probability[k], option[k]};
  }
};
// The option with the highest expected net income for each of four households, all of them
// choosers of `menu`; ties go to the first in the fixed order (job: attend, 8.3, absent; Party:
// attend, skip deal; scale: full, capped).
BestOptions best_options(const MonthContext& c, const OptionMenu& menu, const ChooserLanes& who);
// The same for one household, with the menu open to it (tests, single questions).
OptionValue best_option(const MonthContext& c, const Chooser& who);

// These are inline: the income phase uses them for every household each month, and the work
// choice evaluates one option per household (the expulsion loss); inlined, their results stay in
// registers instead of going through memory as returned structs. The search itself evaluates in
// lanes (work_options.cpp), in the same order of operations as evaluate_option().
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

// Market time and size of an option for a given skill.
inline OptionShape option_shape(const MonthContext& c, double skill, WorkOption option) {
  const double m = market_time_of(c, option);
  const double legal = c[P::legal_size];
  // Capped at exactly the legal size (recomputing skill * m could round just above it).
  if (option.capped && skill * m > legal) return {legal / skill, legal, false};
  const double size = skill * m;
  return {m, size, size > legal};
}

// Fees of an option: 8.3 fee (times the member multiplier), skip price, or dues.
inline double option_fees(const MonthContext& c, WorkOption option, bool party_duties) {
  double fees = 0;
  if (option.job == Job::pay_83)
    fees += c[P::fee_83] * (party_duties ? c[P::fee_83_member_multiplier] : 1.0);
  if (option.party == PartyDuty::skip_deal) fees += c[P::skip_price];
  if (option.party == PartyDuty::attend) fees += c[P::dues_rate] * c[P::state_wage];
  return fees;
}

// The expected net income, enforcement cost and catch probability of one option (section 4).
inline OptionValue evaluate_option(const MonthContext& c, const Chooser& who, WorkOption option) {
  const OptionShape shape = option_shape(c, who.skill, option);
  const double gross = c[P::market_return] * shape.size + wage_of(c, option);
  const double detention_loss = c[P::detention_months] * gross + who.wealth;
  const double expulsion = who.party_duties ? c[P::expel_if_caught] * who.expulsion_loss : 0.0;

  OptionValue value;
  value.option = option.code();
  double expected_loss = 0;
  double escape = 1.0;  // probability of not being caught at all
  auto add_violation = [&](double probability, double bribe) {
    const double loss = who.wealth >= bribe ? bribe : detention_loss;
    value.enforcement_cost += probability * loss;
    expected_loss += probability * (loss + expulsion);
    escape *= 1.0 - probability;
  };
  if (shape.large)
    add_violation(catch_probability_large(c, shape.size, who.surveillance),
                  bribe_large(c, shape.size, who.party_duties));
  if (option.job == Job::absent)
    add_violation(catch_probability_absence(c, who.surveillance),
                  bribe_absence(c, who.party_duties));
  value.catch_probability = 1.0 - escape;
  value.net = gross - option_fees(c, option, who.party_duties) -
              (1.0 + who.risk_aversion) * expected_loss;
  return value;
}

}  // namespace partysim
