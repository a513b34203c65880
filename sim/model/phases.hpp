#pragma once
// The phases of one month (MODEL.md section 3), each in its own file. Each phase reads the state
// as the earlier phases left it and never depends on the order in which households or cells are
// visited: household phases write only their own household, cell phases only their own cell.
#include "model/month_context.hpp"
#include "model/simulation_state.hpp"
#include "model/month_record.hpp"

namespace partysim {

// 2. Work choice: reads status, skill, wealth, the cell's skip offers; writes work_option and
//    the member/outsider values used by phase 5. Clears the month's events.
void choose_work(SimulationState& state, const MonthContext& c);
// 3. Income and enforcement: realises income, catches, bribes, detentions, expulsions, wealth.
void realise_income_and_enforcement(SimulationState& state, const MonthContext& c);
// 4. Purges of candidates, members and cadres.
void purge(SimulationState& state, const MonthContext& c);
// 5. Opinions (from own value and neighbours' opinions of last month), applications, withdrawals.
void update_opinions_and_applications(SimulationState& state, const MonthContext& c);
// 6. Secretaries: admissions, candidacy ends, entry price, income, recruiting and skip flags.
void run_secretaries(SimulationState& state, const MonthContext& c);
// 7. Cadre posts: retirements, then vacancies filled by a weighted draw among members.
void fill_cadre_posts(SimulationState& state, const MonthContext& c);
// 8. Demography: dissolved households are replaced in their slots.
void replace_dissolved_households(SimulationState& state, const MonthContext& c);
// 9. Observation: the month reduced to one record of measures.
MonthRecord observe(const SimulationState& state, const MonthContext& c);

// Shared by phases and initialisation:
// Delta V of MODEL.md section 7 for household i, from the values phase 2 stored.
double membership_value(const SimulationState& state, const MonthContext& c, std::size_t i);
// Entry price household i would pay in its cell this month.
double entry_price_for(const SimulationState& state, const MonthContext& c, std::size_t i);
// The same from the cell's price P_j, for loops that go cell by cell.
inline double entry_price(const MonthContext& c, double cell_price, Songbun songbun) {
  return cell_price * c.entry_multiplier[static_cast<int>(songbun)];
}
// New skill, risk aversion and wealth for the household born in slot i at `month`.
void draw_traits(SimulationState& state, std::size_t i, std::int64_t month);

}  // namespace partysim
