#include "model/work_options.hpp"

#include <limits>

namespace partysim {

OptionMenu OptionMenu::open_to(const MonthContext& c, bool party_duties, bool can_buy_skips) {
  OptionMenu menu;
  menu.party_duties = party_duties;
  for (Job job : {Job::attend, Job::pay_83, Job::absent}) {
    for (PartyDuty duty : {PartyDuty::attend, PartyDuty::skip_deal}) {
      if (duty == PartyDuty::skip_deal && !(party_duties && can_buy_skips)) continue;
      const WorkOption option{job, party_duties ? duty : PartyDuty::none, false};
      menu.items[menu.count++] = option_terms(c, option, party_duties);
    }
  }
  return menu;
}

OptionValue best_option(const MonthContext& c, const Chooser& who) {
  const OptionMenu menu = OptionMenu::open_to(c, who.party_duties, who.can_buy_skips);
  OptionValue best;
  best.net = -std::numeric_limits<double>::infinity();
  auto consider = [&](WorkOption option) {
    const OptionValue value = evaluate_option(c, who, option);
    if (value.net > best.net) best = value;
  };
  for (int k = 0; k < menu.count; ++k) {
    const WorkOption full = menu.items[k].option;
    consider(full);
    // Capping changes something only where the full-scale business is large.
    if (option_shape(c, who.skill, full).large) consider({full.job, full.party, true});
  }
  return best;
}

}  // namespace partysim
