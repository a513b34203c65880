#include "model/simulation.hpp"

#include <cmath>

#include "model/cadre_posts.hpp"
#include "model/month_context.hpp"
#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "rng/samplers.hpp"

namespace partysim {

Simulation::Simulation(const Scenario& scenario) : state_(scenario) { initialise(); }

MonthRecord Simulation::step() {
  SimulationState& s = state_;
  // Phase timing for benchmarks: a clock read between phases, only when asked for.
  auto last = std::chrono::steady_clock::now();
  auto lap = [&](std::size_t phase) {
    if (!phase_times_) return;
    const auto now = std::chrono::steady_clock::now();
    phase_times_->seconds[phase] += std::chrono::duration<double>(now - last).count();
    last = now;
  };
  // 1. Policy: every schedule at month t, with last month's violators and cadre-track rates.
  const MonthContext c = MonthContext::at(s.scenario, s.month, s.violators_per_1000,
                                          s.promotion_history.monthly_rate());
  lap(0);
  choose_work(s, c);                       // 2. work choice
  lap(1);
  realise_income_and_enforcement(s, c);    // 3. income and enforcement
  lap(2);
  purge(s, c);                             // 4. purges
  lap(3);
  update_opinions_and_applications(s, c);  // 5. opinions and applications
  lap(4);
  run_secretaries(s, c);                   // 6. secretaries
  lap(5);
  fill_cadre_posts(s, c);                  // 7. cadre posts
  lap(6);
  replace_dissolved_households(s, c);      // 8. demography
  lap(7);
  MonthRecord record = observe(s, c);      // 9. observation
  lap(8);
  ++s.month;
  return record;
}

void Simulation::initialise() {
  SimulationState& s = state_;
  const Scenario& scenario = s.scenario;
  const auto n = static_cast<std::size_t>(scenario.integer(P::households));
  s.households.resize(n);
  s.cells.cell_size = static_cast<std::size_t>(scenario.integer(P::cell_size));
  s.cells.household_count = n;
  s.cells.resize((n + s.cells.cell_size - 1) / s.cells.cell_size);

  // Households: songbun, traits, and initial membership with tenure Uniform[0, tenure_max).
  Households& h = s.households;
  const double core = scenario.real(P::songbun_share_core);
  const double wavering = scenario.real(P::songbun_share_wavering);
  const std::array<double, kSongbunCount> member_share = {
      scenario.real(P::initial_member_share_core), scenario.real(P::initial_member_share_wavering),
      scenario.real(P::initial_member_share_hostile)};
  const double tenure_max = scenario.real(P::initial_tenure_max);
  const std::int64_t birth = KeyedRng::kBirthMonth;
  for_each_index(n, kHouseholdGrain, [&](std::size_t i) {
    const double u = s.rng.uniform(Purpose::songbun, i, birth);
    h.songbun[i] = u < core ? Songbun::core : u < core + wavering ? Songbun::wavering : Songbun::hostile;
    draw_traits(s, i, birth);
    h.expelled_at[i] = kNever;
    h.detained_until[i] = kNever;
    h.member_since[i] = kNever;
    const auto words = s.rng.words(Purpose::initial_membership, i, birth);
    if (bernoulli(member_share[static_cast<int>(h.songbun[i])], words[0])) {
      h.status[i] = Status::member;
      h.member_since[i] = -static_cast<std::int32_t>(std::floor(uniform_open(words[1]) * tenure_max));
      h.status_since[i] = h.member_since[i];
    } else {
      h.status[i] = Status::outsider;
    }
  });
  s.ties = build_ties(s.cells, static_cast<int>(scenario.integer(P::ties_in_cell)),
                      static_cast<int>(scenario.integer(P::ties_anywhere)), s.rng);

  // Cadre posts, filled by the weighted draw of section 9 among the initial members.
  s.cadre_posts = static_cast<std::size_t>(std::llround(scenario.real(P::cadre_share) * n));
  s.violators_per_1000 = scenario.real(P::initial_violators);
  const MonthContext c0 = MonthContext::at(scenario, 0, s.violators_per_1000, {});
  draw_cadres(s, {s.cadre_posts, birth, 0, c0[P::cadre_min_tenure], c0.cadre_weight,
                  c0[P::cadre_wealth_ref]});

  // Secretaries start at the initial price with the income of one admission a year at that
  // price, and with a year of demand equal to the quota (a market in balance before t = 0). Their
  // admission budgets start at a random fraction of an admission, so that cells do not all admit
  // in the same month.
  for (std::size_t cell = 0; cell < s.cells.size(); ++cell) {
    s.cells.entry_price[cell] = scenario.real(P::price_initial);
    s.cells.admission_budget[cell] = s.rng.uniform(Purpose::admission_budget, cell, birth);
    s.cells.smoothed_income[cell] = c0[P::quota] * scenario.real(P::price_initial);
    for (int k = 0; k < kDemandWindowMonths; ++k) s.cells.window(cell)[k] = c0[P::quota];
  }

  // The cadre track's first-year rates: the expected rates of the draw. Vacancies per month
  // (posts x the hazards that end a post: retirement, purge, household turnover) are shared among
  // songbun classes by their eligible members' total weight.
  std::array<double, kSongbunCount> weight{}, members{};
  for (std::size_t i = 0; i < n; ++i) {
    if (h.status[i] != Status::member) continue;
    const int songbun = static_cast<int>(h.songbun[i]);
    members[songbun] += 1;
    if (-h.member_since[i] >= c0[P::cadre_min_tenure])
      weight[songbun] += c0.cadre_weight[songbun] * (1.0 + h.wealth[i] / c0[P::cadre_wealth_ref]);
  }
  const double total_weight = weight[0] + weight[1] + weight[2];
  const double vacancies =
      s.cadre_posts * (c0[P::cadre_exit_rate] + c0[P::purge_rate] + c0[P::turnover_rate]);
  std::array<double, kSongbunCount> promotions{};
  for (int songbun = 0; songbun < kSongbunCount; ++songbun)
    promotions[songbun] = total_weight > 0 ? vacancies * weight[songbun] / total_weight : 0.0;
  for (int k = 0; k < kDemandWindowMonths; ++k) s.promotion_history.record(k, promotions, members);

  // Opinions start at each household's own value of membership.
  const MonthContext c = MonthContext::at(scenario, 0, s.violators_per_1000,
                                          s.promotion_history.monthly_rate());
  choose_work(s, c);
  for_each_index(n, kHouseholdGrain, [&](std::size_t i) {
    h.opinion[i] = membership_value(s, c, i);
    h.opinion_last[i] = h.opinion[i];
  });
}

}  // namespace partysim
