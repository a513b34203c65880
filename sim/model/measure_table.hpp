#pragma once
// The declared measures bound to their reducers (measures.def, songbun_measures.def), and what one
// observation pass over the households must add up for all of them: the distinct sums, and the
// events without which a household adds nothing to the rarer ones.
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <utility>

#include "model/measures.hpp"

namespace partysim::measures {

template <Measure M>
struct ReducerOf;
template <SongbunMeasure M>
struct SongbunReducerOf;
// A declaration whose reducer does not compile, or that has none, fails the build here.
#define PARTYSIM_MEASURE(name, unit, meaning, reducer)  \
  template <>                                           \
  struct ReducerOf<Measure::name> {                     \
    using type = decltype(reducer);                     \
    static_assert(Reducer<type>, #name ": not a reducer"); \
  };
#include "model/measures.def"
#include "model/submodels.def"  // measures that submodels add
#define PARTYSIM_SONGBUN_MEASURE(name, unit, meaning, reducer) \
  template <>                                                  \
  struct SongbunReducerOf<SongbunMeasure::name> {              \
    using type = decltype(reducer);                            \
    static_assert(Reducer<type>, #name ": not a reducer");     \
  };
#include "model/songbun_measures.def"
#include "model/submodels.def"

template <class Indices>
struct MeasureSums;
template <std::size_t... K>
struct MeasureSums<std::index_sequence<K...>> {
  using type = typename Union<typename ReducerOf<static_cast<Measure>(K)>::type::leaves...>::type;
};
template <class Indices>
struct SongbunMeasureSums;
template <std::size_t... K>
struct SongbunMeasureSums<std::index_sequence<K...>> {
  using type = typename Union<typename ByClassList<
      typename SongbunReducerOf<static_cast<SongbunMeasure>(K)>::type::leaves>::type...>::type;
};
// Every distinct sum of the declared measures, each made once.
using Sums = typename Union<typename MeasureSums<std::make_index_sequence<kMeasureCount>>::type,
                            typename SongbunMeasureSums<std::make_index_sequence<kSongbunMeasureCount>>::type>::type;

// Events frequent enough (most working households violate, pay the 8.3 fee or may apply; a
// quarter of traders are shaken down, at random) that skipping households without them would
// save little and cost a mispredicted test of each household: sums that depend on them are made
// for every household.
inline constexpr std::uint32_t kCommonEvents = Event::violated_large | Event::violated_absence |
                                               Event::eligible_to_apply | Event::paid_83 |
                                               Event::bought_skip_deal | Event::shaken_down;
// A sum made only for households that had one of the gate's events (the others add nothing to it).
template <class S>
inline constexpr bool kGated = S::events != 0 && (S::events & kCommonEvents) == 0;
template <class L>
struct GateOf;
template <class... S>
struct GateOf<List<S...>> {
  static constexpr std::uint32_t value = ((kGated<S> ? S::events : 0u) | ... | 0u);
};
// The union of the gated sums' events: a household with none of them is skipped by all of them.
inline constexpr std::uint32_t kGate = GateOf<Sums>::value;

// The sums' totals, as the pass carries them over cells.
template <class L>
struct TotalsOf;
template <class... S>
struct TotalsOf<List<S...>> {
  using type = std::tuple<typename S::Total...>;
};
using Tallies = typename TotalsOf<Sums>::type;

// What a reducer reads its sums from: the totals over all households, or over one songbun class.
struct TotalView {
  const Tallies& tallies;
  const MonthContext& c;
  template <class S>
  auto total() const { return std::get<IndexOf<S, Sums>::value>(tallies); }
  double status_count(std::uint32_t statuses) const {
    const auto& n = std::get<IndexOf<StatusCounts, Sums>::value>(tallies);
    std::int64_t count = 0;
    for (int s = 0; s < kSongbunCount; ++s)
      for (int k = 0; k < kStatusCount; ++k)
        if (statuses >> k & 1u) count += n[s][k];
    return static_cast<double>(count);
  }
  const MonthContext& context() const { return c; }
};
struct ClassView {
  const Tallies& tallies;
  const MonthContext& c;
  int songbun;
  template <class S>
  auto total() const { return std::get<IndexOf<PerClass<S>, Sums>::value>(tallies)[songbun]; }
  double status_count(std::uint32_t statuses) const {
    const auto& n = std::get<IndexOf<StatusCounts, Sums>::value>(tallies)[songbun];
    std::int64_t count = 0;
    for (int k = 0; k < kStatusCount; ++k)
      if (statuses >> k & 1u) count += n[k];
    return static_cast<double>(count);
  }
  const MonthContext& context() const { return c; }
};

}  // namespace partysim::measures
