#pragma once
// What can happen to a household in a month, declared once: each event is a bit of the
// household's `events` field (cleared at the start of the month), set by the phase that makes it
// happen and counted by the measures that read it (measures.def). Bits follow the order of the
// list; adding an event is one line.
#include <cstdint>
#include <string_view>

namespace partysim {

// X(name, what happened this month)
#define PARTYSIM_EVENTS(X)                                                                         \
  X(applied, "applied for membership (phase 5)")                                                   \
  X(admitted, "admitted as a candidate, entry price paid (phase 6)")                               \
  X(withdrew, "withdrew an application or candidacy (phase 5)")                                    \
  X(dropped_unpaid, "dropped from the queue at admission, unable to pay (phase 6)")                \
  X(promoted_member, "became a full member at the end of candidacy (phase 6)")                     \
  X(promoted_cadre, "drawn for a cadre post (phase 7)")                                            \
  X(purged, "purged: expelled from the Party (phase 4)")                                           \
  X(expelled_caught, "expelled after being caught (phase 3)")                                      \
  X(violated_large, "ran a large business (phase 3)")                                              \
  X(violated_absence, "was absent from the state job without paying 8.3 (phase 3)")               \
  X(caught_large, "caught running a large business (phase 3)")                                     \
  X(caught_absence, "caught absent (phase 3)")                                                     \
  X(paid_bribe_large, "paid the bribe for a large business (phase 3)")                             \
  X(paid_bribe_absence, "paid the bribe for absence (phase 3)")                                    \
  X(detained_now, "detained: caught and unable to pay (phase 3)")                                  \
  X(bought_skip_deal, "bought a skip deal and was not detained (phase 3)")                         \
  X(paid_83, "paid the 8.3 fee and was not detained (phase 3)")                                    \
  X(replaced, "a new household in a dissolved one's slot (phase 8)")                              \
  X(retired_cadre, "retired from a cadre post (phase 7)")                                          \
  X(caught_as_party, "caught while a candidate, member or cadre: pays member bribes (phase 3)")    \
  X(eligible_to_apply,                                                                             \
    "could apply: outsider or expelled past the ban, not detained, able to pay the price (phase 5)")

namespace event_detail {
enum Position : int {
#define PARTYSIM_EVENT_POSITION(name, meaning) name,
  PARTYSIM_EVENTS(PARTYSIM_EVENT_POSITION)
#undef PARTYSIM_EVENT_POSITION
  kCount
};
}  // namespace event_detail

// Event::applied etc.: the bit of each event.
enum Event : std::uint32_t {
#define PARTYSIM_EVENT_BIT(name, meaning) name = 1u << event_detail::name,
  PARTYSIM_EVENTS(PARTYSIM_EVENT_BIT)
#undef PARTYSIM_EVENT_BIT
};
inline constexpr int kEventCount = event_detail::kCount;
static_assert(kEventCount <= 32, "events are bits of a 32-bit field: widen Households::events");

struct EventSpec {
  Event bit;
  std::string_view name;
  std::string_view meaning;
};
inline constexpr EventSpec kEvents[] = {
#define PARTYSIM_EVENT_SPEC(name, meaning) {Event::name, #name, meaning},
    PARTYSIM_EVENTS(PARTYSIM_EVENT_SPEC)
#undef PARTYSIM_EVENT_SPEC
};

}  // namespace partysim
