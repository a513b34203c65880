#include "model/work_options.hpp"

#include <algorithm>

namespace partysim {

OptionMenu OptionMenu::open_to(const MonthContext& c, bool party_duties, bool can_buy_skips) {
  OptionMenu menu;
  menu.party_duties = party_duties;
  for (Job job : {Job::attend, Job::pay_83, Job::absent}) {
    for (PartyDuty duty : {PartyDuty::attend, PartyDuty::skip_deal}) {
      if (duty == PartyDuty::skip_deal && !(party_duties && can_buy_skips)) continue;
      const WorkOption option{job, party_duties ? duty : PartyDuty::none, false};
      menu.items[menu.count++] = {option, detail::market_time_of(c, option),
                                  detail::wage_of(c, option), option_fees(c, option, party_duties)};
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
    const OptionShape full = detail::full_scale(c, who.skill, item.market_time);
    const double net = detail::evaluate(c, who, item.option, full, item.wage, item.fees).net;
    if (k == 0 || net > best_net) {
      best_net = net;
      best_item = k;
      best_capped = false;
    }
    // Capping changes nothing for a business that is not large: its twin is a duplicate.
    if (!full.large) continue;
    const OptionShape capped = detail::capped_scale(c, who.skill);
    const double twin_net = detail::evaluate(c, who, item.option, capped, item.wage, item.fees).net;
    if (twin_net > best_net) {
      best_net = twin_net;
      best_item = k;
      best_capped = true;
    }
  }
  const OptionMenu::Item& item = menu.items[best_item];
  WorkOption option = item.option;
  option.capped = best_capped;
  const OptionShape shape = best_capped ? detail::capped_scale(c, who.skill)
                                        : detail::full_scale(c, who.skill, item.market_time);
  return detail::evaluate(c, who, option, shape, item.wage, item.fees);
}

OptionValue best_option(const MonthContext& c, const Chooser& who) {
  return best_option(c, OptionMenu::open_to(c, who.party_duties, who.can_buy_skips), who);
}

}  // namespace partysim
