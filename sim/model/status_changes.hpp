#pragma once
// Every change of a household's Party status (docs/ODD.md sections 7.3 to 7.9) goes through
// change_status(), which also records the month's event for the observation phase and the dates
// that later rules read: status_since (queue order, candidacy length), member_since (cadre
// tenure), expelled_at (surveillance and the reapplication ban).
#include <cstddef>
#include <cstdint>

#include "model/households.hpp"

namespace partysim {

enum class StatusChange : std::uint8_t {
  apply,               // outsider or expelled -> applicant (phase 6)
  withdraw,            // applicant or candidate -> outsider (phase 6)
  admit,               // applicant -> candidate, entry price paid (phase 7)
  drop_unpaid,         // applicant -> outsider, could no longer pay at admission (phase 7)
  complete_candidacy,  // candidate -> member (phase 7)
  promote_to_cadre,    // member -> cadre (phase 8)
  retire_cadre,        // cadre -> member (phase 8)
  purge,               // candidate, member or cadre -> expelled (phase 5)
  expel_caught,        // candidate or member -> expelled after a catch (phase 3)
  replace,             // any -> outsider: a new household in a dissolved one's slot (phase 9)
};

namespace status_change_detail {
// Which of the dates besides status_since a change sets.
enum class Dates : std::uint8_t { status_only, membership_begins, expulsion, new_household };
struct Rule {
  Status to;
  Event event;
  Dates dates;
};
inline constexpr Rule kRules[] = {
    {Status::applicant, Event::applied, Dates::status_only},
    {Status::outsider, Event::withdrew, Dates::status_only},
    {Status::candidate, Event::admitted, Dates::status_only},
    {Status::outsider, Event::dropped_unpaid, Dates::status_only},
    {Status::member, Event::promoted_member, Dates::membership_begins},
    {Status::cadre, Event::promoted_cadre, Dates::status_only},
    {Status::member, Event::retired_cadre, Dates::status_only},
    {Status::expelled, Event::purged, Dates::expulsion},
    {Status::expelled, Event::expelled_caught, Dates::expulsion},
    {Status::outsider, Event::replaced, Dates::new_household},
};
}  // namespace status_change_detail

// Household i changes status in `month`. Inlined with a constant `change`, the rule folds away.
inline void change_status(Households& h, std::size_t i, StatusChange change, std::int32_t month) {
  using namespace status_change_detail;
  const Rule& rule = kRules[static_cast<int>(change)];
  h.status[i] = rule.to;
  h.status_since[i] = month;
  h.events[i] |= rule.event;
  switch (rule.dates) {
    case Dates::status_only: break;
    case Dates::membership_begins: h.member_since[i] = month; break;
    case Dates::expulsion: h.expelled_at[i] = month; break;
    case Dates::new_household:
      h.member_since[i] = kNever;
      h.expelled_at[i] = kNever;
      break;
  }
}

}  // namespace partysim
