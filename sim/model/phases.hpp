#pragma once
// The month (MODEL.md section 3): its phases in order, declared once in kMonthPhases below, each
// phase in its own file. Simulation::step() runs this list; the benchmark's per-phase rows, the
// phase table of docs/ODD.md (`partysim phases --format markdown`, checked by a test) and the
// phase observers (phase_observer.hpp) come from it. Inserting a phase is one entry here, its
// function's declaration, and its file.
//
// Each phase reads the state as the earlier phases left it and never depends on the order in
// which households or cells are visited: household phases write only their own household, cell
// phases only their own cell and its households.
#include <array>
#include <string_view>

#include "model/month_context.hpp"
#include "model/month_record.hpp"
#include "model/simulation_state.hpp"

namespace partysim {

// What the phases of one month share besides the state.
struct Month {
  MonthContext context;  // written by the policy phase, read-only for the others
  MonthRecord record;    // written by the observation phase
};

// 1. Policy: every schedule at month t, with last month's violators and cadre-track rates.
MonthContext policy_at(const SimulationState& state, int month);
// 2. Work choice: reads status, skill, wealth, the cell's skip offers; writes work_option and
//    the member/outsider values used by phase 5. Clears the month's events.
void choose_work(SimulationState& state, const MonthContext& c);
// 3. Income and enforcement: realises income, catches, bribes, detentions, expulsions, wealth,
//    and the month's violators per 1,000 (next month's congestion).
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

struct Phase {
  std::string_view name;   // as in docs/ODD.md and the benchmark
  std::string_view unit;   // what it loops over: household, cell, or global
  std::string_view files;  // where it is written (sim/model/)
  std::string_view reads;
  std::string_view writes;
  // The least memory traffic of the phase, bytes per household-step: the arrays of households.hpp
  // it touches, each counted once. At the triad bandwidth it gives the phase's memory-bound time
  // (the benchmark's last column).
  double bytes_per_household;
  void (*run)(SimulationState& state, Month& month);
};

inline constexpr std::array kMonthPhases = {
    Phase{"policy", "global", "`month_context.cpp`",
          "schedules, V_{t−1}, cadre-track history", "the month's context", 0,
          [](SimulationState& s, Month& m) { m.context = policy_at(s, s.month); }},
    Phase{"work choice", "household",
          "`work_choice.cpp`, `work_options.hpp` (the rule), `enforcement.hpp`, "
          "`fast/best_options.cpp`",
          "status, skill, ρ, W, cell's `selling_skips`",
          "work option, member/outsider values, L_expel, p_caught; clears events",
          // reads skill, risk, wealth, status, surveillance fields (26 B); writes option, the four
          // values, events, and clears the month's money fields (53 B)
          79, [](SimulationState& s, Month& m) { choose_work(s, m.context); }},
    Phase{"income and enforcement", "household", "`income_enforcement.cpp`", "work option",
          "market income, catches, bribes, detention, expulsion after a catch, W, V_t",
          // option, skill, status, wealth, events, surveillance fields; writes market time and
          // income, bribes, wealth
          60, [](SimulationState& s, Month& m) { realise_income_and_enforcement(s, m.context); }},
    Phase{"purges", "household", "`purges.cpp`", "status", "status, `expelled_at`",
          5,  // status (and events for the purged)
          [](SimulationState& s, Month& m) { purge(s, m.context); }},
    Phase{"opinions and applications", "cell (its households)", "`opinions.cpp`",
          "values of phase 2, status, W, neighbours' `opinion_last`, cell's `recruiting` and P_j",
          "o, applications, withdrawals, the cell's applications window",
          // the four values, risk, status, songbun, wealth, eligibility fields (50 B) plus two
          // out-of-cell neighbours' opinions (2 x 64 B)
          178, [](SimulationState& s, Month& m) { update_opinions_and_applications(s, m.context); }},
    Phase{"secretaries", "cell", "`secretaries.cpp`",
          "applicants, candidates, work options and events",
          "admissions, candidacy ends, P_j, income, flags",
          10,  // status, status_since, events, option
          [](SimulationState& s, Month& m) { run_secretaries(s, m.context); }},
    Phase{"cadre posts", "global", "`cadre_posts.cpp`", "members, cadres",
          "retirements, new cadres, cadre-track history",
          7,  // status (twice), member_since, songbun
          [](SimulationState& s, Month& m) { fill_cadre_posts(s, m.context); }},
    Phase{"demography", "household", "`demography.cpp`", "neighbours' `opinion_last`",
          "replaced households",
          1,  // nothing but the keyed draw, unless replaced
          [](SimulationState& s, Month& m) { replace_dissolved_households(s, m.context); }},
    Phase{"observation", "global (reduction over cells)", "`observation.cpp`", "everything",
          "one row of each output",
          70,  // status, events, songbun, money fields, opinion, wealth, time
          [](SimulationState& s, Month& m) { m.record = observe(s, m.context); }},
};
inline constexpr std::size_t kPhaseCount = kMonthPhases.size();

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
