#pragma once
// The weighted draw for cadre posts (docs/ODD.md section 7.8), used by initialisation and phase 8.
#include <array>
#include <cstddef>
#include <cstdint>

#include "model/month_context.hpp"
#include "model/simulation_state.hpp"

namespace partysim {

struct CadreDraw {
  std::size_t posts;     // how many to draw
  std::int64_t key_month;  // month that keys the random draws (kBirthMonth at initialisation)
  int month;             // the month t, for tenure and detention
  double min_tenure;     // months of membership needed
  std::array<double, kSongbunCount> songbun_weight;
  double wealth_ref;     // USD at which the weight doubles
};

// Draws without replacement among eligible members (tenure >= min_tenure, not detained), with
// weight songbun_weight * (1 + W / wealth_ref), by Efraimidis-Spirakis keys u^(1/w): the largest
// keys win, ties by index. The result does not depend on the number of threads. The drawn become
// cadres; returns how many were drawn of each songbun.
std::array<double, kSongbunCount> draw_cadres(SimulationState& state, const CadreDraw& draw);

// The monthly hazard that a cadre post falls vacant: its holder retires (phase 8), is purged
// (phase 5) or the household dissolves (phase 9).
inline double cadre_post_end_hazard(const MonthContext& c) {
  return c[P::cadre_exit_rate] + c[P::purge_rate] + c[P::turnover_rate];
}

}  // namespace partysim
