#include "model/work_options.hpp"

#include <algorithm>

#include "model/enforcement.hpp"

namespace partysim {

OptionShape option_shape(const MonthContext& c, double skill, WorkOption option) {
  double m = 1.0;
  if (option.job == Job::attend) m -= c[P::job_time];
  if (option.party == PartyDuty::attend) m -= c[P::party_time];
  m = std::max(m, 0.0);
  const double legal = c[P::legal_size];
  // Capped at exactly the legal size (recomputing skill * m could round just above it).
  if (option.capped && skill * m > legal) return {legal / skill, legal, false};
  const double size = skill * m;
  return {m, size, size > legal};
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
  const OptionShape shape = option_shape(c, who.skill, option);
  const double wage = option.job == Job::attend ? c[P::state_wage] : 0.0;
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
  value.net = gross - option_fees(c, option, who.party_duties) -
              (1.0 + who.risk_aversion) * expected_loss;
  return value;
}

OptionValue best_option(const MonthContext& c, const Chooser& who) {
  OptionValue best;
  bool first = true;
  const PartyDuty duties[] = {PartyDuty::attend, PartyDuty::skip_deal};
  for (Job job : {Job::attend, Job::pay_83, Job::absent}) {
    for (PartyDuty duty : duties) {
      const PartyDuty party = who.party_duties ? duty : PartyDuty::none;
      if (party == PartyDuty::skip_deal && !who.can_buy_skips) continue;
      if (!who.party_duties && duty == PartyDuty::skip_deal) continue;
      for (bool capped : {false, true}) {
        const WorkOption option{job, party, capped};
        // Capping changes nothing for a business that is not large: skip the duplicate.
        if (capped && !option_shape(c, who.skill, {job, party, false}).large) continue;
        const OptionValue value = evaluate_option(c, who, option);
        if (first || value.net > best.net) best = value;
        first = false;
      }
    }
  }
  return best;
}

}  // namespace partysim
