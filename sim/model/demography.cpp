// Phase 9: demography (docs/ODD.md section 7.9). A dissolved household is replaced in its slot by a
// new one: same cell, ties and songbun; new skill, risk aversion and wealth; an outsider whose
// opinion is its neighbours' mean opinion (as of last month, so the order of replacement within
// the month does not matter).
//
// Each household dissolves with the month's hazard h, independently. Rather than a draw per
// household (about 360 per dissolution at the default h = 1/360), each cell draws the gaps
// between its dissolutions: the number of households passed over before the next one is
// Geometric(h), floor(log U / log(1 - h)) (Devroye 1986, ch. X.2), exactly the distribution of
// the household-by-household draws. The gaps of cell j in month t come from the keyed words of
// (turnover, j, t), so they do not depend on the number of threads.
#include <cmath>

#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "model/status_changes.hpp"
#include "rng/samplers.hpp"

namespace partysim {

void draw_traits(SimulationState& state, std::size_t i, std::int64_t month) {
  const Scenario& s = state.scenario;
  Households& h = state.households;
  const auto skill = state.rng.words(Purpose::skill, i, month);
  const auto wealth = state.rng.words(Purpose::initial_wealth, i, month);
  h.skill[i] = static_cast<float>(lognormal_median(1.0, s.real(P::skill_sigma), skill[0], skill[1]));
  h.risk_aversion[i] = static_cast<float>(
      s.real(P::risk_aversion_max) * state.rng.uniform(Purpose::risk_aversion, i, month));
  h.wealth[i] = lognormal_median(s.real(P::wealth_initial_median), s.real(P::wealth_initial_sigma),
                                 wealth[0], wealth[1]);
}

namespace {
void replace(SimulationState& state, std::size_t i, int month) {
  Households& h = state.households;
  draw_traits(state, i, month);
  change_status(h, i, StatusChange::replace, month);
  h.detained_until[i] = kNever;
  h.ever_detained[i] = 0;
  h.opinion[i] = state.ties.neighbour_mean(i, h.opinion_last, 0.0);
}
}  // namespace

void replace_dissolved_households(SimulationState& state, const MonthContext& c) {
  const double hazard = c[P::turnover_rate];
  if (hazard <= 0) return;
  const double log_survival = std::log1p(-hazard);  // -inf when hazard = 1: every gap is 0
  const Cells& cells = state.cells;
  for_each_index(cells.size(), kCellGrain, [&](std::size_t cell) {
    const std::size_t first = cells.first(cell);
    const std::size_t size = cells.end(cell) - first;
    std::size_t next = 0;  // offset in the cell of the next household to consider
    for (std::uint64_t block = 0; next < size; ++block) {
      for (std::uint64_t word : state.rng.words(Purpose::turnover, cell, c.month, block)) {
        const double gap = std::floor(std::log(uniform_open(word)) / log_survival);
        if (gap >= static_cast<double>(size - next)) return;
        next += static_cast<std::size_t>(gap);
        replace(state, first + next, c.month);
        if (++next == size) return;
      }
    }
  });
}

}  // namespace partysim
