// The value of membership, Delta V (docs/ODD.md section 7.6), term by term against the formula
// written out here from the document, both as membership_value() gives it and as the opinion phase
// computes it for itself (with peer weight 0 the opinion is Delta V).
#include <catch2/catch.hpp>
#include <array>
#include <cmath>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "test_support.hpp"

using namespace partysim;

namespace {
// Context values, distinct enough that a term taken twice, halved or dropped shows.
constexpr double kStatusValue = 11;
constexpr double kPurgeRate = 0.01;
constexpr double kExpelIfCaught = 0.25;
constexpr double kHorizon = 60;
constexpr double kCadreRent = 30 + 0.5 * 20;  // R = cadre_rent_base + cadre_rent_market_share * A
constexpr double kCellPrice = 300;
constexpr std::array<double, kSongbunCount> kPriceMultiplier = {0.8, 1.0, 2.5};
constexpr std::array<double, kSongbunCount> kPromotionRate = {0.01, 0.002, 0.0005};  // pi_s

// Pi_s = 1 - (1 - pi_s)^H: the chance of a cadre post within the horizon.
double cadre_chance(Songbun s) {
  return 1.0 - std::pow(1.0 - kPromotionRate[static_cast<int>(s)], kHorizon);
}
// f = (1 - (1 - purge_rate)^H) / (purge_rate H): the share of the horizon before a purge.
const double kTenureShare = (1.0 - std::pow(1.0 - kPurgeRate, kHorizon)) / (kPurgeRate * kHorizon);

struct Household {
  Status status;
  Songbun songbun;
  double value_member, value_outsider, expulsion_loss, rho;
};

// docs/ODD.md section 7.6 (v2: each loss counted once, no extra weight):
// Delta V = (V_mem - V_out) + f (status_value + Pi_s (R - V_mem) / 2)
//         - purge_rate L_expel
//         - [not a Party household] P_j m_s / H
// The catch probability and expel_if_caught do not enter: the expulsion after a catch is a cost
// of the member options, inside V_mem.
double expected_value(const Household& x) {
  const bool paid = x.status == Status::candidate || x.status == Status::member ||
                    x.status == Status::cadre;
  const double price = kCellPrice * kPriceMultiplier[static_cast<int>(x.songbun)];
  return (x.value_member - x.value_outsider) +
         kTenureShare *
             (kStatusValue + cadre_chance(x.songbun) * (kCadreRent - x.value_member) / 2) -
         kPurgeRate * x.expulsion_loss - (paid ? 0.0 : price / kHorizon);
}

// One cell of households with the given inputs of Delta V (as phase 2 would have stored them).
struct World {
  Simulation sim;
  MonthContext c;
  explicit World(const std::vector<Household>& households)
      : sim(test::scenario_with({{"households", std::to_string(households.size())},
                                 {"months", "12"},
                                 {"opinion.status_value", "11"},
                                 {"purges.purge_rate", "0.01"},
                                 {"enforcement.expel_if_caught", "0.25"},
                                 {"opinion.horizon_months", "60"},
                                 {"cadres.cadre_rent_base", "30"},
                                 {"cadres.cadre_rent_market_share", "0.5"},
                                 {"market.market_return", "20"},
                                 {"network.peer_weight", "0"},
                                 {"opinion.review_rate", "0"}})),
        c(MonthContext::at(sim.state().scenario, 7, 50, kPromotionRate)) {
    SimulationState& s = sim.mutable_state();
    Households& h = s.households;
    for (std::size_t i = 0; i < households.size(); ++i) {
      const Household& x = households[i];
      h.status[i] = x.status;
      h.songbun[i] = x.songbun;
      h.value_member[i] = static_cast<float>(x.value_member);
      h.value_outsider[i] = static_cast<float>(x.value_outsider);
      h.expulsion_loss[i] = static_cast<float>(x.expulsion_loss);
      h.risk_aversion[i] = static_cast<float>(x.rho);
      h.detained_until[i] = kNever;
      h.expelled_at[i] = kNever;
    }
    s.cells.entry_price.assign(s.cells.size(), kCellPrice);
    s.cells.recruiting.assign(s.cells.size(), 0);
  }
  SimulationState& state() { return sim.mutable_state(); }
  double value(std::size_t i) { return membership_value(state(), c, i); }
  // The opinions the phase computes (Delta V itself, since the peer weight is 0).
  std::vector<double> opinions() {
    update_opinions_and_applications(state(), c);
    return state().households.opinion;
  }
};

// Values exactly representable as floats (the stored fields are floats).
constexpr Household kBase{Status::member, Songbun::wavering, 14.5, 19.25, 96, 0.5};
}  // namespace

TEST_CASE("the value of membership is the documented Delta V, for every status and songbun",
          "[opinions][membership_value]") {
  std::vector<Household> all;
  for (Status status : {Status::outsider, Status::applicant, Status::candidate, Status::member,
                        Status::cadre, Status::expelled})
    for (Songbun songbun : {Songbun::core, Songbun::wavering, Songbun::hostile}) {
      Household x = kBase;
      x.status = status;
      x.songbun = songbun;
      // A different mix per household, so that no two terms cancel by accident.
      x.value_member += static_cast<double>(all.size());
      x.rho = 0.25 * static_cast<double>(all.size() % 5);
      x.expulsion_loss = 40.0 + 8.0 * static_cast<double>(all.size());
      all.push_back(x);
    }
  World world(all);
  for (std::size_t i = 0; i < all.size(); ++i) {
    INFO("household " << i);
    CHECK(world.value(i) == Approx(expected_value(all[i])).epsilon(1e-12));
  }
  const std::vector<double> opinions = world.opinions();
  for (std::size_t i = 0; i < all.size(); ++i) {
    INFO("household " << i);
    CHECK(opinions[i] == Approx(expected_value(all[i])).epsilon(1e-12));
  }
}

TEST_CASE("each term of the value of membership has its documented size",
          "[opinions][membership_value]") {
  // Pairs of households that differ in one input: the difference of their values is that
  // input's term alone, computed here by hand.
  auto with = [](auto change) {
    Household x = kBase;
    change(x);
    return x;
  };
  const double pi_wavering = cadre_chance(Songbun::wavering);
  const std::vector<Household> pairs = {
      // 0, 1: the member's best income, 14.5 -> 24.5: +10 directly, -10 f Pi / 2 by the cadre term.
      kBase, with([](Household& x) { x.value_member = 24.5; }),
      // 2, 3: the outsider's best income, 19.25 -> 9.25: +10.
      kBase, with([](Household& x) { x.value_outsider = 9.25; }),
      // 4, 5: no expulsion loss: the purge term 0.01 x 96 comes back.
      kBase, with([](Household& x) { x.expulsion_loss = 0; }),
      // 6, 7: twice the expulsion loss, 96 -> 192: another 0.01 x 96 lost.
      kBase, with([](Household& x) { x.expulsion_loss = 192; }),
      // 8, 9: risk neutral: no change (risk aversion is in V_mem and V_out, not weighed again).
      kBase, with([](Household& x) { x.rho = 0; }),
      // 10, 11: a member and an outsider alike in all else: the outsider pays the price over H.
      kBase, with([](Household& x) { x.status = Status::outsider; }),
      // 12, 13: the songbun class sets the cadre chance (and, for outsiders, the price).
      kBase, with([](Household& x) { x.songbun = Songbun::core; }),
      with([](Household& x) { x.status = Status::expelled; }),
      with([](Household& x) {
        x.status = Status::expelled;
        x.songbun = Songbun::hostile;
      }),
  };
  World world(pairs);
  auto delta = [&](std::size_t a, std::size_t b) { return world.value(b) - world.value(a); };
  const double f = kTenureShare;
  CHECK(delta(0, 1) == Approx(10 - f * pi_wavering * 10 / 2).epsilon(1e-9));
  CHECK(delta(2, 3) == Approx(10).epsilon(1e-9));
  CHECK(delta(4, 5) == Approx(0.01 * 96).epsilon(1e-9));
  CHECK(delta(6, 7) == Approx(-0.01 * 96).epsilon(1e-9));
  CHECK(delta(8, 9) == 0);
  CHECK(delta(10, 11) == Approx(-300.0 * 1.0 / 60).epsilon(1e-9));
  const double pi_core = cadre_chance(Songbun::core);
  CHECK(delta(12, 13) ==
        Approx(f * (pi_core - pi_wavering) * (kCadreRent - 14.5) / 2).epsilon(1e-9));
  // The expelled pay the price again: hostile 2.5 x, wavering 1 x the cell's price, over H.
  CHECK(delta(14, 15) ==
        Approx(f * (cadre_chance(Songbun::hostile) - pi_wavering) * (kCadreRent - 14.5) / 2 -
               (2.5 - 1.0) * 300 / 60)
            .epsilon(1e-9));
  // The status value and the cadre term stand alone in a household with no other input.
  World plain({{Status::cadre, Songbun::core, 0, 0, 0, 0}});
  CHECK(plain.value(0) == Approx(f * (kStatusValue + pi_core * kCadreRent / 2)).epsilon(1e-12));
  // Pi_s from the observed monthly rate: 1 - 0.99^60 for core; f = (1 - 0.99^60) / 0.6 too.
  CHECK(pi_core == Approx(0.4528433576092388).epsilon(1e-12));
  CHECK(f == Approx(0.4528433576092388 / 0.6).epsilon(1e-12));
  // Without purges membership lasts the whole horizon: f = 1.
  const MonthContext no_purges = MonthContext::at(
      test::scenario_with({{"purges.purge_rate", "0"}}), 0, 50, kPromotionRate);
  CHECK(no_purges.tenure_share == 1.0);
}
