// Status changes and the month's reset: each change sets the status, the month it began, its
// event and exactly the dates the rules read; the reset clears what happened last month and
// nothing else.
#include <catch2/catch.hpp>
#include <cstring>
#include <string_view>

#include "model/households.hpp"
#include "model/status_changes.hpp"

using namespace partysim;

namespace {
constexpr std::int32_t kMonth = 42;
constexpr std::int32_t kBefore = 7;  // every date before the change

Households one_household(Status status) {
  Households h;
  h.resize(1);
  h.status[0] = status;
  h.status_since[0] = kBefore;
  h.member_since[0] = kBefore;
  h.expelled_at[0] = kBefore;
  h.events[0] = Event::violated_large;  // an event from earlier in the month stays
  return h;
}

// The fields that hold what happened in one month (docs/ODD.md section 2.1: money, events).
bool is_monthly(std::string_view field) {
  for (std::string_view monthly :
       {"market_income", "bribe_large_usd", "bribe_absence_usd", "extortion_paid_usd",
        "entry_paid_usd", "events"})
    if (field == monthly) return true;
  return false;
}

struct Expected {
  StatusChange change;
  Status from, to;
  Event event;
  std::int32_t member_since, expelled_at;
};
}  // namespace

TEST_CASE("each status change sets the new status, its month, its event and only its dates",
          "[status]") {
  // From docs/ODD.md sections 7.3 to 7.9: full membership starts cadre
  // tenure; an expulsion starts surveillance and the reapplication ban; a new household in a
  // dissolved one's slot has never been a member nor expelled.
  const Expected cases[] = {
      {StatusChange::apply, Status::outsider, Status::applicant, Event::applied, kBefore, kBefore},
      {StatusChange::withdraw, Status::candidate, Status::outsider, Event::withdrew, kBefore, kBefore},
      {StatusChange::admit, Status::applicant, Status::candidate, Event::admitted, kBefore, kBefore},
      {StatusChange::drop_unpaid, Status::applicant, Status::outsider, Event::dropped_unpaid, kBefore,
       kBefore},
      {StatusChange::complete_candidacy, Status::candidate, Status::member, Event::promoted_member,
       kMonth, kBefore},
      {StatusChange::promote_to_cadre, Status::member, Status::cadre, Event::promoted_cadre, kBefore,
       kBefore},
      {StatusChange::retire_cadre, Status::cadre, Status::member, Event::retired_cadre, kBefore,
       kBefore},
      {StatusChange::purge, Status::cadre, Status::expelled, Event::purged, kBefore, kMonth},
      {StatusChange::expel_caught, Status::member, Status::expelled, Event::expelled_caught, kBefore,
       kMonth},
      {StatusChange::replace, Status::member, Status::outsider, Event::replaced, kNever, kNever},
  };
  for (const Expected& e : cases) {
    INFO("change " << static_cast<int>(e.change));
    Households h = one_household(e.from);
    change_status(h, 0, e.change, kMonth);
    CHECK(h.status[0] == e.to);
    CHECK(h.status_since[0] == kMonth);
    CHECK(h.events[0] == (Event::violated_large | e.event));
    CHECK(h.member_since[0] == e.member_since);
    CHECK(h.expelled_at[0] == e.expelled_at);
  }
}

TEST_CASE("the month's reset clears the month's money and events and keeps everything else",
          "[status]") {
  Households h;
  h.resize(3);
  // Every field of household 1 set to a non-zero value (bytes 0x5A), its neighbours left at 0.
#define PARTYSIM_HOUSEHOLD_FIELD(type, name, lifetime, doc) \
  std::memset(&h.name[1], 0x5A, sizeof(type));
#include "model/submodels.def"
  h.start_month(1);
  // What happened last month (docs/ODD.md section 2.1): money realised or paid, and the events.
  CHECK(h.market_income[1] == 0);
  CHECK(h.bribe_large_usd[1] == 0);
  CHECK(h.bribe_absence_usd[1] == 0);
  CHECK(h.extortion_paid_usd[1] == 0);
  CHECK(h.entry_paid_usd[1] == 0);
  CHECK(h.events[1] == 0);
  // Everything else is state that lasts: unchanged bytes.
  const unsigned char filled[8] = {0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A};
  int kept = 0;
#define PARTYSIM_HOUSEHOLD_FIELD(type, name, lifetime, doc)    \
  if (!is_monthly(#name)) {                                    \
    INFO("field " #name);                                      \
    CHECK(std::memcmp(&h.name[1], filled, sizeof(type)) == 0); \
    ++kept;                                                    \
  }
#include "model/submodels.def"
  CHECK(kept == 17);
  // The other households are untouched.
  CHECK(h.wealth[0] == 0);
  CHECK(h.wealth[2] == 0);
}
