#pragma once
// The month (docs/ODD.md section 3): its phases in order in kMonthPhases below, each phase in its
// own file: the kernel's policy first and observation last, and between them the submodels'
// phases, each declared by its submodel (PARTYSIM_PHASE in its .def, listed in submodels.def).
// Simulation::step() runs this list; the benchmark's per-phase rows, the phase table of
// docs/ODD.md (`partysim phases --format markdown`, checked by a test) and the phase observers
// (phase_observer.hpp) come from it. Inserting a phase is a submodel's line in submodels.def,
// its .def and its .cpp.
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

// 1. Policy (the kernel's): every schedule at month t, with last month's violators and cadre-track
//    rates.
MonthContext policy_at(const SimulationState& state, int month);
// 2 to 9: the submodels' phases (submodels.def), each `void function(SimulationState&, const
// MonthContext&)`.
#define PARTYSIM_PHASE(function, name, unit, files, reads, writes, bytes_per_household) \
  void function(SimulationState& state, const MonthContext& c);
#include "model/submodels.def"
// 10. Observation (the kernel's): the month reduced to one record of measures.
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
#define PARTYSIM_PHASE(function, name, unit, files, reads, writes, bytes_per_household)        \
  Phase{name, unit, files, reads, writes, bytes_per_household,                                 \
        [](SimulationState& s, Month& m) { function(s, m.context); }},
#include "model/submodels.def"
    Phase{"observation", "global (reduction over cells)", "`observation.cpp`", "everything",
          "one row of each output",
          70,  // status, events, songbun, money fields, opinion, wealth, time
          [](SimulationState& s, Month& m) { m.record = observe(s, m.context); }},
};
inline constexpr std::size_t kPhaseCount = kMonthPhases.size();

// Shared by phases and initialisation:
// Delta V of docs/ODD.md section 7.6 for household i, from the values phase 2 stored.
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
