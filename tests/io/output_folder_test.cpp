#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "io/output_folder.hpp"

using namespace partysim;
namespace fs = std::filesystem;

namespace {
fs::path scratch() {
  const fs::path dir = fs::temp_directory_path() / ("partysim-output-folder-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
void touch(const fs::path& file) { std::ofstream(file) << "x"; }
}  // namespace

TEST_CASE("a new run leaves alone an unfinished folder of the same name (a reused pid)", "[output]") {
  const fs::path dir = scratch();
  const fs::path stale = dir / ("out.partial-" + host_name() + "-" + std::to_string(::getpid()));
  fs::create_directories(stale);
  touch(stale / kCheckpointFileName);
  {
    OutputFolder folder(dir / "out", false);
    CHECK(folder.temporary() != stale);
    CHECK(fs::exists(stale / kCheckpointFileName));
    CHECK(final_of_unfinished(folder.temporary()) == dir / "out");
  }
  CHECK(fs::exists(stale / kCheckpointFileName));  // still there once the new folder is gone
  fs::remove_all(dir);
}

TEST_CASE("an unfinished folder is kept only when it holds a checkpoint", "[output]") {
  const fs::path dir = scratch();
  fs::path with, without;
  {
    OutputFolder a(dir / "a", false);
    touch(a.file(kCheckpointFileName));
    with = a.temporary();
  }
  {
    OutputFolder b(dir / "b", false);
    touch(b.file("timeseries.csv"));
    without = b.temporary();
  }
  CHECK(fs::exists(with / kCheckpointFileName));
  CHECK_FALSE(fs::exists(without));
  CHECK(find_unfinished(dir / "a") == with);
  CHECK(find_unfinished(with) == with);
  CHECK_THROWS_WITH(find_unfinished(dir / "b"), Catch::Contains("nothing to resume"));
  fs::create_directories(dir / "a.partial-other-1");
  touch(dir / "a.partial-other-1" / kCheckpointFileName);
  CHECK_THROWS_WITH(find_unfinished(dir / "a"), Catch::Contains("several unfinished runs"));
  CHECK_THROWS_WITH(final_of_unfinished(dir / "a"), Catch::Contains("not an unfinished run's folder"));
  fs::remove_all(dir);
}

TEST_CASE("a folder being worked in cannot be taken by a second OutputFolder", "[output]") {
  const fs::path dir = scratch();
  OutputFolder first(dir / "run", false);
  touch(first.file(kCheckpointFileName));
  CHECK_THROWS_WITH(OutputFolder(dir / "run", first.temporary(), false), Catch::Contains("in use"));
  fs::remove_all(dir);
}
