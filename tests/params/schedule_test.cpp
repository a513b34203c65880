#include <catch2/catch.hpp>

#include "params/calendar.hpp"
#include "params/schedule.hpp"

using namespace partysim;

namespace {
Schedule parsed(const std::string& text) {
  Schedule s;
  std::string error;
  REQUIRE(Schedule::parse(text, true, s, error));
  return s;
}
std::string parse_error(const std::string& text, bool allow_points = true) {
  Schedule s;
  std::string error;
  REQUIRE_FALSE(Schedule::parse(text, allow_points, s, error));
  return error;
}
int month(const char* text) { return *parse_month(text); }
}  // namespace

TEST_CASE("calendar months parse and format", "[schedule]") {
  CHECK(month("2000-01") == 24000);
  CHECK(month("2009-11") == 2009 * 12 + 10);
  CHECK(format_month(month("2019-12")) == "2019-12");
  CHECK_FALSE(parse_month("2000-13"));
  CHECK_FALSE(parse_month("2000-00"));
  CHECK_FALSE(parse_month("2000-1"));
  CHECK_FALSE(parse_month("20x0-01"));
}

TEST_CASE("a constant is the same every month", "[schedule]") {
  const Schedule s = parsed("0.02");
  CHECK(s.is_constant());
  CHECK(s.at(0) == 0.02);
  CHECK(s.at(month("2050-06")) == 0.02);
  CHECK(s.text() == "0.02");
}

TEST_CASE("a schedule is linear between points and constant outside", "[schedule]") {
  const Schedule s = parsed("2000-01:20, 2019-12:60");
  CHECK(s.at(month("1990-05")) == 20);
  CHECK(s.at(month("2000-01")) == 20);
  CHECK(s.at(month("2019-12")) == 60);
  CHECK(s.at(month("2030-01")) == 60);
  // 2009-12 is 119 of 239 months along.
  CHECK(s.at(month("2009-12")) == Approx(20 + 40.0 * 119 / 239));
  CHECK(s.text() == "2000-01:20, 2019-12:60");
}

TEST_CASE("the issue's crackdown schedule rises and falls back", "[schedule]") {
  const Schedule s = parsed("2000-01:0.02,2009-11:0.06,2010-06:0.02");
  CHECK(s.at(month("2009-11")) == Approx(0.06));
  CHECK(s.at(month("2010-06")) == Approx(0.02));
  CHECK(s.at(month("2010-02")) == Approx(0.06 - 0.04 * 3 / 7.0));
  CHECK(s.at(month("2009-10")) < 0.06);
}

TEST_CASE("the same month twice is an abrupt step", "[schedule]") {
  const Schedule s = parsed("2009-10:0.02, 2009-11:0.02, 2009-11:0.06, 2010-06:0.06, 2010-06:0.02");
  CHECK(s.at(month("2009-10")) == 0.02);
  CHECK(s.at(month("2009-11")) == 0.06);
  CHECK(s.at(month("2010-05")) == 0.06);
  CHECK(s.at(month("2010-06")) == 0.02);
  CHECK(s.at(month("2011-01")) == 0.02);
  const Schedule bare = parsed("2009-11:1, 2009-11:2");
  CHECK(bare.at(month("2009-10")) == 1);
  CHECK(bare.at(month("2009-11")) == 2);
}

TEST_CASE("schedule text round-trips", "[schedule]") {
  for (const char* text : {"0.1", "2000-01:20, 2019-12:60", "2009-11:1, 2009-11:2, 2012-01:0.5"}) {
    const Schedule s = parsed(text);
    CHECK(parsed(s.text()) == s);
  }
  CHECK(parsed("2000-01:2, 2001-01:4").scaled(0.5).text() == "2000-01:1, 2001-01:2");
}

TEST_CASE("bad schedules are rejected with a reason", "[schedule]") {
  CHECK_THAT(parse_error("abc"), Catch::Contains("not a number"));
  CHECK_THAT(parse_error("2000-13:20, 2019-12:60"), Catch::Contains("bad date"));
  CHECK_THAT(parse_error("2019-12:60, 2000-01:20"), Catch::Contains("not in order"));
  CHECK_THAT(parse_error("2000-01:x"), Catch::Contains("not a number"));
  CHECK_THAT(parse_error("2000-01:1, 2000-01:2, 2000-01:3"), Catch::Contains("more than twice"));
  CHECK_THAT(parse_error("2000-01:1", false), Catch::Contains("constant for the run"));
  CHECK_THAT(parse_error("2000-01:1,"), Catch::Contains("DATE:VALUE"));
}
