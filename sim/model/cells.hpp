#pragma once
// Cells and their secretaries, struct-of-arrays: one array per field, each declared once by the
// submodel that owns it (PARTYSIM_CELL_FIELD(type, name, values per cell, what it holds) in its
// .def, listed in submodels.def), as the households' fields are. Cell j holds households
// [j * cell_size, min((j + 1) * cell_size, N)).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace partysim {

inline constexpr int kDemandWindowMonths = 12;

struct Cells {
  std::size_t cell_size = 0;  // households per cell; the last cell may be smaller
  std::size_t household_count = 0;

#define PARTYSIM_CELL_FIELD(type, name, per_cell, doc) std::vector<type> name;
#include "model/submodels.def"

  void resize(std::size_t cells) {
#define PARTYSIM_CELL_FIELD(type, name, per_cell, doc) name.assign(cells * (per_cell), type{});
#include "model/submodels.def"
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
#define PARTYSIM_CELL_FIELD(type, name, per_cell, doc) +(per_cell) * sizeof(type)
#include "model/submodels.def"
        ;
  }
};

}  // namespace partysim
