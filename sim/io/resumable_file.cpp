#include "io/resumable_file.hpp"

#include <cerrno>
#include <cstring>

#include "io/output_folder.hpp"

namespace partysim {

namespace fs = std::filesystem;

ResumableFile::ResumableFile(fs::path path) : path_(std::move(path)) {
  out_.open(path_, std::ios::binary | std::ios::trunc);
  if (!out_) throw OutputError("cannot write '" + path_.string() + "'");
}

ResumableFile::ResumableFile(fs::path path, CheckpointReader& in) : path_(std::move(path)) {
  const auto length = in.value<std::uint64_t>();
  std::error_code ec;
  const auto size = fs::file_size(path_, ec);
  if (ec || size < length)
    in.fail("the output file '" + path_.string() + "' is " +
            (ec ? std::string("missing; the checkpoint records it with ")
                : "shorter (" + std::to_string(size) + " bytes) than the checkpoint records (") +
            std::to_string(length) + " bytes" + (ec ? "" : ")"));
  fs::resize_file(path_, length, ec);  // rows written after the checkpoint are written again
  if (ec) throw OutputError("cannot cut '" + path_.string() + "' back to its checkpoint: " + ec.message());
  out_.open(path_, std::ios::binary | std::ios::app);
  if (!out_) throw OutputError("cannot write '" + path_.string() + "'");
}

void ResumableFile::check() {
  if (!out_) fail();
}

void ResumableFile::fail() const {
  const int error = errno;  // set by the write that failed (e.g. ENOSPC: the disk is full)
  throw OutputError("writing '" + path_.string() + "' failed" +
                    (error != 0 ? ": " + std::string(std::strerror(error)) : std::string()));
}

void ResumableFile::save(CheckpointWriter& out) {
  errno = 0;
  out_.flush();
  std::error_code ec;
  const auto size = fs::file_size(path_, ec);
  // The rows must be on disk before the checkpoint that counts them.
  if (!out_ || ec || !sync_to_disk(path_)) fail();
  out.value<std::uint64_t>(size);
}

void ResumableFile::close() {
  errno = 0;
  out_.close();
  if (!out_) fail();
}

}  // namespace partysim
