// The observation pass's shortcut (measure_table.hpp): a household with none of the gate's events
// is skipped by every gated sum. It is safe only if each sum's declared events are right and the
// gate holds them all; both are checked here, on the sums the declared measures actually make.
#include <catch2/catch.hpp>
#include <random>

#include "model/measure_table.hpp"
#include "model/work_option.hpp"

using namespace partysim;
using namespace partysim::measures;

namespace {
template <class... S, class F>
void for_each_sum(List<S...>, F&& f) {
  (f.template operator()<S>(), ...);
}
}  // namespace

TEST_CASE("every event a gated sum depends on opens the gate, and only sums of frequent events or none go ungated",
          "[observation]") {
  int gated = 0;
  for_each_sum(Sums{}, [&]<class S>() {
    if constexpr (kGated<S>) {
      ++gated;
      CHECK((S::events & ~kGate) == 0);
    } else {
      CHECK((S::events == 0 || (S::events & kCommonEvents) != 0));
    }
  });
  // The measures count admissions, purges, catches, bribes, ...: some sums must be gated.
  CHECK(gated >= 10);
  CHECK((kGate & kCommonEvents) == 0);
}

TEST_CASE("a household with none of a sum's declared events adds nothing to it", "[observation]") {
  // Random households, statuses, work options and events (never one of the sum's): every sum
  // that declares events must stay exactly 0.
  Households h;
  h.resize(1);
  MonthContext c;
  c.month = 10;
  c.entry_multiplier = {1, 1.5, 2};
  std::mt19937 random(13);
  std::uniform_real_distribution<double> amount(1, 100);
  const std::uint8_t codes[] = {WorkOption{Job::attend, PartyDuty::attend, false}.code(),
                                WorkOption{Job::pay_83, PartyDuty::skip_deal, true}.code(),
                                WorkOption{Job::absent, PartyDuty::none, false}.code(),
                                kCadreWork, kNoWork};
  int checked = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    h.wealth[0] = amount(random);
    h.opinion[0] = amount(random) - 50;
    h.market_income[0] = amount(random);
    h.market_time[0] = static_cast<float>(amount(random) / 100);
    h.entry_paid_usd[0] = amount(random);
    h.bribe_large_usd[0] = amount(random);
    h.bribe_absence_usd[0] = amount(random);
    h.detained_until[0] = c.month + static_cast<int>(random() % 3) - 1;
    const auto all_events = static_cast<std::uint32_t>(random());
    const auto status = static_cast<Status>(random() % kStatusCount);
    const int songbun = static_cast<int>(random() % kSongbunCount);
    const std::uint8_t code = codes[random() % std::size(codes)];
    for_each_sum(Sums{}, [&]<class S>() {
      if constexpr (S::events != 0) {
        const Row row{h, c, 0, all_events & ~S::events, status, songbun, code, amount(random)};
        auto local = S::open(typename S::Total{});
        S::add(local, row);
        typename S::Total total{};
        S::close(total, local);
        INFO("trial " << trial << ", events " << row.events);
        CHECK((total == typename S::Total{}));
        ++checked;
      }
    });
  }
  CHECK(checked > 2000);
}
