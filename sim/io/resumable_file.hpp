#pragma once
// An output file written as the run goes (a CSV, row by row) that a checkpoint can mark: the
// checkpoint records the file's length, and a resumed run cuts the file back to that length and
// appends from there, so the finished file is byte for byte that of an uninterrupted run.
#include <cstdint>
#include <filesystem>
#include <fstream>

#include "io/checkpoint_file.hpp"

namespace partysim {

class ResumableFile {
 public:
  // Creates the file (throws OutputError if it cannot).
  explicit ResumableFile(std::filesystem::path path);
  // Continues the file from the length a checkpoint recorded (the next value `in` holds); throws
  // CheckpointError if the file is missing or shorter.
  ResumableFile(std::filesystem::path path, CheckpointReader& in);

  std::ofstream& stream() { return out_; }
  // Throws OutputError (with the system's reason, e.g. "No space left on device") if a write
  // has failed.
  void check();
  // Flushes the file to disk and records its length in the checkpoint; throws OutputError.
  void save(CheckpointWriter& out);
  // Closes the file; throws OutputError if anything failed to be written.
  void close();

 private:
  [[noreturn]] void fail() const;
  std::filesystem::path path_;
  std::ofstream out_;
};

}  // namespace partysim
