#pragma once
// Household state, struct-of-arrays: one array per field, declared once in the field list below.
// Households of one cell are contiguous: cell j holds [j * cell_size, (j + 1) * cell_size).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/types.hpp"

namespace partysim {

// X(type, name, lifetime, what it holds). A `monthly` field holds what happened this month: it
// is cleared for every household at the start of the month (start_month, called by phase 2).
#define PARTYSIM_HOUSEHOLD_FIELDS(X)                                                               \
  X(Songbun, songbun, kept, "family background, fixed")                                            \
  X(Status, status, kept, "Party status")                                                          \
  X(float, skill, kept, "market productivity a (median 1)")                                        \
  X(float, risk_aversion, kept, "rho: losses are weighted by 1 + rho")                             \
  X(double, wealth, kept, "savings W, USD")                                                        \
  X(double, opinion, kept, "o: believed net value of membership, USD/month (this month)")          \
  X(double, opinion_last, kept, "o of last month, read by neighbours")                             \
  X(std::int32_t, status_since, kept, "month the current status began (applicants queue by it)")   \
  X(std::int32_t, member_since, kept, "month full membership began (cadre tenure)")                \
  X(std::int32_t, expelled_at, kept, "month of the last expulsion, or kNever")                     \
  X(std::int32_t, detained_until, kept, "first month after detention, or kNever")                  \
  X(std::uint8_t, ever_detained, kept, "1 once detained: former-detainee surveillance")            \
  X(std::uint8_t, work_option, kept, "chosen work option this month (work_options.hpp)")           \
  X(float, market_time, kept, "m: share of time trading this month")                               \
  X(double, market_income, monthly, "realised market income this month, USD")                      \
  X(double, bribe_large_usd, monthly, "bribe paid this month for a large business, USD")           \
  X(double, bribe_absence_usd, monthly, "bribe paid this month for absence, USD")                  \
  X(double, entry_paid_usd, monthly, "entry price paid this month, USD")                           \
  X(float, value_member, kept, "expected net income of the best member option, USD/month")         \
  X(float, value_outsider, kept, "expected net income of the best outsider option, USD/month")     \
  X(float, catch_probability_member, kept, "catch probability of the best member option")          \
  X(float, expulsion_loss, kept, "L_expel: loss from an expulsion, USD")                           \
  X(std::uint32_t, events, monthly, "what happened this month (events.hpp)")

enum class FieldLifetime { kept, monthly };

struct Households {
#define PARTYSIM_DECLARE_FIELD(type, name, lifetime, doc) std::vector<type> name;
  PARTYSIM_HOUSEHOLD_FIELDS(PARTYSIM_DECLARE_FIELD)
#undef PARTYSIM_DECLARE_FIELD

  void resize(std::size_t n) {
#define PARTYSIM_RESIZE_FIELD(type, name, lifetime, doc) name.assign(n, type{});
    PARTYSIM_HOUSEHOLD_FIELDS(PARTYSIM_RESIZE_FIELD)
#undef PARTYSIM_RESIZE_FIELD
  }
  std::size_t size() const { return status.size(); }

  // Bytes of state per household (the arrays above; ties are counted separately).
  static constexpr std::size_t bytes_per_household() {
    return 0
#define PARTYSIM_FIELD_SIZE(type, name, lifetime, doc) +sizeof(type)
        PARTYSIM_HOUSEHOLD_FIELDS(PARTYSIM_FIELD_SIZE)
#undef PARTYSIM_FIELD_SIZE
        ;
  }

  // Clears household i's monthly fields.
  void start_month(std::size_t i) {
#define PARTYSIM_CLEAR_MONTHLY(type, name, lifetime, doc) \
  if constexpr (FieldLifetime::lifetime == FieldLifetime::monthly) name[i] = type{};
    PARTYSIM_HOUSEHOLD_FIELDS(PARTYSIM_CLEAR_MONTHLY)
#undef PARTYSIM_CLEAR_MONTHLY
  }

  bool detained(std::size_t i, int month) const { return month < detained_until[i]; }
};

}  // namespace partysim
