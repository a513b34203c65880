#pragma once
// Cells and their secretaries, struct-of-arrays: one array per field, declared once in the field
// list below (as households.hpp declares the households'). Cell j holds households
// [j * cell_size, min((j + 1) * cell_size, N)).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace partysim {

inline constexpr int kDemandWindowMonths = 12;

// X(type, name, values per cell, what it holds)
#define PARTYSIM_CELL_FIELDS(X)                                                                  \
  X(double, entry_price, 1, "P_j, USD (before the songbun multiplier)")                          \
  X(double, admission_budget, 1, "admissions owed, capped at 1")                                  \
  X(double, smoothed_income, 1, "I-bar: the secretary's smoothed income, USD/month")              \
  X(double, applications_window, kDemandWindowMonths,                                             \
    "applications of the last 12 months, a ring indexed by month % 12")                          \
  X(double, entry_income, 1, "the secretary's entry-bribe income this month, USD")                \
  X(double, skip_income, 1, "the secretary's skip-deal income this month, USD")                   \
  X(double, dues_income, 1, "the secretary's share of dues this month, USD")                      \
  X(double, income, 1, "the secretary's income this month, USD")                                 \
  X(std::uint8_t, recruiting, 1, "1 while the secretary recruits")                                \
  X(std::uint8_t, selling_skips, 1, "1 while the secretary sells skip deals")

struct Cells {
  std::size_t cell_size = 0;  // households per cell; the last cell may be smaller
  std::size_t household_count = 0;

#define PARTYSIM_DECLARE_FIELD(type, name, per_cell, doc) std::vector<type> name;
  PARTYSIM_CELL_FIELDS(PARTYSIM_DECLARE_FIELD)
#undef PARTYSIM_DECLARE_FIELD

  void resize(std::size_t cells) {
#define PARTYSIM_RESIZE_FIELD(type, name, per_cell, doc) name.assign(cells * (per_cell), type{});
    PARTYSIM_CELL_FIELDS(PARTYSIM_RESIZE_FIELD)
#undef PARTYSIM_RESIZE_FIELD
  }
  std::size_t size() const { return entry_price.size(); }
  std::size_t first(std::size_t cell) const { return cell * cell_size; }
  std::size_t end(std::size_t cell) const {
    const std::size_t e = (cell + 1) * cell_size;
    return e < household_count ? e : household_count;
  }
  std::size_t cell_of(std::size_t household) const { return household / cell_size; }
  double* window(std::size_t cell) { return &applications_window[cell * kDemandWindowMonths]; }
  const double* window(std::size_t cell) const {
    return &applications_window[cell * kDemandWindowMonths];
  }

  // Bytes of state per cell (the arrays above).
  static constexpr std::size_t bytes_per_cell() {
    return 0
#define PARTYSIM_FIELD_SIZE(type, name, per_cell, doc) +(per_cell) * sizeof(type)
        PARTYSIM_CELL_FIELDS(PARTYSIM_FIELD_SIZE)
#undef PARTYSIM_FIELD_SIZE
        ;
  }
};

}  // namespace partysim
