#include <catch2/catch.hpp>
#include <cmath>

#include <algorithm>
#include <set>
#include <vector>

#include "rng/household_draws.hpp"
#include "rng/keyed_rng.hpp"
#include "rng/samplers.hpp"

using namespace partysim;

// Golden values pin the generator and the samplers: a change to either changes every run, so it
// must be deliberate (update these and say so in the change log).
TEST_CASE("keyed draws and samplers match their golden values", "[rng]") {
  const KeyedRng rng(42);
  const auto w = rng.words(Purpose::skill, 7, 3);
  CHECK(w[0] == 16442457869506568412ull);
  CHECK(w[1] == 8165617526258434266ull);
  CHECK(w[2] == 8911392541255403594ull);
  CHECK(w[3] == 6979021969867834652ull);
  CHECK(uniform_open(w[0]) == Approx(0.89134742715602).epsilon(1e-14));
  CHECK(standard_normal(w[0], w[1]) == Approx(-0.44883331368433355).epsilon(1e-12));
  CHECK(lognormal_median(200, 1, w[0], w[1]) == Approx(127.67449955711297).epsilon(1e-12));
  CHECK(lognormal_mean_one(0.3, -1.0) == Approx(std::exp(-0.3 - 0.045)).epsilon(1e-15));
  CHECK(uniform_index(49, w[2]) == 23);
  CHECK(rng.uniform(Purpose::songbun, 0, KeyedRng::kBirthMonth) ==
        Approx(0.37294333442216848).epsilon(1e-14));
}

TEST_CASE("a household's month draws match their golden values, fast and slow paths", "[rng]") {
  const KeyedRng rng(42);
  const HouseholdDraws first(rng, 0, 3);
  CHECK(first.income_normal() == Approx(-0.59539414069890384).epsilon(1e-14));  // a rectangle
  CHECK(first.catch_large() == 33181486u);
  CHECK(first.apply_or_withdraw() == 2256033486u);
  CHECK(HouseholdDraws(rng, 15, 3).income_normal() == Approx(0.4366025089496689).epsilon(1e-14));
  CHECK(HouseholdDraws(rng, 306, 3).income_normal() ==  // the tail beyond R
        Approx(-3.7658274950468167).epsilon(1e-14));
  // The five decisions read five different halves of the words.
  const HouseholdDraws d(rng, 7, 11);
  const std::set<std::uint32_t> halves = {d.catch_large(), d.catch_absence(), d.expel_if_caught(),
                                          d.purge(), d.apply_or_withdraw()};
  CHECK(halves.size() == 5);
}

TEST_CASE("ziggurat normals follow the standard normal distribution", "[rng]") {
  // Kolmogorov-Smirnov distance to the normal CDF over 200,000 households' draws; at the 0.1%
  // level the critical distance is 1.95 / sqrt(n) = 0.0044. The tail beyond R = 3.44 (about
  // 0.058% of draws, all of them through the slow path) is counted too.
  const KeyedRng rng(11);
  const int n = 200000;
  std::vector<double> z(n);
  for (int i = 0; i < n; ++i) z[i] = HouseholdDraws(rng, i, 4).income_normal();
  std::sort(z.begin(), z.end());
  double distance = 0;
  for (int i = 0; i < n; ++i) {
    const double cdf = 0.5 * std::erfc(-z[i] / std::sqrt(2.0));
    distance = std::max({distance, cdf - static_cast<double>(i) / n,
                         static_cast<double>(i + 1) / n - cdf});
  }
  CHECK(distance < 1.95 / std::sqrt(static_cast<double>(n)));
  const double beyond_r =
      std::count_if(z.begin(), z.end(), [](double x) { return std::fabs(x) > 3.442619855899; });
  CHECK(beyond_r / n == Approx(std::erfc(3.442619855899 / std::sqrt(2.0))).epsilon(0.35));
}

TEST_CASE("32-bit bernoulli draws keep 0 and 1 exact and the rate in between", "[rng]") {
  CHECK_FALSE(bernoulli32(0.0, 0u));
  CHECK(bernoulli32(1.0, 0xFFFFFFFFu));
  int hits = 0;
  for (std::uint32_t k = 0; k < 100000; ++k) hits += bernoulli32(0.3, k * 42949u);
  CHECK(hits == Approx(30000).margin(10));
}

TEST_CASE("draws depend on every part of the key", "[rng]") {
  const KeyedRng a(1), b(2);
  const auto base = a.words(Purpose::household_month, 10, 5);
  CHECK(base == a.words(Purpose::household_month, 10, 5));  // pure function
  CHECK(base != b.words(Purpose::household_month, 10, 5));
  CHECK(base != a.words(Purpose::turnover, 10, 5));
  CHECK(base != a.words(Purpose::household_month, 11, 5));
  CHECK(base != a.words(Purpose::household_month, 10, 6));
  CHECK(base != a.words(Purpose::household_month, 10, 5, 1));
}

TEST_CASE("32-bit keyed draws are Random123's Philox4x32-10 on (seed | index, month, purpose)",
          "[rng]") {
  // Random123's known answer for counter and key all zeros (kat_vectors). The key is the seed (low
  // word first); the counter is (index, month - kBirthMonth, purpose, 0).
  using Words = std::array<std::uint32_t, 4>;
  CHECK(KeyedRng(0).words32(static_cast<Purpose>(0), 0, KeyedRng::kBirthMonth) ==
        Words{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
  // The layout, pinned: seed 0x0123456789abcdef, household group 7, month 3, purpose shakedown.
  const r123::Philox4x32::ctr_type counter = {{7u, 3u - static_cast<std::uint32_t>(KeyedRng::kBirthMonth), 20u, 0u}};
  const r123::Philox4x32::key_type key = {{0x89abcdefu, 0x01234567u}};
  const auto expected = r123::Philox4x32()(counter, key);
  CHECK(KeyedRng(0x0123456789abcdefull).words32(Purpose::shakedown, 7, 3) ==
        Words{expected[0], expected[1], expected[2], expected[3]});
  const KeyedRng a(1);
  const auto base = a.words32(Purpose::shakedown, 10, 5);
  CHECK(base == a.words32(Purpose::shakedown, 10, 5));  // pure function
  CHECK(base != KeyedRng(1ull + (1ull << 32)).words32(Purpose::shakedown, 10, 5));  // seed's high word
  CHECK(base != a.words32(Purpose::turnover, 10, 5));
  CHECK(base != a.words32(Purpose::shakedown, 11, 5));
  CHECK(base != a.words32(Purpose::shakedown, 10, 6));
}

TEST_CASE("samplers have the right moments", "[rng]") {
  const KeyedRng rng(7);
  const int n = 200000;
  double u_sum = 0, z_sum = 0, z_sq = 0, shock_sum = 0, log_median_below = 0;
  for (int i = 0; i < n; ++i) {
    const auto w = rng.words(Purpose::household_month, i, 0);
    const double u = uniform_open(w[0]);
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    u_sum += u;
    const double z = standard_normal(w[0], w[1]);
    z_sum += z;
    z_sq += z * z;
    shock_sum += lognormal_mean_one(0.3, HouseholdDraws(rng, i, 0).income_normal());
    log_median_below += lognormal_median(200, 1, w[2], w[3]) < 200;
  }
  CHECK(u_sum / n == Approx(0.5).margin(0.003));
  CHECK(z_sum / n == Approx(0.0).margin(0.01));
  CHECK(z_sq / n == Approx(1.0).margin(0.01));
  CHECK(shock_sum / n == Approx(1.0).margin(0.003));  // income shocks have mean 1
  CHECK(log_median_below / n == Approx(0.5).margin(0.005));
}

TEST_CASE("uniform_index covers its range evenly", "[rng]") {
  const KeyedRng rng(3);
  int counts[7] = {};
  for (int i = 0; i < 70000; ++i) ++counts[uniform_index(7, rng.words(Purpose::ties, i, 0)[0])];
  for (int c : counts) CHECK(c == Approx(10000).margin(400));
}
