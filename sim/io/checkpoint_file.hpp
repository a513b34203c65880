#pragma once
// The checkpoint file: a binary file written atomically (temporary name, fsync, rename) and read
// only after the whole of it has been verified, so a checkpoint from another build, a truncated or
// a damaged one is refused before anything is loaded from it.
//
// Layout: magic "PARTYSIM-CHECKPOINT\n", the format version (u32), the build that wrote it
// (string), the contents (whatever the writer wrote, in order), then a trailer: the length of all
// that (u64) and its checksum (u64). Numbers are little-endian as the machine stores them;
// a checkpoint is meant to be resumed on the machine (or cluster) that wrote it.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace partysim {

// Raised when a checkpoint cannot be used; the message says why and what to do.
class CheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bump when the contents change: older checkpoints are then refused with a clear message.
inline constexpr std::uint32_t kCheckpointFormat = 4;

// The build a checkpoint must be resumed with: the model may change between builds, and a resumed
// run must give exactly the outputs of an uninterrupted one.
std::string checkpoint_build();

// Flushes a file's data, or a folder's entries, to disk; false if that failed.
bool sync_to_disk(const std::filesystem::path& path);

// Removes what a writer killed while writing left beside `path` (its temporary files).
void remove_unfinished_checkpoints(const std::filesystem::path& path);

// A checksum of a byte stream (64-bit, word at a time): it detects truncation and damage, not
// tampering.
class StreamChecksum {
 public:
  void update(const char* data, std::size_t size);
  std::uint64_t value() const;

 private:
  std::uint64_t hash_ = 0x9e3779b97f4a7c15ULL;
  std::uint64_t pending_ = 0;  // bytes of an incomplete word
  int pending_bytes_ = 0;
  std::uint64_t length_ = 0;
};

class CheckpointWriter {
 public:
  // Writes to a temporary file beside `path`; commit() puts it in place.
  explicit CheckpointWriter(std::filesystem::path path);
  ~CheckpointWriter();
  CheckpointWriter(const CheckpointWriter&) = delete;
  CheckpointWriter& operator=(const CheckpointWriter&) = delete;

  void bytes(const void* data, std::size_t size);
  template <class T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes(&v, sizeof v);
  }
  template <class T>
  void vector(const std::vector<T>& v) {
    value<std::uint64_t>(v.size());
    bytes(v.data(), v.size() * sizeof(T));
  }
  void string(const std::string& s);

  // Writes the trailer, syncs the file to disk and renames it over `path` (then syncs the folder).
  // Throws OutputError (disk full, folder gone) and leaves any earlier checkpoint in place.
  void commit();

 private:
  std::filesystem::path path_;
  std::filesystem::path temporary_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_{nullptr, &std::fclose};
  StreamChecksum checksum_;
  std::uint64_t length_ = 0;
  bool committed_ = false;
};

class CheckpointReader {
 public:
  // Opens and verifies `path`: magic, format, build, length and checksum. Throws CheckpointError.
  explicit CheckpointReader(std::filesystem::path path);
  CheckpointReader(const CheckpointReader&) = delete;
  CheckpointReader& operator=(const CheckpointReader&) = delete;

  void bytes(void* data, std::size_t size);
  template <class T>
  T value() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v;
    bytes(&v, sizeof v);
    return v;
  }
  template <class T>
  void vector(std::vector<T>& v) {
    const auto n = value<std::uint64_t>();
    if (n > remaining() / sizeof(T)) fail("an array is longer than the file");
    v.resize(n);
    bytes(v.data(), n * sizeof(T));
  }
  std::string string();
  // Throws unless every byte of the contents was read.
  void expect_end();
  [[noreturn]] void fail(const std::string& what) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::uint64_t remaining() const { return contents_end_ - position_; }
  std::filesystem::path path_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_{nullptr, &std::fclose};
  std::uint64_t position_ = 0;
  std::uint64_t contents_end_ = 0;
};

}  // namespace partysim
