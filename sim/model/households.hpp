#pragma once
// Household state, struct-of-arrays: one array per field. Each field is declared once, by the
// submodel that owns it (PARTYSIM_HOUSEHOLD_FIELD in its .def, listed in submodels.def). A
// `monthly` field holds what happened this month: it is cleared for every household at the start
// of the month (start_month, called by phase 2).
// Households of one cell are contiguous: cell j holds [j * cell_size, (j + 1) * cell_size).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/types.hpp"

namespace partysim {

enum class FieldLifetime { kept, monthly };

struct Households {
#define PARTYSIM_HOUSEHOLD_FIELD(type, name, lifetime, doc) std::vector<type> name;
#include "model/submodels.def"

  void resize(std::size_t n) {
#define PARTYSIM_HOUSEHOLD_FIELD(type, name, lifetime, doc) name.assign(n, type{});
#include "model/submodels.def"
  }
  std::size_t size() const { return status.size(); }

  // Bytes of state per household (the arrays above; ties are counted separately).
  static constexpr std::size_t bytes_per_household() {
    return 0
#define PARTYSIM_HOUSEHOLD_FIELD(type, name, lifetime, doc) +sizeof(type)
#include "model/submodels.def"
        ;
  }

  // Clears household i's monthly fields.
  void start_month(std::size_t i) {
#define PARTYSIM_HOUSEHOLD_FIELD(type, name, lifetime, doc) \
  if constexpr (FieldLifetime::lifetime == FieldLifetime::monthly) name[i] = type{};
#include "model/submodels.def"
  }

  bool detained(std::size_t i, int month) const { return month < detained_until[i]; }
};

}  // namespace partysim
