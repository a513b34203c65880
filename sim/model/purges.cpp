// Phase 5: purges (docs/ODD.md section 7.5). Each candidate, member and cadre is expelled with the
// month's purge hazard; the expelled are watched for surveillance_months and may not reapply for
// reapply_ban_months (both counted from expelled_at).
#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "model/status_changes.hpp"
#include "rng/household_draws.hpp"

namespace partysim {

void purge(SimulationState& state, const MonthContext& c) {
  Households& h = state.households;
  const double hazard = c[P::purge_rate];
  for_each_index_where(
      h.size(), kHouseholdGrain, [&](std::size_t i) { return in_party(h.status[i]); },
      [&](std::size_t i) {
        if (bernoulli32(hazard, HouseholdDraws(state.rng, i, c.month).purge()))
          change_status(h, i, StatusChange::purge, c.month);
      });
}

}  // namespace partysim
