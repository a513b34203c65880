#pragma once
// A work option (docs/ODD.md section 7.2): state job x Party activities x scale, in one byte,
// and the two codes that are not options (cadres, the detained).
#include <cstdint>

#include "model/types.hpp"

namespace partysim {

enum class Job : std::uint8_t { attend = 0, pay_83 = 1, absent = 2 };
enum class PartyDuty : std::uint8_t { attend = 0, skip_deal = 1, none = 2 };

// A work option packed in one byte: job (bits 0-1), Party duty (bits 2-3), capped (bit 4).
struct WorkOption {
  Job job;
  PartyDuty party;
  bool capped;  // trade capped at legal_size so as not to be large

  std::uint8_t code() const {
    return static_cast<std::uint8_t>(static_cast<int>(job) | static_cast<int>(party) << 2 |
                                     (capped ? 16 : 0));
  }
  static WorkOption decode(std::uint8_t code) {
    return {static_cast<Job>(code & 3), static_cast<PartyDuty>(code >> 2 & 3), (code & 16) != 0};
  }
};
inline constexpr std::uint8_t kCadreWork = 0xFE;  // cadres earn the rent and do not trade
inline constexpr std::uint8_t kNoWork = 0xFF;     // the detained earn nothing

// Whether the household worked this month: it chose a work option (it is not a cadre and was
// not in detention) and was not detained this month. Those who worked paid their fees and dues.
inline bool worked_this_month(std::uint8_t work_option, std::uint32_t events) {
  return work_option != kNoWork && work_option != kCadreWork && !(events & Event::detained_now);
}

}  // namespace partysim
