// Phase 10: observation. The month is reduced to one record of the declared measures
// (measures.def, songbun_measures.def): one pass over the households of each cell makes every sum
// their reducers need (measure_table.hpp), then each measure is computed from its sums. Sums run
// over cells with oneTBB's deterministic reduction, whose split does not depend on the number of
// threads, so floating-point sums are identical for any thread count.
#include <cstddef>
#include <oneapi/tbb/parallel_reduce.h>

#include "model/measure_table.hpp"
#include "model/parallel.hpp"
#include "model/phases.hpp"

namespace partysim {

namespace {
using namespace measures;

template <class L>
struct Pass;
template <class... S>
struct Pass<List<S...>> {
  using Indices = std::index_sequence_for<S...>;

  static void tally_cell(const SimulationState& state, const MonthContext& c, std::size_t cell,
                         Tallies& t) {
    tally_cell(state, c, cell, t, Indices{});
  }
  template <std::size_t... K>
  static void tally_cell(const SimulationState& state, const MonthContext& c, std::size_t cell,
                         Tallies& t, std::index_sequence<K...>) {
    const Households& h = state.households;
    const Cells& cells = state.cells;
    (S::begin_cell(std::get<K>(t), cells, cell), ...);
    std::tuple<typename S::Local...> local{S::open(std::get<K>(t))...};
    const double cell_price = cells.entry_price[cell];
    const std::size_t end = cells.end(cell);
    for (std::size_t i = cells.first(cell); i < end; ++i) {
      const Row row{h, c, i, h.events[i], h.status[i], static_cast<int>(h.songbun[i]),
                    h.work_option[i], cell_price};
      (add_ungated<S>(std::get<K>(local), row), ...);
      // Most households have none of the gate's events in a month; skipping them leaves every
      // gated sum as it was.
      if (row.events & kGate) (add_gated<S>(std::get<K>(local), row), ...);
    }
    (S::close(std::get<K>(t), std::get<K>(local)), ...);
  }
  template <class One>
  static void add_ungated(typename One::Local& local, const Row& row) {
    if constexpr (!kGated<One>) One::add(local, row);
  }
  template <class One>
  static void add_gated(typename One::Local& local, const Row& row) {
    if constexpr (kGated<One>) One::add(local, row);
  }

  template <std::size_t... K>
  static void join(Tallies& a, const Tallies& b, std::index_sequence<K...>) {
    (S::join(std::get<K>(a), std::get<K>(b)), ...);
  }
  static void join(Tallies& a, const Tallies& b) { join(a, b, Indices{}); }
};
using ObservationPass = Pass<Sums>;

template <std::size_t... K>
void record_measures(MonthRecord& r, const TotalView& totals, std::index_sequence<K...>) {
  ((r.values[K] = ReducerOf<static_cast<Measure>(K)>::type::value(totals)), ...);
}
template <std::size_t... K>
void record_songbun_measures(MonthRecord& r, const ClassView& of_class, std::index_sequence<K...>) {
  ((r.by_songbun[of_class.songbun][K] =
        SongbunReducerOf<static_cast<SongbunMeasure>(K)>::type::value(of_class)),
   ...);
}
}  // namespace

MonthRecord observe(const SimulationState& state, const MonthContext& c) {
  using Range = oneapi::tbb::blocked_range<std::size_t>;
  const Tallies t = oneapi::tbb::parallel_deterministic_reduce(
      Range(0, state.cells.size(), kCellGrain), Tallies{},
      [&](const Range& r, Tallies acc) {
        for (std::size_t cell = r.begin(); cell != r.end(); ++cell)
          ObservationPass::tally_cell(state, c, cell, acc);
        return acc;
      },
      [](Tallies a, const Tallies& b) {
        ObservationPass::join(a, b);
        return a;
      });
  MonthRecord r;
  r.calendar_month = c.calendar_month;
  record_measures(r, TotalView{t, c}, std::make_index_sequence<kMeasureCount>{});
  for (int s = 0; s < kSongbunCount; ++s)
    record_songbun_measures(r, ClassView{t, c, s}, std::make_index_sequence<kSongbunMeasureCount>{});
  return r;
}

}  // namespace partysim
