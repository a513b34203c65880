#pragma once
// The parsers under fuzzing read files (as partysim does), so each input is written to a file in a
// private folder first. Scenario files named as `base` resolve beside it: the folder holds copies
// of the shipped scenarios when PARTYSIM_FUZZ_SCENARIOS names their folder.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace partysim::fuzz {

// Removed when the process exits normally (libFuzzer's time limit, the replay's end).
struct RemovedAtExit {
  std::filesystem::path dir;
  ~RemovedAtExit() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

inline const std::filesystem::path& folder() {
  static const RemovedAtExit owner{[] {
    const auto d = std::filesystem::temp_directory_path() / ("partysim-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    if (const char* scenarios = std::getenv("PARTYSIM_FUZZ_SCENARIOS"))
      for (const auto& entry : std::filesystem::directory_iterator(scenarios))
        if (entry.path().extension() == ".ini")
          std::filesystem::copy_file(entry.path(), d / entry.path().filename(),
                                     std::filesystem::copy_options::overwrite_existing);
    return d;
  }()};
  return owner.dir;
}

// Writes the input to <folder>/<subfolder>/input.ini and returns its path (sweep files go one
// folder down, as in scenarios/sweeps/, so that "base = ../marketization.ini" resolves).
inline std::string input_file(const std::uint8_t* data, std::size_t size, const std::string& subfolder = "") {
  const auto dir = subfolder.empty() ? folder() : folder() / subfolder;
  std::filesystem::create_directories(dir);
  const auto path = dir / "input.ini";
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                static_cast<std::streamsize>(size));
  return path.string();
}

}  // namespace partysim::fuzz
