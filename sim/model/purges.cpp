// Phase 4: purges (MODEL.md section 6). Each candidate, member and cadre is expelled with the
// month's purge hazard; the expelled are watched for surveillance_months and may not reapply for
// reapply_ban_months (both counted from expelled_at).
#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "rng/household_draws.hpp"

namespace partysim {

namespace {
void purge_of(Households& h, const MonthContext& c, const HouseholdDraws& draws, std::size_t i) {
  if (!in_party(h.status[i])) return;
  if (!bernoulli32(c[P::purge_rate], draws.purge())) return;
  h.status[i] = Status::expelled;
  h.status_since[i] = c.month;
  h.expelled_at[i] = c.month;
  h.events[i] |= Event::purged;
}
}  // namespace

void purge(SimulationState& state, const MonthContext& c) {
  Households& h = state.households;
  for_each_index(h.size(), kHouseholdGrain, [&](std::size_t i) {
    purge_of(h, c, HouseholdDraws(state.rng, i, c.month), i);
  });
}

}  // namespace partysim
