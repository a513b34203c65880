#pragma once
// Cells and their secretaries, struct-of-arrays, one entry per cell.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace partysim {

inline constexpr int kDemandWindowMonths = 12;

struct Cells {
  std::size_t cell_size = 0;  // households per cell; the last cell may be smaller
  std::size_t household_count = 0;

  std::vector<double> entry_price;       // P_j, USD (before the songbun multiplier)
  std::vector<double> admission_budget;  // admissions owed, capped at 1
  std::vector<double> smoothed_income;   // I-bar, USD/month
  std::vector<std::uint8_t> recruiting;
  std::vector<std::uint8_t> selling_skips;
  // Applications of the last 12 months, a ring indexed by month % 12 (row-major: cell x 12).
  std::vector<double> applications_window;
  // This month's income of the secretary, by source (USD).
  std::vector<double> entry_income;
  std::vector<double> skip_income;
  std::vector<double> dues_income;
  std::vector<double> income;

  void resize(std::size_t cells) {
    entry_price.assign(cells, 0);
    admission_budget.assign(cells, 0);
    smoothed_income.assign(cells, 0);
    recruiting.assign(cells, 0);
    selling_skips.assign(cells, 0);
    applications_window.assign(cells * kDemandWindowMonths, 0);
    entry_income.assign(cells, 0);
    skip_income.assign(cells, 0);
    dues_income.assign(cells, 0);
    income.assign(cells, 0);
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

  static constexpr std::size_t bytes_per_cell() {
    return 7 * sizeof(double) + 2 * sizeof(std::uint8_t) + kDemandWindowMonths * sizeof(double);
  }
};

}  // namespace partysim
