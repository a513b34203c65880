#include <catch2/catch.hpp>
#include <cmath>

#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "test_support.hpp"

using namespace partysim;

TEST_CASE("purges expel Party households at the purge rate and no one else", "[purges]") {
  Simulation sim(test::scenario_with({{"households", "20000"}, {"months", "1"},
                                      {"purges.purge_rate", "0.1"}}));
  SimulationState& s = sim.mutable_state();
  Households& h = s.households;
  for (std::size_t i = 0; i < h.size(); ++i) {
    h.status[i] = i % 2 ? Status::member : Status::outsider;
    h.events[i] = 0;
  }
  purge(s, MonthContext::at(s.scenario, 3, 50, {}));
  int purged = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (i % 2 == 0) CHECK(h.status[i] == Status::outsider);
    if (h.events[i] & Event::purged) {
      ++purged;
      CHECK(h.status[i] == Status::expelled);
      CHECK(h.expelled_at[i] == 3);
    }
  }
  // 10,000 members at 0.1: 1,000 expected, sd 30
  CHECK(purged == Approx(1000).margin(90));
}
