// Initialisation, step by step as docs/ODD.md section 5 lists them. Every draw uses the "birth
// month" key (t = -1).
#include "model/initialisation.hpp"

#include <cmath>

#include "model/cadre_posts.hpp"
#include "model/month_context.hpp"
#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "rng/samplers.hpp"

namespace partysim {

namespace {
constexpr std::int64_t kBirth = KeyedRng::kBirthMonth;

// 1. Cells: ceiling(N / cell_size) of them, households in contiguous slots.
void create_cells(SimulationState& s) {
  const auto n = static_cast<std::size_t>(s.scenario.integer(P::households));
  s.households.resize(n);
  s.cells.cell_size = static_cast<std::size_t>(s.scenario.integer(P::cell_size));
  s.cells.household_count = n;
  s.cells.resize((n + s.cells.cell_size - 1) / s.cells.cell_size);
}

// 2. Households: songbun, traits, and initial membership with tenure Uniform[0, tenure_max).
void draw_households(SimulationState& s) {
  const Scenario& scenario = s.scenario;
  Households& h = s.households;
  const double core = scenario.real(P::songbun_share_core);
  const double wavering = scenario.real(P::songbun_share_wavering);
  const std::array<double, kSongbunCount> member_share = {
      scenario.real(P::initial_member_share_core), scenario.real(P::initial_member_share_wavering),
      scenario.real(P::initial_member_share_hostile)};
  const double tenure_max = scenario.real(P::initial_tenure_max);
  for_each_index(h.size(), kHouseholdGrain, [&](std::size_t i) {
    const double u = s.rng.uniform(Purpose::songbun, i, kBirth);
    h.songbun[i] = u < core ? Songbun::core : u < core + wavering ? Songbun::wavering : Songbun::hostile;
    draw_traits(s, i, kBirth);
    h.expelled_at[i] = kNever;
    h.detained_until[i] = kNever;
    h.member_since[i] = kNever;
    const auto words = s.rng.words(Purpose::initial_membership, i, kBirth);
    if (bernoulli(member_share[static_cast<int>(h.songbun[i])], words[0])) {
      h.status[i] = Status::member;
      h.member_since[i] = -static_cast<std::int32_t>(std::floor(uniform_open(words[1]) * tenure_max));
      h.status_since[i] = h.member_since[i];
    } else {
      h.status[i] = Status::outsider;
    }
  });
}

// 3. Ties: within the cell and anywhere (ties.cpp).
void tie_households(SimulationState& s) {
  s.ties = build_ties(s.cells, static_cast<int>(s.scenario.integer(P::ties_in_cell)),
                      static_cast<int>(s.scenario.integer(P::ties_anywhere)), s.rng);
}

// 4. Cadres: the posts, filled by the weighted draw of phase 8 among the initial members.
void fill_initial_cadre_posts(SimulationState& s, const MonthContext& c0) {
  s.cadre_posts = static_cast<std::size_t>(
      std::llround(s.scenario.real(P::cadre_share) * static_cast<double>(s.households.size())));
  draw_cadres(s, {s.cadre_posts, kBirth, 0, c0[P::cadre_min_tenure], c0.cadre_weight,
                  c0[P::cadre_wealth_ref]});
}

// 5. Congestion memory: V_{-1}.
void remember_initial_violators(SimulationState& s) {
  s.violators_per_1000 = s.scenario.real(P::initial_violators);
}

// 6. Secretaries start at the initial price with the income of the quota's admissions at that
// price, and with a year of demand equal to the quota (a market in balance before t = 0). Their
// admission budgets start at a random fraction of an admission, so that cells do not all admit
// in the same month.
void seat_secretaries(SimulationState& s, const MonthContext& c0) {
  Cells& cells = s.cells;
  const double price = s.scenario.real(P::price_initial);
  for (std::size_t cell = 0; cell < cells.size(); ++cell) {
    cells.entry_price[cell] = price;
    cells.admission_budget[cell] = s.rng.uniform(Purpose::admission_budget, cell, kBirth);
    cells.smoothed_income[cell] = c0[P::quota] * price;
    for (int k = 0; k < kDemandWindowMonths; ++k) cells.window(cell)[k] = c0[P::quota];
  }
}

// 7. The cadre track's first-year rates: the expected rates of the draw. Vacancies per month
// (posts x the hazards that end a post) are shared among songbun classes by their eligible
// members' total weight.
void expect_first_year_promotions(SimulationState& s, const MonthContext& c0) {
  const Households& h = s.households;
  std::array<double, kSongbunCount> weight{}, members{};
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (h.status[i] != Status::member) continue;
    const int songbun = static_cast<int>(h.songbun[i]);
    members[songbun] += 1;
    if (-h.member_since[i] >= c0[P::cadre_min_tenure])
      weight[songbun] += c0.cadre_weight[songbun] * (1.0 + h.wealth[i] / c0[P::cadre_wealth_ref]);
  }
  const double total_weight = weight[0] + weight[1] + weight[2];
  const double vacancies = s.cadre_posts * cadre_post_end_hazard(c0);
  std::array<double, kSongbunCount> promotions{};
  for (int songbun = 0; songbun < kSongbunCount; ++songbun)
    promotions[songbun] = total_weight > 0 ? vacancies * weight[songbun] / total_weight : 0.0;
  for (int k = 0; k < kDemandWindowMonths; ++k) s.promotion_history.record(k, promotions, members);
}

// 8. Opinions start at each household's own value of membership, from the work choice at t = 0.
void form_initial_opinions(SimulationState& s) {
  const MonthContext c = policy_at(s, 0);
  choose_work(s, c);
  Households& h = s.households;
  for_each_index(h.size(), kHouseholdGrain, [&](std::size_t i) {
    h.opinion[i] = membership_value(s, c, i);
    h.opinion_last[i] = h.opinion[i];
  });
}
}  // namespace

void initialise(SimulationState& state) {
  // The policy at t = 0 before there is any cadre-track history, for steps 4, 6 and 7.
  const MonthContext c0 =
      MonthContext::at(state.scenario, 0, state.scenario.real(P::initial_violators), {});
  create_cells(state);
  draw_households(state);
  tie_households(state);
  fill_initial_cadre_posts(state, c0);
  remember_initial_violators(state);
  seat_secretaries(state, c0);
  expect_first_year_promotions(state, c0);
  form_initial_opinions(state);
}

}  // namespace partysim
