#include <catch2/catch.hpp>
#include <cmath>

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
  CHECK(lognormal_mean_one(0.3, w[2], w[3]) == Approx(0.73624370271586548).epsilon(1e-12));
  CHECK(uniform_index(49, w[2]) == 23);
  CHECK(rng.uniform(Purpose::songbun, 0, KeyedRng::kBirthMonth) ==
        Approx(0.37294333442216848).epsilon(1e-14));
}

TEST_CASE("draws depend on every part of the key", "[rng]") {
  const KeyedRng a(1), b(2);
  const auto base = a.words(Purpose::apply, 10, 5);
  CHECK(base == a.words(Purpose::apply, 10, 5));  // pure function
  CHECK(base != b.words(Purpose::apply, 10, 5));
  CHECK(base != a.words(Purpose::withdraw, 10, 5));
  CHECK(base != a.words(Purpose::apply, 11, 5));
  CHECK(base != a.words(Purpose::apply, 10, 6));
  CHECK(base != a.words(Purpose::apply, 10, 5, 1));
}

TEST_CASE("samplers have the right moments", "[rng]") {
  const KeyedRng rng(7);
  const int n = 200000;
  double u_sum = 0, z_sum = 0, z_sq = 0, shock_sum = 0, log_median_below = 0;
  for (int i = 0; i < n; ++i) {
    const auto w = rng.words(Purpose::income_shock, i, 0);
    const double u = uniform_open(w[0]);
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    u_sum += u;
    const double z = standard_normal(w[0], w[1]);
    z_sum += z;
    z_sq += z * z;
    shock_sum += lognormal_mean_one(0.3, w[2], w[3]);
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
