#pragma once
// Small domain types shared by the submodels.
#include <climits>
#include <cstdint>

namespace partysim {

enum class Songbun : std::uint8_t { core = 0, wavering = 1, hostile = 2 };
inline constexpr int kSongbunCount = 3;
inline constexpr const char* kSongbunNames[kSongbunCount] = {"core", "wavering", "hostile"};

enum class Status : std::uint8_t { outsider, applicant, candidate, member, cadre, expelled };
inline constexpr int kStatusCount = 6;

// Candidates, members and cadres: in the Party, paid the entry price, watched as members.
inline bool in_party(Status s) {
  return s == Status::candidate || s == Status::member || s == Status::cadre;
}
// Candidates and members owe Party activities and dues; cadres do not trade.
inline bool owes_party_duties(Status s) { return s == Status::candidate || s == Status::member; }

// A month that never came (no expulsion yet, no detention).
inline constexpr std::int32_t kNever = INT32_MIN / 2;

// Things that happened to a household this month, for the observation phase.
enum Event : std::uint32_t {
  applied = 1u << 0,
  admitted = 1u << 1,
  withdrew = 1u << 2,
  dropped_unpaid = 1u << 3,
  promoted_member = 1u << 4,
  promoted_cadre = 1u << 5,
  purged = 1u << 6,
  expelled_caught = 1u << 7,
  violated_large = 1u << 8,
  violated_absence = 1u << 9,
  caught_large = 1u << 10,
  caught_absence = 1u << 11,
  paid_bribe_large = 1u << 12,
  paid_bribe_absence = 1u << 13,
  detained_now = 1u << 14,
  bought_skip_deal = 1u << 15,
  paid_83 = 1u << 16,
  replaced = 1u << 17,
  retired_cadre = 1u << 18,
  caught_as_party = 1u << 19,  // caught while a candidate, member or cadre (member bribes)
  eligible_to_apply = 1u << 20,
};

}  // namespace partysim
