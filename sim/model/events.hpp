#pragma once
// What can happen to a household in a month, each event declared once by the submodel whose phase
// makes it happen (PARTYSIM_EVENT in its .def, listed in submodels.def): a bit of the household's
// `events` field (cleared at the start of the month), counted by the measures that read it
// (measures.def). Bits follow the order of the list; they are not an output.
#include <cstdint>

namespace partysim {

namespace event_detail {
enum Position : int {
#define PARTYSIM_EVENT(name, meaning) name,
#include "model/submodels.def"
  kCount
};
}  // namespace event_detail

// Event::applied etc.: the bit of each event.
enum Event : std::uint32_t {
#define PARTYSIM_EVENT(name, meaning) name = 1u << event_detail::name,
#include "model/submodels.def"
};
inline constexpr int kEventCount = event_detail::kCount;
static_assert(kEventCount <= 32, "events are bits of a 32-bit field: widen Households::events");

}  // namespace partysim
