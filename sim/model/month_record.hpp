#pragma once
// One month of observations: the named measures of measures.def and songbun_measures.def, then
// those the submodels add (submodels.def).
#include <array>
#include <cstddef>
#include <limits>
#include <string_view>

#include "model/types.hpp"

namespace partysim {

enum class Measure : int {
#define PARTYSIM_MEASURE(name, unit, meaning, reducer) name,
#include "model/measures.def"
#include "model/submodels.def"  // measures that submodels add
};
enum class SongbunMeasure : int {
#define PARTYSIM_SONGBUN_MEASURE(name, unit, meaning, reducer) name,
#include "model/songbun_measures.def"
#include "model/submodels.def"
};

struct MeasureSpec {
  std::string_view name;
  std::string_view unit;
  std::string_view meaning;
};

inline constexpr MeasureSpec kMeasures[] = {
#define PARTYSIM_MEASURE(name, unit, meaning, reducer) {#name, unit, meaning},
#include "model/measures.def"
#include "model/submodels.def"  // measures that submodels add
};
inline constexpr MeasureSpec kSongbunMeasures[] = {
#define PARTYSIM_SONGBUN_MEASURE(name, unit, meaning, reducer) {#name, unit, meaning},
#include "model/songbun_measures.def"
#include "model/submodels.def"
};
inline constexpr std::size_t kMeasureCount = std::size(kMeasures);
inline constexpr std::size_t kSongbunMeasureCount = std::size(kSongbunMeasures);

// The index of a timeseries.csv measure by name, or kMeasureCount when there is none.
inline std::size_t measure_index(std::string_view name) {
  std::size_t index = 0;
  while (index < kMeasureCount && kMeasures[index].name != name) ++index;
  return index;
}

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

struct MonthRecord {
  int calendar_month = 0;
  std::array<double, kMeasureCount> values;
  std::array<std::array<double, kSongbunMeasureCount>, kSongbunCount> by_songbun;

  MonthRecord() {
    values.fill(kNoValue);
    for (auto& row : by_songbun) row.fill(kNoValue);
  }
  double& operator[](Measure m) { return values[static_cast<int>(m)]; }
  double operator[](Measure m) const { return values[static_cast<int>(m)]; }
  double& at(Songbun s, SongbunMeasure m) {
    return by_songbun[static_cast<int>(s)][static_cast<int>(m)];
  }
  double at(Songbun s, SongbunMeasure m) const {
    return by_songbun[static_cast<int>(s)][static_cast<int>(m)];
  }
};

}  // namespace partysim
