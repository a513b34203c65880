#pragma once
// Household state, struct-of-arrays: one array per field, declared once in the field list below.
// Households of one cell are contiguous: cell j holds [j * cell_size, (j + 1) * cell_size).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/types.hpp"

namespace partysim {

// X(type, name, what it holds)
#define PARTYSIM_HOUSEHOLD_FIELDS(X)                                                             \
  X(Songbun, songbun, "family background, fixed")                                               \
  X(Status, status, "Party status")                                                              \
  X(float, skill, "market productivity a (median 1)")                                            \
  X(float, risk_aversion, "rho: losses are weighted by 1 + rho")                                 \
  X(double, wealth, "savings W, USD")                                                             \
  X(double, opinion, "o: believed net value of membership, USD/month (this month)")              \
  X(double, opinion_last, "o of last month, read by neighbours")                                  \
  X(std::int32_t, status_since, "month the current status began (queue order of applicants)")    \
  X(std::int32_t, member_since, "month full membership began (cadre tenure)")                    \
  X(std::int32_t, expelled_at, "month of the last expulsion, or kNever")                         \
  X(std::int32_t, detained_until, "first month after detention, or kNever")                      \
  X(std::uint8_t, ever_detained, "1 once detained: former-detainee surveillance")                \
  X(std::uint8_t, work_option, "chosen work option this month (work_options.hpp)")               \
  X(float, market_time, "m: share of time trading this month")                                   \
  X(double, market_income, "realised market income this month, USD")                             \
  X(double, bribe_large_usd, "bribe paid this month for a large business, USD")                  \
  X(double, bribe_absence_usd, "bribe paid this month for absence, USD")                         \
  X(double, entry_paid_usd, "entry price paid this month, USD")                                  \
  X(float, value_member, "expected net income of the best member option, USD/month")             \
  X(float, value_outsider, "expected net income of the best outsider option, USD/month")         \
  X(float, catch_probability_member, "catch probability of the best member option")              \
  X(float, expulsion_loss, "L_expel: loss from an expulsion, USD")                               \
  X(std::uint32_t, events, "what happened this month (types.hpp Event bits)")

struct Households {
#define PARTYSIM_DECLARE_FIELD(type, name, doc) std::vector<type> name;
  PARTYSIM_HOUSEHOLD_FIELDS(PARTYSIM_DECLARE_FIELD)
#undef PARTYSIM_DECLARE_FIELD

  void resize(std::size_t n) {
#define PARTYSIM_RESIZE_FIELD(type, name, doc) name.assign(n, type{});
    PARTYSIM_HOUSEHOLD_FIELDS(PARTYSIM_RESIZE_FIELD)
#undef PARTYSIM_RESIZE_FIELD
  }
  std::size_t size() const { return status.size(); }

  // Bytes of state per household (the arrays above; ties are counted separately).
  static constexpr std::size_t bytes_per_household() {
    return 0
#define PARTYSIM_FIELD_SIZE(type, name, doc) +sizeof(type)
        PARTYSIM_HOUSEHOLD_FIELDS(PARTYSIM_FIELD_SIZE)
#undef PARTYSIM_FIELD_SIZE
        ;
  }

  bool detained(std::size_t i, int month) const { return month < detained_until[i]; }
};

}  // namespace partysim
