#pragma once
// Work options (MODEL.md section 4): state job x Party activities x scale, their expected net
// income, and the choice of the best one.
#include <array>
#include <cstdint>

#include "model/month_context.hpp"

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

// What a household brings to the choice.
struct Chooser {
  double skill;
  double risk_aversion;
  double wealth;
  bool party_duties;     // candidate or member (actual or hypothetical)
  bool can_buy_skips;    // the cell's secretary sells skip deals
  double surveillance;   // s
  double expulsion_loss; // L_expel, counted when party_duties
};

// Market time and size of an option for a given skill.
struct OptionShape {
  double market_time;  // m
  double size;         // v = skill * m
  bool large;          // v > legal_size
};
OptionShape option_shape(const MonthContext& c, double skill, WorkOption option);

struct OptionValue {
  double net = 0;               // expected income - fees - (1 + rho) x expected losses, USD/month
  double enforcement_cost = 0;  // sum of p x (bribe or detention loss), unweighted, USD/month
  double catch_probability = 0; // probability of being caught for at least one violation
  std::uint8_t option = kNoWork;
};

OptionValue evaluate_option(const MonthContext& c, const Chooser& who, WorkOption option);

// The options open to a class of choosers this month (Party duties or not, skip deals on offer
// or not), in the fixed order (job: attend, 8.3, absent; Party: attend, skip deal), with what
// does not depend on the household worked out once. Each is taken at full scale; its capped twin
// is considered only when the full-scale business would be large.
struct OptionMenu {
  struct Item {
    WorkOption option;   // full scale
    double market_time;  // m
    double wage;
    double fees;
  };
  std::array<Item, 6> items{};
  int count = 0;
  bool party_duties = false;

  static OptionMenu open_to(const MonthContext& c, bool party_duties, bool can_buy_skips);
};

// The three menus of a month: outsiders, candidates and members without skip deals on offer,
// and with them.
struct OptionMenus {
  OptionMenu outsider, member, member_with_skips;
  explicit OptionMenus(const MonthContext& c)
      : outsider(OptionMenu::open_to(c, false, false)),
        member(OptionMenu::open_to(c, true, false)),
        member_with_skips(OptionMenu::open_to(c, true, true)) {}
};

// The option with the highest expected net income; ties go to the first in the fixed order
// (job: attend, 8.3, absent; Party: attend, skip deal; scale: full, capped). `menu` must be the
// one open to `who` (the first form builds it).
OptionValue best_option(const MonthContext& c, const Chooser& who);
OptionValue best_option(const MonthContext& c, const OptionMenu& menu, const Chooser& who);

// Fees of an option: 8.3 fee (times the member multiplier), skip price, or dues.
double option_fees(const MonthContext& c, WorkOption option, bool party_duties);

}  // namespace partysim
