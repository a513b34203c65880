#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "io/simulation_checkpoint.hpp"
#include "io/run_writer.hpp"
#include "test_support.hpp"

using namespace partysim;
namespace fs = std::filesystem;

namespace {
fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("partysim-checkpoint-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}
}  // namespace

TEST_CASE("the checksum does not depend on how the stream is cut into pieces", "[checkpoint]") {
  std::string text;
  for (int k = 0; k < 1000; ++k) text += static_cast<char>(k * 37 % 251);
  StreamChecksum whole;
  whole.update(text.data(), text.size());
  for (std::size_t cut : {1, 3, 7, 8, 9, 500, 999}) {
    StreamChecksum pieces;
    for (std::size_t at = 0; at < text.size(); at += cut)
      pieces.update(text.data() + at, std::min(cut, text.size() - at));
    CHECK(pieces.value() == whole.value());
  }
  StreamChecksum shorter;  // a stream cut short has another checksum, even ending in zeros
  std::string zeros = text + std::string(5, '\0');
  shorter.update(zeros.data(), zeros.size() - 1);
  StreamChecksum longer;
  longer.update(zeros.data(), zeros.size());
  CHECK(shorter.value() != longer.value());
}

TEST_CASE("a simulation saved at month k and loaded continues exactly as the uninterrupted one",
          "[checkpoint]") {
  const Scenario plain = test::scenario_with({{"households", "3000"}, {"months", "30"}, {"seed", "8"}});
  // Spun up for 10 months (2000-01 .. 2000-10), then 20 reported: saved during the spin-up, at
  // its end and after it.
  const Scenario spun_up = test::scenario_with({{"households", "3000"}, {"start", "2000-11"}, {"months", "20"},
                                                {"spin_up_from", "2000-01"}, {"seed", "8"}});
  for (const Scenario* scenario : {&plain, &spun_up}) {
    INFO("spin-up of " << scenario->spin_up_months() << " months");
    std::vector<std::string> reference;  // every month's row, the spin-up's included
    for (Simulation whole(*scenario); !whole.done();) reference.push_back(timeseries_row(whole.step()));
    REQUIRE(reference.size() == 30);
    for (const int k : {0, 1, 5, 10, 13, 29}) {
      Simulation simulation(*scenario);
      for (int m = 0; m < k; ++m) simulation.step();
      const fs::path file = scratch("sim-" + std::to_string(k) + ".bin");
      {
        CheckpointWriter out(file);
        save_simulation(out, simulation);
        out.commit();
      }
      CheckpointReader in(file);
      std::unique_ptr<Simulation> loaded = load_simulation(in);
      in.expect_end();
      REQUIRE(loaded->month() == k);
      CHECK(loaded->spinning_up() == (k < scenario->spin_up_months()));
      CHECK(scenario_fingerprint(loaded->state().scenario) == scenario_fingerprint(*scenario));
      for (int m = k; m < 30; ++m) CHECK(timeseries_row(loaded->step()) == reference[static_cast<std::size_t>(m)]);
      CHECK(loaded->done());
    }
  }
  fs::remove_all(scratch("").parent_path());
}

TEST_CASE("a checkpoint is refused before anything is read when it is cut or damaged", "[checkpoint]") {
  const fs::path file = scratch("small.bin");
  {
    CheckpointWriter out(file);
    out.value<std::uint64_t>(42);
    out.string("hello");
    out.commit();
  }
  {
    CheckpointReader in(file);
    CHECK(in.value<std::uint64_t>() == 42);
    CHECK(in.string() == "hello");
    in.expect_end();
  }
  const auto size = fs::file_size(file);
  fs::resize_file(file, size - 1);
  CHECK_THROWS_WITH(CheckpointReader(file), Catch::Contains("truncated or damaged"));
  fs::resize_file(file, 10);
  CHECK_THROWS_WITH(CheckpointReader(file), Catch::Contains("not a partysim checkpoint"));
  CHECK_THROWS_WITH(CheckpointReader(scratch("missing.bin")), Catch::Contains("cannot read the checkpoint"));
  fs::remove_all(file.parent_path());
}
