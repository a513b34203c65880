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

TEST_CASE("overwriting replaces only a folder partysim wrote, or an empty one", "[output]") {
  const fs::path dir = scratch();
  fs::create_directories(dir / "notes");
  touch(dir / "notes" / "notes.txt");
  touch(dir / "file");
  fs::create_directories(dir / "foreign");
  std::ofstream(dir / "foreign" / "run.json") << "{\"name\": \"not ours\"}\n";
  fs::create_directory_symlink(dir / "notes", dir / "link");
  for (const char* name : {"notes", "file", "foreign", "link"}) {
    CHECK_THROWS_WITH(OutputFolder(dir / name, true), Catch::Contains("not a folder partysim wrote"));
    CHECK_THROWS_WITH(OutputFolder(dir / name, false), Catch::Contains("already exists"));
  }
  CHECK(fs::exists(dir / "notes" / "notes.txt"));
  fs::create_directories(dir / "empty");
  CHECK_NOTHROW(OutputFolder(dir / "empty", true));
  fs::create_directories(dir / "ours");
  std::ofstream(dir / "ours" / "run.json") << "{\n  \"scenario\": \"x\",\n  \"partysim_version\": \"1\"\n}\n";
  {
    OutputFolder folder(dir / "ours", true);
    touch(folder.file("timeseries.csv"));
    folder.commit();
  }
  CHECK(fs::exists(dir / "ours" / "timeseries.csv"));
  CHECK(!fs::exists(dir / "ours" / "run.json"));
  fs::remove_all(dir);
}

TEST_CASE("output folder names that cannot work are refused before any work", "[output]") {
  const fs::path dir = scratch();
  for (const fs::path& bad : {fs::path(""), fs::path("."), fs::path(".."), dir / ".", dir / "..", fs::path("/")})
    CHECK_THROWS_WITH(OutputFolder(bad, false), Catch::Contains("does not name a folder"));
  CHECK_THROWS_WITH(OutputFolder(dir / std::string(240, 'n'), false), Catch::Contains("too long"));
  CHECK(fs::is_empty(dir));  // no temporary folder left
  CHECK_NOTHROW(OutputFolder(dir / std::string(100, 'n'), false));
  fs::remove_all(dir);
}
