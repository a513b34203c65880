// The patterns of the specification (docs/ODD.md, section 1) on the marketization scenario, and
// the reversal. First three years against last three. P1-P4 and the reversal hold for three seeds
// at 20,000 households and, in one test case (each test case runs in its own process under
// ctest), for one seed at 40,000: the patterns must hold at any size from 20,000 up. P5 and the
// surveillance's comparative static pool five seeds, because late application counts are small.
// Thresholds are the specification's; a pattern that fails is fixed in the model, never here.
#include <catch2/catch.hpp>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <oneapi/tbb/task_arena.h>

#include "model/simulation.hpp"
#include "model/work_options.hpp"
#include "test_support.hpp"

using namespace partysim;
using M = Measure;
using SM = SongbunMeasure;

namespace {
constexpr std::size_t kMonths = 240;
constexpr std::size_t kEarly = 36;            // months [0, 36): 2000-2002
constexpr std::size_t kLate = kMonths - 36;   // months [204, 240): 2017-2019
const std::array<std::string, 3> kSeeds = {"1", "2", "3"};
// For the patterns measured on late applications, a few hundred per seed at 20,000 households.
const std::array<std::string, 5> kPooledSeeds = {"1", "2", "3", "4", "5"};


// Market income by skill quintile for working Party (candidates, members) and other households.
struct SkillBands {
  static constexpr int kBands = 5;
  std::array<double, kBands> party_income{}, party_n{}, other_income{}, other_n{};
};

// Shakedown bribes per unit of business size (v = skill x market time, USD of bribe per unit),
// summed each month over the households shaken down, for Party households (those who worked as
// candidates or members, who pay the member multiple) and the others.
struct ShakedownsBySize {
  double party_per_size = 0, party_n = 0, other_per_size = 0, other_n = 0;
};

// Households that traded in every month of a calendar year, and how many of them were shaken
// down at least once that year.
struct YearOfTraders {
  double year_round_traders = 0, shaken_at_least_once = 0;
};

struct Run {
  std::vector<MonthRecord> records;
  SkillBands late_bands;  // over the last three years
  std::vector<ShakedownsBySize> shakedowns;  // one per month
  std::vector<YearOfTraders> years;          // one per calendar year (the run starts in January)
};

Scenario marketization(const std::string& seed, test::Values overrides = {},
                       int households = 20000) {
  std::vector<Override> o = {{"households", std::to_string(households), "test"},
                             {"seed", seed, "test"}};
  for (const auto& [k, v] : overrides) o.push_back({k, v, "test"});
  return Scenario::load(PARTYSIM_SCENARIO_DIR "/marketization.ini", o);
}

Run run(const Scenario& scenario) {
  Run result;
  oneapi::tbb::task_arena arena(2);
  arena.execute([&] {
    Simulation sim(scenario);
    // Skill quintile bounds of LogNormal(0, sigma): exp(sigma * z) at z = -0.8416, -0.2533, ...
    const double sigma = scenario.real(P::skill_sigma);
    const std::array<double, 4> bounds = {std::exp(sigma * -0.8416), std::exp(sigma * -0.2533),
                                          std::exp(sigma * 0.2533), std::exp(sigma * 0.8416)};
    std::vector<std::uint8_t> months_traded(sim.state().households.size()), shaken_this_year;
    shaken_this_year.resize(months_traded.size());
    while (!sim.done()) {
      result.records.push_back(sim.step());
      const Households& h = sim.state().households;
      for (std::size_t i = 0; i < h.size(); ++i) {
        if (worked_this_month(h.work_option[i], h.events[i]) && h.market_time[i] > 0)
          ++months_traded[i];
        if (h.events[i] & Event::shaken_down) shaken_this_year[i] = 1;
      }
      if (sim.month() % 12 == 0) {
        YearOfTraders& year = result.years.emplace_back();
        for (std::size_t i = 0; i < h.size(); ++i) {
          if (months_traded[i] == 12) {
            year.year_round_traders += 1;
            year.shaken_at_least_once += shaken_this_year[i];
          }
          months_traded[i] = shaken_this_year[i] = 0;
        }
      }
      ShakedownsBySize& shaken = result.shakedowns.emplace_back();
      for (std::size_t i = 0; i < h.size(); ++i) {
        if (!(h.events[i] & Event::shaken_down)) continue;
        const double per_size = h.extortion_paid_usd[i] / (h.skill[i] * h.market_time[i]);
        if (WorkOption::decode(h.work_option[i]).party != PartyDuty::none) {
          shaken.party_per_size += per_size;
          shaken.party_n += 1;
        } else {
          shaken.other_per_size += per_size;
          shaken.other_n += 1;
        }
      }
      if (static_cast<std::size_t>(sim.month()) <= kLate) continue;
      for (std::size_t i = 0; i < h.size(); ++i) {
        const std::uint8_t code = h.work_option[i];
        if (!worked_this_month(code, h.events[i])) continue;
        int band = 0;
        while (band < 4 && h.skill[i] > bounds[band]) ++band;
        if (WorkOption::decode(code).party != PartyDuty::none) {
          result.late_bands.party_income[band] += h.market_income[i];
          result.late_bands.party_n[band] += 1;
        } else {
          result.late_bands.other_income[band] += h.market_income[i];
          result.late_bands.other_n[band] += 1;
        }
      }
    }
  });
  return result;
}

const Run& baseline(const std::string& seed, int households = 20000) {
  static std::map<std::pair<int, std::string>, Run> cache;
  const auto key = std::make_pair(households, seed);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, run(marketization(seed, {}, households))).first;
  return it->second;
}

double price_paid(const std::vector<MonthRecord>& r, std::size_t first, std::size_t last) {
  return test::sum(r, M::entry_bribes_paid_total_usd, first, last) /
         test::sum(r, M::admissions, first, last);
}

double late_applications(const std::vector<MonthRecord>& r) {
  return test::sum(r, M::applications, kLate, kMonths);
}

// One group's payments against another's for the same thing in the same months: the sum of what
// group a paid over the sum of what the same number of payments would have cost at group b's
// mean of that month. Pooled by counts (a month with many payments weighs more), and only months
// in which both groups paid enter: a month where either paid nothing has no mean to compare and
// is skipped by rule (so no NaN can reach the result). Comparing within the month keeps the
// market return A_t, to which bribes and prices are indexed, out of the comparison.
struct Comparison {
  double paid = 0;          // what group a paid, in the months compared
  double at_b_prices = 0;   // what the same payments would have cost at group b's means
  double count_a = 0, count_b = 0, months = 0;
  double ratio() const { return paid / at_b_prices; }
};

template <class Month, class MeanOf, class CountOf>
Comparison compare_within_months(const std::vector<Month>& records, std::size_t first,
                                 std::size_t last, MeanOf mean_of, CountOf count_of) {
  Comparison c;
  for (std::size_t k = first; k < last; ++k) {
    const double n_a = count_of(records[k], 0), n_b = count_of(records[k], 1);
    if (!(n_a > 0) || !(n_b > 0)) continue;
    c.paid += n_a * mean_of(records[k], 0);
    c.at_b_prices += n_a * mean_of(records[k], 1);
    c.count_a += n_a;
    c.count_b += n_b;
    c.months += 1;
  }
  return c;
}

// Party households' shakedown bribes against the others' for a business of the same size, over
// the whole run: per unit of business size, so that members' smaller businesses do not hide the
// multiple they pay.
Comparison member_shakedown_bribes(const Run& run) {
  return compare_within_months(
      run.shakedowns, 0, kMonths,
      [](const ShakedownsBySize& m, int g) {
        return g == 0 ? m.party_per_size / m.party_n : m.other_per_size / m.other_n;
      },
      [](const ShakedownsBySize& m, int g) { return g == 0 ? m.party_n : m.other_n; });
}

// "Much larger bribes" (Daily NK): members must pay at least half as much again as non-members
// for the same thing in the same month. In v2 the same thing is the routine shakedown of a
// business of the same size: at the defaults members do not trade large or stay away from work
// unpaid, so they are not caught for those violations and the catch bribes have nothing to
// compare (the catch measures stay in the outputs). Measured at the defaults (multiplier 3): 1.95-1.98
// (seeds 1-3), below 3 because 44% of members' shakedowns take all they hold (the rest of the
// bribe is waived); with a multiplier of 1: 0.90 (seed 1). The threshold tells the two apart.
constexpr double kMemberBribeFactor = 1.5;

// The checks of P1-P4 and the reversal on one run (and its reversed twin), for any size.
void check_p1(const Run& run) {
  const auto& r = run.records;
  const double early = test::sum(r, M::applications, 0, kEarly);
  const double late = late_applications(r);
  INFO("P1: applications " << early << " -> " << late);
  CHECK(late < 0.5 * early);
}

void check_p2(const Run& run) {
  const auto& r = run.records;
  const double early = price_paid(r, 0, kEarly);
  const double late = price_paid(r, kLate, kMonths);
  INFO("P2: mean entry price paid $" << early << " -> $" << late);
  CHECK(early > 200);
  CHECK(late < 20);
}

void check_p3(const Run& run) {
  const auto& r = run.records;
  const double entry_early = test::mean(r, M::secretary_entry_income_mean_usd, 0, kEarly);
  const double entry_late = test::mean(r, M::secretary_entry_income_mean_usd, kLate, kMonths);
  INFO("P3: entry income per secretary $" << entry_early << " -> $" << entry_late);
  CHECK(entry_late < 0.5 * entry_early);
  CHECK(test::mean(r, M::secretary_income_mean_usd, kLate, kMonths) <
        test::mean(r, M::secretary_income_mean_usd, 0, kEarly));
  CHECK(test::mean(r, M::secretaries_recruiting_share, kLate, kMonths) >
        test::mean(r, M::secretaries_recruiting_share, 0, kEarly));
  CHECK(test::sum(r, M::skip_deals, kLate, kMonths) > test::sum(r, M::skip_deals, 0, kEarly));
}

void check_p4(const Run& run) {
  const SkillBands& b = run.late_bands;
  for (int band = 0; band < SkillBands::kBands; ++band) {
    INFO("P4: skill quintile " << band + 1 << ": Party n " << b.party_n[band] << ", others n "
                               << b.other_n[band]);
    REQUIRE(b.party_n[band] > 0);
    CHECK(b.party_income[band] / b.party_n[band] < b.other_income[band] / b.other_n[band]);
  }
  const auto& r = run.records;
  for (std::size_t first : {std::size_t{0}, kLate}) {
    double share_large = 0, share_households = 0;
    for (std::size_t k = first; k < first + 36; ++k) {
      share_large += r[k][M::member_share_large_traders] / 36;
      share_households += (r[k][M::candidates] + r[k][M::members]) / r[k][M::households] / 36;
    }
    INFO("P4: from month " << first << ": share among large traders " << share_large
                           << ", among households " << share_households);
    CHECK(share_large < share_households);
  }
}

// The market return rising to $60 by month 119 (2009-12), cut to $20 at month 120 and held.
const test::Values kReversal = {{"market.market_return", "2000-01:20, 2009-12:60, 2010-01:20"}};

void check_reversal(const Run& base_run, const Run& reversed) {
  const auto& r = reversed.records;
  const auto& base = base_run.records;
  const double before_cut = test::sum(r, M::applications, 84, 120);
  const double late = late_applications(r);
  INFO("Reversal: applications 2007-2009 " << before_cut << ", 2017-2019 " << late
                                           << ", baseline 2017-2019 " << late_applications(base));
  CHECK(late > before_cut);
  CHECK(late > late_applications(base));
  const double price_at_cut = r[119][M::entry_price_quoted_mean_usd];
  const double price_late = test::mean(r, M::entry_price_quoted_mean_usd, kLate, kMonths);
  INFO("entry price quoted at the cut $" << price_at_cut << ", 2017-2019 $" << price_late);
  CHECK(price_late > price_at_cut);
  CHECK(price_late > test::mean(base, M::entry_price_quoted_mean_usd, kLate, kMonths));
}
}  // namespace

TEST_CASE("P1: applications fall by more than half", "[patterns]") {
  for (const auto& seed : kSeeds) {
    INFO("seed " << seed);
    check_p1(baseline(seed));
  }
}

TEST_CASE("P2: the entry bribe paid falls from hundreds of dollars to the floor region", "[patterns]") {
  for (const auto& seed : kSeeds) {
    INFO("seed " << seed);
    check_p2(baseline(seed));
  }
}

TEST_CASE("P3: secretaries' entry income collapses, they recruit and sell skips", "[patterns]") {
  for (const auto& seed : kSeeds) {
    INFO("seed " << seed);
    check_p3(baseline(seed));
  }
}

TEST_CASE("P4: members earn less than non-members of the same skill and are rare among large traders",
          "[patterns]") {
  for (const auto& seed : kSeeds) {
    INFO("seed " << seed);
    check_p4(baseline(seed));
  }
}

TEST_CASE("P5: core households apply at a higher rate, hostile ones pay more (pooled)", "[patterns]") {
  // Application rates pooled over seeds and months (each month's rate per 1,000 eligible weighs
  // the same), over the whole run and over the last three years.
  std::array<double, kSongbunCount> rate{}, late_rate{};
  // Entry prices paid, pooled over seeds within each two-year period: prices fall over the run
  // and hostile admissions come later than others, so only prices of the same period compare.
  constexpr std::size_t kPeriod = 24;
  std::array<std::array<double, kSongbunCount>, kMonths / kPeriod> paid{}, admitted{};
  // In the last three years: what hostile admitted paid against what the same admissions would
  // have cost at the core's (wavering's) mean price of the same month.
  Comparison hostile_core, hostile_wavering;
  for (const auto& seed : kPooledSeeds) {
    const auto& records = baseline(seed).records;
    for (std::size_t k = 0; k < records.size(); ++k) {
      std::array<double, kSongbunCount> month_rate{};
      for (int s = 0; s < kSongbunCount; ++s) {
        const auto songbun = static_cast<Songbun>(s);
        month_rate[s] = records[k].at(songbun, SM::applications_per_1000_eligible);
        const double n = records[k].at(songbun, SM::admissions);
        if (n > 0) {
          paid[k / kPeriod][s] += n * records[k].at(songbun, SM::entry_price_paid_mean_usd);
          admitted[k / kPeriod][s] += n;
        }
      }
      // A month where some class has nobody eligible has no rate for it: skipped for every class,
      // so that the classes are compared over the same months.
      if (std::isnan(month_rate[0]) || std::isnan(month_rate[1]) || std::isnan(month_rate[2]))
        continue;
      for (int s = 0; s < kSongbunCount; ++s) {
        rate[s] += month_rate[s];
        if (k >= kLate) late_rate[s] += month_rate[s];
      }
    }
    auto against = [&](Songbun other) {
      return compare_within_months(
          records, kLate, kMonths,
          [&](const MonthRecord& m, int g) {
            return m.at(g == 0 ? Songbun::hostile : other, SM::entry_price_paid_mean_usd);
          },
          [&](const MonthRecord& m, int g) {
            return m.at(g == 0 ? Songbun::hostile : other, SM::admissions);
          });
    };
    for (auto [pooled, other] : {std::pair{&hostile_core, Songbun::core},
                                 std::pair{&hostile_wavering, Songbun::wavering}}) {
      const Comparison c = against(other);
      pooled->paid += c.paid;
      pooled->at_b_prices += c.at_b_prices;
      pooled->count_a += c.count_a;
      pooled->count_b += c.count_b;
      pooled->months += c.months;
    }
  }
  INFO("applications per 1,000 eligible (sum of monthly rates): core " << rate[0] << ", wavering "
                                                                        << rate[1] << ", hostile " << rate[2]);
  CHECK(rate[0] > rate[1]);
  CHECK(rate[0] > rate[2]);
  // Late applications are a few hundred over the five seeds (core ~300, wavering ~500), so a
  // pooled rate has a relative sd of about 6% and a ratio of two about 8%: requiring 20% more
  // keeps a vanished songbun difference from passing by chance (measured: core 84, wavering 53,
  // hostile 40, i.e. 1.6 and 2.1 times).
  INFO("last three years: core " << late_rate[0] << ", wavering " << late_rate[1] << ", hostile "
                                 << late_rate[2]);
  CHECK(late_rate[0] > 1.2 * late_rate[1]);
  CHECK(late_rate[0] > 1.2 * late_rate[2]);
  for (std::size_t period = 0; period < paid.size(); ++period) {
    const auto& p = paid[period];
    const auto& n = admitted[period];
    INFO("months from " << period * kPeriod << ": mean entry price paid: core " << p[0] / n[0]
                        << " (" << n[0] << "), wavering " << p[1] / n[1] << " (" << n[1]
                        << "), hostile " << p[2] / n[2] << " (" << n[2] << ")");
    REQUIRE(n[0] > 0);
    REQUIRE(n[1] > 0);
    REQUIRE(n[2] > 0);
    CHECK(p[2] / n[2] > p[0] / n[0]);
    CHECK(p[2] / n[2] > p[1] / n[1]);
  }
  // The last three years, month by month. Hostile admissions there are ~120 over the five seeds,
  // in ~75 seed-months with core admissions; "higher" is asked as at least 25% higher, beyond what
  // the spread of cells' prices gives by chance (measured: hostile paid 3.2 times the core's price
  // and 2.6 times the wavering's in the same months, near the multipliers' 2.5 / 0.8 and 2.5).
  INFO("last three years, hostile paid $" << hostile_core.paid << " for " << hostile_core.count_a
                                          << " admissions in " << hostile_core.months
                                          << " months with core admissions: "
                                          << hostile_core.ratio() << " times the core's price");
  INFO("and $" << hostile_wavering.paid << " for " << hostile_wavering.count_a << " in "
               << hostile_wavering.months << " months with wavering admissions: "
               << hostile_wavering.ratio() << " times the wavering's price");
  REQUIRE(hostile_core.count_a >= 50);
  REQUIRE(hostile_wavering.count_a >= 50);
  CHECK(hostile_core.ratio() > 1.25);
  CHECK(hostile_wavering.ratio() > 1.25);
}

TEST_CASE("P6: members pay larger bribes than non-members for a business of the same size",
          "[patterns]") {
  for (const auto& seed : kSeeds) {
    const Comparison c = member_shakedown_bribes(baseline(seed));
    INFO("seed " << seed << ": members paid " << c.ratio()
                 << " times non-members' shakedown bribe per unit of business size of the same month ("
                 << c.count_a << " member and " << c.count_b << " other shakedowns in " << c.months
                 << " months)");
    // Not a comparison of a handful of shakedowns.
    REQUIRE(c.count_a >= 1000);
    REQUIRE(c.months >= 200);
    CHECK(c.ratio() > kMemberBribeFactor);
  }
}

TEST_CASE("P6: the bribe comparison fails when members pay the same multiple as others",
          "[patterns]") {
  // The check of the test above: with a member bribe multiplier of 1 its criterion must fail.
  const Comparison c =
      member_shakedown_bribes(run(marketization("1", {{"enforcement.bribe_member_multiplier", "1"}})));
  INFO("members paid " << c.ratio() << " times non-members' bribes (" << c.count_a << " and "
                       << c.count_b << " shakedowns in " << c.months << " months)");
  REQUIRE(c.count_a >= 1000);
  CHECK(c.ratio() < kMemberBribeFactor);
}

TEST_CASE("P6: surveillance after a purge, the member bribe multiplier and the purge rate each "
          "lower late applications (same seeds)", "[patterns]") {
  // The specification's factors: surveillance of the expelled x2 (3 -> 6), member bribe
  // multiplier x2 (3 -> 6), purge rate x3 (0.001 -> 0.003). Each must lower the applications of
  // the last three years, pooled over seeds, by at least a stated share. With realistic absence
  // (v2) the channels are routine extortion (the expelled are shaken down more often; members pay
  // the multiple on every shakedown) and the purge (it ends membership early and costs status,
  // the cadre chance and the expected expulsion loss). Late applications are ~250 a seed; the
  // same seeds are used with and without the change, so a seed's ratio varies much less than
  // independent counts would (measured spread of single seeds below).
  struct Factor {
    std::string key, value;
    int seeds;                           // the first `seeds` of kPooledSeeds
    double max_ratio;                    // pooled late applications changed / base below this
    std::optional<double> max_ratio_all; // and over the whole run, where the effect shows there
  };
  const std::vector<Factor> factors = {
      // Measured: 0.88 over seeds 1-5 (single seeds 0.83-0.93): the expelled are few until late
      // (3% of households by 2019), so the effect is small and shows only late (whole run 0.97).
      // At most 0.95: about half the effect, beyond the single seeds' spread.
      {"enforcement.surveillance_expelled", "6", 5, 0.95, std::nullopt},
      // Measured: 0.05 (seeds 1-3; single seeds 0.03-0.06), whole run 0.62. At most 0.5 and 0.85.
      {"enforcement.bribe_member_multiplier", "6", 3, 0.5, 0.85},
      // Measured: 0.45 (seeds 1-3; single seeds 0.44-0.47), whole run 0.81. At most 0.7 and 0.92.
      {"purges.purge_rate", "0.003", 3, 0.7, 0.92},
  };
  for (const auto& f : factors) {
    double base = 0, changed = 0, base_all = 0, changed_all = 0;
    for (int s = 0; s < f.seeds; ++s) {
      const auto& seed = kPooledSeeds[s];
      const auto& b = baseline(seed).records;
      const auto c = run(marketization(seed, {{f.key, f.value}})).records;
      base += late_applications(b);
      changed += late_applications(c);
      base_all += test::sum(b, M::applications, 0, kMonths);
      changed_all += test::sum(c, M::applications, 0, kMonths);
      INFO(f.key << " = " << f.value << ", seed " << seed << ": late applications "
                 << late_applications(b) << " -> " << late_applications(c));
      // No single seed may go the other way.
      CHECK(late_applications(c) < late_applications(b));
    }
    INFO(f.key << " = " << f.value << ", " << f.seeds << " seeds: late applications " << base
               << " -> " << changed << " (ratio " << changed / base << "), whole run "
               << base_all << " -> " << changed_all << " (ratio " << changed_all / base_all << ")");
    CHECK(changed < f.max_ratio * base);
    if (f.max_ratio_all) CHECK(changed_all < *f.max_ratio_all * base_all);
  }
}

// Realism checks against the published record (docs/ODD.md, "Calibration of v2"), every year of
// the marketization scenario, three seeds.
TEST_CASE("Realism: paid 8.3 work outnumbers unpaid absence and rises with the market", "[patterns]") {
  // Paying the enterprise to be excused is the majority practice (at least 58% of firms employ
  // 8.3 workers, Kim Byung-yeon 2017; "now the majority", Daily NK), while unpaid absence leads to
  // labour training (RFA 2015, 2021). Measured: absence 0% every year; 8.3 from 49% (2000) to
  // 78% (2019), rising every year.
  for (const auto& seed : kSeeds) {
    const auto& r = baseline(seed).records;
    double last_pay_83 = 0;
    for (std::size_t year = 0; year < kMonths / 12; ++year) {
      const double pay_83 = test::mean(r, M::pay_83_share, 12 * year, 12 * year + 12);
      const double absent = test::mean(r, M::absent_share, 12 * year, 12 * year + 12);
      INFO("seed " << seed << ", year " << 2000 + year << ": 8.3 share " << pay_83
                   << ", unpaid absent share " << absent << " of working households");
      CHECK(absent < pay_83);
      CHECK(pay_83 > last_pay_83);
      last_pay_83 = pay_83;
    }
    CHECK(last_pay_83 > 0.5);  // the majority by the end
  }
}

TEST_CASE("Realism: at least 90% of year-round traders are shaken down every year", "[patterns]") {
  // 95% of female traders report paying bribes (Haggard & Noland 2011). Measured: 97% of those
  // who traded in every month of a year were shaken down at least once that year (1 - 0.75^12
  // for outsiders at extortion_rate 0.25, more for members and the expelled).
  for (const auto& seed : kSeeds) {
    const auto& years = baseline(seed).years;
    REQUIRE(years.size() == kMonths / 12);
    for (std::size_t year = 0; year < years.size(); ++year) {
      const YearOfTraders& y = years[year];
      INFO("seed " << seed << ", year " << 2000 + year << ": " << y.shaken_at_least_once << " of "
                   << y.year_round_traders << " year-round traders shaken down");
      REQUIRE(y.year_round_traders > 1000);
      CHECK(y.shaken_at_least_once >= 0.9 * y.year_round_traders);
    }
  }
}

TEST_CASE("Realism: the Party's share of households stays within the record's range", "[patterns]") {
  // About 3 M members from the late 1980s to 2022 (AP 2010; Daily NK 2016; RFA 2022), 16% of the
  // 18.5 M people aged 15 and over of the 2008 census: the Party did not halve while markets grew.
  // A model household stands for its working adult, so candidates, members and cadres should be
  // about 16% of households. The band 12-24% (three quarters to one and a half times that) allows
  // for the uncertainty of "about 3 M" and fails if membership halves or doubles; no year may fall
  // below two thirds of the first year's share. (The 2021 estimate of 6.5 M counts associates and
  // names no source.) Measured: 18.4-19.9% until 2012, 16.3-16.6% in 2019.
  for (const auto& seed : kSeeds) {
    const auto& r = baseline(seed).records;
    const double first = test::mean(r, M::member_share, 0, 12);
    for (std::size_t year = 0; year < kMonths / 12; ++year) {
      const double share = test::mean(r, M::member_share, 12 * year, 12 * year + 12);
      INFO("seed " << seed << ", year " << 2000 + year << ": member share " << share);
      CHECK(share > 0.12);
      CHECK(share < 0.24);
      CHECK(share > 2.0 / 3.0 * first);
    }
  }
}

TEST_CASE("Reversal: when the market return is cut back, applications and the entry price recover",
          "[patterns]") {
  for (const auto& seed : kSeeds) {
    INFO("seed " << seed);
    check_reversal(baseline(seed), run(marketization(seed, kReversal)));
  }
}

TEST_CASE("P1-P4 and the reversal hold at 40,000 households", "[patterns]") {
  // A second population size, one seed (doubling N halves the sampling noise of the counts).
  constexpr int kHouseholds = 40000;
  const Run& base = baseline("1", kHouseholds);
  check_p1(base);
  check_p2(base);
  check_p3(base);
  check_p4(base);
  check_reversal(base, run(marketization("1", kReversal, kHouseholds)));
}
