#include <catch2/catch.hpp>
#include <cmath>

#include "io/ensemble_writer.hpp"

using namespace partysim;

TEST_CASE("ensemble statistics: mean, sample sd and linear percentiles", "[ensemble]") {
  const auto s = ensemble_statistics({5, 1, 4, 2, 3});
  CHECK(s.n == 5);
  CHECK(s.mean == Approx(3));
  CHECK(s.sd == Approx(std::sqrt(2.5)));
  CHECK(s.p5 == Approx(1.2));   // numpy.percentile([1..5], 5)
  CHECK(s.p50 == Approx(3));
  CHECK(s.p95 == Approx(4.8));
}

TEST_CASE("ensemble statistics skip replicates without a value", "[ensemble]") {
  const auto s = ensemble_statistics({2, kNoValue, 4});
  CHECK(s.n == 2);
  CHECK(s.mean == Approx(3));
  const auto one = ensemble_statistics({7, kNoValue});
  CHECK(one.n == 1);
  CHECK(one.p5 == 7);
  CHECK(one.p95 == 7);
  CHECK(std::isnan(one.sd));  // no spread from one value
  const auto none = ensemble_statistics({kNoValue, kNoValue});
  CHECK(none.n == 0);
  CHECK(std::isnan(none.mean));
}
