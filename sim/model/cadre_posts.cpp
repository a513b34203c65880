// Phase 7: cadre posts (MODEL.md section 9).
#include "model/cadre_posts.hpp"

#include <algorithm>
#include <cmath>
#include <oneapi/tbb/parallel_reduce.h>
#include <vector>

#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "rng/samplers.hpp"

namespace partysim {

namespace {
struct Candidate {
  double key;  // log(u) / w: ordering by it is ordering by u^(1/w)
  std::size_t index;
  bool operator<(const Candidate& o) const {  // "better" first: larger key, then smaller index
    return key != o.key ? key > o.key : index < o.index;
  }
};

// The best `limit` candidates seen so far, sorted best first. Merging two of them gives the best
// of the union whatever the split, so the parallel reduction is exact and thread-independent.
struct TopCandidates {
  std::size_t limit = 0;
  std::vector<Candidate> best;

  void offer(const Candidate& c) {
    if (best.size() == limit && !(c < best.back())) return;
    best.insert(std::upper_bound(best.begin(), best.end(), c), c);
    if (best.size() > limit) best.pop_back();
  }
  void merge(const TopCandidates& other) {
    for (const Candidate& c : other.best) offer(c);
  }
};
}  // namespace

std::array<double, kSongbunCount> draw_cadres(SimulationState& state, const CadreDraw& draw) {
  std::array<double, kSongbunCount> drawn{};
  if (draw.posts == 0) return drawn;
  Households& h = state.households;
  using Range = oneapi::tbb::blocked_range<std::size_t>;
  TopCandidates empty;
  empty.limit = draw.posts;
  const TopCandidates winners = oneapi::tbb::parallel_reduce(
      Range(0, h.size(), kHouseholdGrain), empty,
      [&](const Range& r, TopCandidates top) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) {
          if (h.status[i] != Status::member || draw.month - h.member_since[i] < draw.min_tenure ||
              h.detained(i, draw.month))
            continue;
          const double weight = draw.songbun_weight[static_cast<int>(h.songbun[i])] *
                                (1.0 + h.wealth[i] / draw.wealth_ref);
          if (weight <= 0) continue;
          const double u = state.rng.uniform(Purpose::cadre_draw, i, draw.key_month);
          top.offer({std::log(u) / weight, i});
        }
        return top;
      },
      [](TopCandidates a, const TopCandidates& b) {
        a.merge(b);
        return a;
      });
  for (const Candidate& winner : winners.best) {
    h.status[winner.index] = Status::cadre;
    h.status_since[winner.index] = draw.month;
    h.events[winner.index] |= Event::promoted_cadre;
    drawn[static_cast<int>(h.songbun[winner.index])] += 1;
  }
  return drawn;
}

void fill_cadre_posts(SimulationState& state, const MonthContext& c) {
  Households& h = state.households;
  const double exit_rate = c[P::cadre_exit_rate];
  for_each_index(h.size(), kHouseholdGrain, [&](std::size_t i) {
    if (h.status[i] != Status::cadre) return;
    if (!bernoulli(exit_rate, state.rng.words(Purpose::cadre_retire, i, c.month)[0])) return;
    h.status[i] = Status::member;
    h.status_since[i] = c.month;
    h.events[i] |= Event::retired_cadre;
  });

  // Counting is exact in any order (integers), so a plain reduction serves.
  using Range = oneapi::tbb::blocked_range<std::size_t>;
  using Counts = std::array<double, kSongbunCount + 1>;  // members by songbun, then cadres
  const Counts counts = oneapi::tbb::parallel_reduce(
      Range(0, h.size(), kHouseholdGrain), Counts{},
      [&](const Range& r, Counts n) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) {
          if (h.status[i] == Status::member) n[static_cast<int>(h.songbun[i])] += 1;
          if (h.status[i] == Status::cadre) n[kSongbunCount] += 1;
        }
        return n;
      },
      [](Counts a, const Counts& b) {
        for (std::size_t k = 0; k < a.size(); ++k) a[k] += b[k];
        return a;
      });
  const double cadres = counts[kSongbunCount];
  const std::size_t vacancies =
      cadres < state.cadre_posts ? state.cadre_posts - static_cast<std::size_t>(cadres) : 0;
  const CadreDraw draw{vacancies, c.month, c.month, c[P::cadre_min_tenure], c.cadre_weight,
                       c[P::cadre_wealth_ref]};
  const auto promoted = draw_cadres(state, draw);
  state.promotion_history.record(c.month, promoted, {counts[0], counts[1], counts[2]});
}

}  // namespace partysim
