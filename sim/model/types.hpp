#pragma once
// Small domain types shared by the submodels.
#include <climits>
#include <cstdint>

#include "model/events.hpp"

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

}  // namespace partysim
