// Phase 8: cadre posts (docs/ODD.md section 7.8).
#include "model/cadre_posts.hpp"

#include <algorithm>
#include <cmath>
#include <oneapi/tbb/parallel_reduce.h>
#include <vector>

#include "model/parallel.hpp"
#include "model/phases.hpp"
#include "model/status_changes.hpp"
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

// The best `limit` candidates seen so far. Offers are appended and pruned to the best `limit`
// (nth_element) whenever twice that many have gathered, so the cost is linear in the offers.
// Once `limit` are kept, an offer no better than the worst of them can never win, and is turned
// away without being stored: with a few vacancies a month, nearly all are. Merging offers the
// other's candidates in turn, so the result is the best of the union whatever the split: the
// reduction is exact and does not depend on the number of threads.
struct TopCandidates {
  std::size_t limit = 0;
  std::vector<Candidate> best;
  bool full = false;  // `limit` candidates kept: `worst` is the bar
  Candidate worst{};

  void offer(const Candidate& c) {
    if (full && !(c < worst)) return;
    best.push_back(c);
    if (best.size() >= 2 * limit + 64) prune();
  }
  void merge(const TopCandidates& other) {
    for (const Candidate& c : other.best) offer(c);
  }
  void prune() {
    if (limit == 0 || best.size() < limit) return;
    std::nth_element(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(limit - 1),
                     best.end());
    best.resize(limit);
    worst = best.back();  // nth_element put the limit-th best last
    full = true;
  }
};

// The imperative form of oneTBB's reduction: bodies are split and joined, not copied per chunk.
struct CandidateSearch {
  const Households& h;
  const KeyedRng& rng;
  const CadreDraw& draw;
  TopCandidates top;

  CandidateSearch(const Households& households, const KeyedRng& r, const CadreDraw& d)
      : h(households), rng(r), draw(d) {
    top.limit = d.posts;
  }
  CandidateSearch(CandidateSearch& other, oneapi::tbb::split)
      : h(other.h), rng(other.rng), draw(other.draw) {
    top.limit = draw.posts;
  }
  void operator()(const oneapi::tbb::blocked_range<std::size_t>& r) {
    for_each_where(
        r.begin(), r.end(),
        [&](std::size_t i) {
          return (h.status[i] == Status::member) &
                 (draw.month - h.member_since[i] >= draw.min_tenure) & !h.detained(i, draw.month);
        },
        [&](std::size_t i) {
          const double weight = draw.songbun_weight[static_cast<int>(h.songbun[i])] *
                                (1.0 + h.wealth[i] / draw.wealth_ref);
          if (weight <= 0) return;
          const double u = rng.uniform(Purpose::cadre_draw, i, draw.key_month);
          top.offer({std::log(u) / weight, i});
        });
  }
  void join(CandidateSearch& other) { top.merge(other.top); }
};
}  // namespace

std::array<double, kSongbunCount> draw_cadres(SimulationState& state, const CadreDraw& draw) {
  std::array<double, kSongbunCount> drawn{};
  if (draw.posts == 0) return drawn;
  Households& h = state.households;
  CandidateSearch search(h, state.rng, draw);
  oneapi::tbb::parallel_reduce(oneapi::tbb::blocked_range<std::size_t>(0, h.size(), kHouseholdGrain),
                               search);
  TopCandidates& winners = search.top;
  winners.prune();
  std::sort(winners.best.begin(), winners.best.end());
  for (const Candidate& winner : winners.best) {
    change_status(h, winner.index, StatusChange::promote_to_cadre, draw.month);
    drawn[static_cast<int>(h.songbun[winner.index])] += 1;
  }
  return drawn;
}

void fill_cadre_posts(SimulationState& state, const MonthContext& c) {
  Households& h = state.households;
  const double exit_rate = c[P::cadre_exit_rate];
  // Retirements, then the count of members and cadres, in one pass: a household's retirement
  // depends on itself alone, and counting is exact in any order (integers), so a plain
  // reduction serves.
  using Range = oneapi::tbb::blocked_range<std::size_t>;
  using Counts = std::array<double, kSongbunCount + 1>;  // members by songbun, then cadres
  const Counts counts = oneapi::tbb::parallel_reduce(
      Range(0, h.size(), kHouseholdGrain), Counts{},
      [&](const Range& r, Counts n) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) {
          if (h.status[i] == Status::cadre &&
              bernoulli(exit_rate, state.rng.words(Purpose::cadre_retire, i, c.month)[0])) {
            change_status(h, i, StatusChange::retire_cadre, c.month);
          }
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
