#pragma once
// Files that appear only once all are written: each is written under a temporary name unique to
// the process, and commit() renames them into place in the order they were opened (so the last
// one can mark the set as complete). Files not committed are removed.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "io/output_folder.hpp"

namespace partysim {

class AtomicFiles {
 public:
  std::ofstream& open(const std::filesystem::path& path) {
    finals_.push_back(path);
    streams_.emplace_back(std::make_unique<std::ofstream>(temporary(path), std::ios::binary));
    if (!*streams_.back()) throw OutputError("cannot write '" + path.string() + "'");
    return *streams_.back();
  }
  void commit() {
    for (std::size_t k = 0; k < finals_.size(); ++k) {
      streams_[k]->close();
      if (!*streams_[k]) throw OutputError("writing '" + finals_[k].string() + "' failed");
    }
    for (const auto& path : finals_) {
      std::error_code ec;
      std::filesystem::rename(temporary(path), path, ec);
      if (ec) throw OutputError("cannot write '" + path.string() + "': " + ec.message());
    }
    finals_.clear();
  }
  ~AtomicFiles() {
    std::error_code ec;
    for (const auto& path : finals_) std::filesystem::remove(temporary(path), ec);
  }

 private:
  // Unique per process, so that two processes at once do not write into each other's files.
  static std::string temporary(const std::filesystem::path& path) {
    return path.string() + ".partial-" + std::to_string(::getpid());
  }
  std::vector<std::filesystem::path> finals_;
  std::vector<std::unique_ptr<std::ofstream>> streams_;
};

}  // namespace partysim
