#include "model/work_options.hpp"

#include <algorithm>

#include "model/enforcement.hpp"

namespace partysim {

namespace {
double market_time_of(const MonthContext& c, WorkOption option) {
  double m = 1.0;
  if (option.job == Job::attend) m -= c[P::job_time];
  if (option.party == PartyDuty::attend) m -= c[P::party_time];
  return std::max(m, 0.0);
}

double wage_of(const MonthContext& c, WorkOption option) {
  return option.job == Job::attend ? c[P::state_wage] : 0.0;
}

OptionShape full_scale(const MonthContext& c, double skill, double market_time) {
  const double size = skill * market_time;
  return {market_time, size, size > c[P::legal_size]};
}

// Capped at exactly the legal size (recomputing skill * m could round just above it).
OptionShape capped_scale(const MonthContext& c, double skill) {
  const double legal = c[P::legal_size];
  return {legal / skill, legal, false};
}

// The expected net income of an option of the given shape, wage and fees.
OptionValue evaluate(const MonthContext& c, const Chooser& who, WorkOption option,
                     const OptionShape& shape, double wage, double fees) {
  const double gross = c[P::market_return] * shape.size + wage;
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
  value.net = gross - fees - (1.0 + who.risk_aversion) * expected_loss;
  return value;
}
}  // namespace

OptionShape option_shape(const MonthContext& c, double skill, WorkOption option) {
  const OptionShape full = full_scale(c, skill, market_time_of(c, option));
  return option.capped && full.large ? capped_scale(c, skill) : full;
}

double option_fees(const MonthContext& c, WorkOption option, bool party_duties) {
  double fees = 0;
  if (option.job == Job::pay_83)
    fees += c[P::fee_83] * (party_duties ? c[P::fee_83_member_multiplier] : 1.0);
  if (option.party == PartyDuty::skip_deal) fees += c[P::skip_price];
  if (option.party == PartyDuty::attend) fees += c[P::dues_rate] * c[P::state_wage];
  return fees;
}

OptionValue evaluate_option(const MonthContext& c, const Chooser& who, WorkOption option) {
  return evaluate(c, who, option, option_shape(c, who.skill, option), wage_of(c, option),
                  option_fees(c, option, who.party_duties));
}

OptionMenu OptionMenu::open_to(const MonthContext& c, bool party_duties, bool can_buy_skips) {
  OptionMenu menu;
  menu.party_duties = party_duties;
  for (Job job : {Job::attend, Job::pay_83, Job::absent}) {
    for (PartyDuty duty : {PartyDuty::attend, PartyDuty::skip_deal}) {
      if (duty == PartyDuty::skip_deal && !(party_duties && can_buy_skips)) continue;
      const WorkOption option{job, party_duties ? duty : PartyDuty::none, false};
      menu.items[menu.count++] = {option, market_time_of(c, option), wage_of(c, option),
                                  option_fees(c, option, party_duties)};
    }
  }
  return menu;
}

OptionValue best_option(const MonthContext& c, const OptionMenu& menu, const Chooser& who) {
  // The search keeps only the best net income and where it was (copying whole OptionValues on
  // an unpredictable comparison was the work choice's largest cost); the winner is evaluated
  // again in full at the end, by the same function, so its net income is the same number.
  double best_net = 0;
  int best_item = 0;
  bool best_capped = false;
  for (int k = 0; k < menu.count; ++k) {
    const OptionMenu::Item& item = menu.items[k];
    const OptionShape full = full_scale(c, who.skill, item.market_time);
    const double net = evaluate(c, who, item.option, full, item.wage, item.fees).net;
    if (k == 0 || net > best_net) {
      best_net = net;
      best_item = k;
      best_capped = false;
    }
    // Capping changes nothing for a business that is not large: its twin is a duplicate.
    if (!full.large) continue;
    const double twin_net =
        evaluate(c, who, item.option, capped_scale(c, who.skill), item.wage, item.fees).net;
    if (twin_net > best_net) {
      best_net = twin_net;
      best_item = k;
      best_capped = true;
    }
  }
  const OptionMenu::Item& item = menu.items[best_item];
  WorkOption option = item.option;
  option.capped = best_capped;
  const OptionShape shape = best_capped ? capped_scale(c, who.skill)
                                        : full_scale(c, who.skill, item.market_time);
  return evaluate(c, who, option, shape, item.wage, item.fees);
}

OptionValue best_option(const MonthContext& c, const Chooser& who) {
  return best_option(c, OptionMenu::open_to(c, who.party_duties, who.can_buy_skips), who);
}

}  // namespace partysim
