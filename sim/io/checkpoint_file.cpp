#include "io/checkpoint_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "io/build_info.hpp"
#include "io/output_folder.hpp"

namespace partysim {

namespace fs = std::filesystem;

namespace {
constexpr char kMagic[] = "PARTYSIM-CHECKPOINT\n";
constexpr std::size_t kMagicSize = sizeof kMagic - 1;
constexpr std::size_t kTrailerSize = 2 * sizeof(std::uint64_t);
constexpr const char* kWritingMark = ".writing-";
constexpr std::uint64_t kMultiplier = 0x100000001b3ULL * 0x9e3779b1ULL | 1;

std::uint64_t mix(std::uint64_t hash, std::uint64_t word) {
  hash ^= word;
  hash *= kMultiplier;
  return hash ^ (hash >> 29);
}

std::string error_text() { return std::strerror(errno); }
}  // namespace

std::string checkpoint_build() {
  return std::string("partysim ") + build_info::version + " (" + build_info::git_revision + ", " +
         build_info::build_type + ")";
}

bool sync_to_disk(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

void remove_unfinished_checkpoints(const fs::path& path) {
  const std::string prefix = path.filename().string() + kWritingMark;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path.parent_path(), ec))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) fs::remove(entry.path(), ec);
}

void StreamChecksum::update(const char* data, std::size_t size) {
  length_ += size;
  std::size_t k = 0;
  while (pending_bytes_ != 0 && k < size) {  // complete a word begun in an earlier call
    pending_ |= static_cast<std::uint64_t>(static_cast<unsigned char>(data[k++])) << (8 * pending_bytes_);
    if (++pending_bytes_ == 8) {
      hash_ = mix(hash_, pending_);
      pending_ = 0;
      pending_bytes_ = 0;
    }
  }
  for (; k + 8 <= size; k += 8) {
    std::uint64_t word;
    std::memcpy(&word, data + k, 8);
    hash_ = mix(hash_, word);
  }
  for (; k < size; ++k)
    pending_ |= static_cast<std::uint64_t>(static_cast<unsigned char>(data[k])) << (8 * pending_bytes_++);
}

std::uint64_t StreamChecksum::value() const {
  return mix(mix(hash_, pending_), length_);
}

// --- writing -----------------------------------------------------------------------------------

CheckpointWriter::CheckpointWriter(fs::path path) : path_(std::move(path)) {
  temporary_ = path_;
  temporary_ += kWritingMark + std::to_string(::getpid());
  file_.reset(std::fopen(temporary_.c_str(), "wb"));
  if (!file_)
    throw OutputError("cannot write the checkpoint '" + temporary_.string() + "': " + error_text());
  bytes(kMagic, kMagicSize);
  value(kCheckpointFormat);
  string(checkpoint_build());
}

CheckpointWriter::~CheckpointWriter() {
  file_.reset();
  if (!committed_) {
    std::error_code ec;
    fs::remove(temporary_, ec);
  }
}

void CheckpointWriter::bytes(const void* data, std::size_t size) {
  if (size == 0) return;
  checksum_.update(static_cast<const char*>(data), size);
  length_ += size;
  if (std::fwrite(data, 1, size, file_.get()) != size)
    throw OutputError("cannot write the checkpoint '" + temporary_.string() + "': " + error_text());
}

void CheckpointWriter::string(const std::string& s) {
  value<std::uint64_t>(s.size());
  bytes(s.data(), s.size());
}

void CheckpointWriter::commit() {
  const std::uint64_t trailer[2] = {length_, checksum_.value()};
  const bool written = std::fwrite(trailer, 1, sizeof trailer, file_.get()) == sizeof trailer &&
                       std::fflush(file_.get()) == 0 && ::fsync(::fileno(file_.get())) == 0;
  const std::string why = written ? "" : error_text();
  const bool closed = std::fclose(file_.release()) == 0;
  if (!written || !closed)
    throw OutputError("cannot write the checkpoint '" + temporary_.string() + "': " +
                      (written ? error_text() : why));
  if (::rename(temporary_.c_str(), path_.c_str()) != 0)
    throw OutputError("cannot put the checkpoint in place at '" + path_.string() + "': " + error_text());
  committed_ = true;
  if (!sync_to_disk(path_.parent_path().empty() ? fs::path(".") : path_.parent_path()))
    throw OutputError("cannot sync the folder of the checkpoint '" + path_.string() + "': " + error_text());
}

// --- reading -----------------------------------------------------------------------------------

CheckpointReader::CheckpointReader(fs::path path) : path_(std::move(path)) {
  file_.reset(std::fopen(path_.c_str(), "rb"));
  if (!file_) throw CheckpointError("cannot read the checkpoint '" + path_.string() + "': " + error_text());
  std::error_code ec;
  const std::uint64_t size = fs::file_size(path_, ec);
  if (ec) fail("cannot tell its size");

  char magic[kMagicSize] = {};
  if (size < kMagicSize || std::fread(magic, 1, kMagicSize, file_.get()) != kMagicSize ||
      std::memcmp(magic, kMagic, kMagicSize) != 0)
    throw CheckpointError("'" + path_.string() + "' is not a partysim checkpoint");
  position_ = kMagicSize;
  if (size < kMagicSize + sizeof(std::uint32_t) + sizeof(std::uint64_t) + kTrailerSize)
    fail("it is truncated (" + std::to_string(size) + " bytes)");
  contents_end_ = size - kTrailerSize;  // the header is read before the trailer is checked
  const auto format = value<std::uint32_t>();
  if (format != kCheckpointFormat)
    throw CheckpointError("the checkpoint '" + path_.string() + "' has format " + std::to_string(format) +
                          "; this partysim reads format " + std::to_string(kCheckpointFormat) +
                          ". Resume it with the partysim that wrote it, or start the run again");
  const std::string build = string();
  if (build != checkpoint_build())
    throw CheckpointError("the checkpoint '" + path_.string() + "' was written by " + build +
                          "; this is " + checkpoint_build() +
                          ". A run resumes only with the build that started it (so that its outputs "
                          "are those of an uninterrupted run); use that build, or start the run again");

  // The trailer: the length of everything before it and its checksum, checked over the whole file.
  std::uint64_t trailer[2];
  if (std::fseek(file_.get(), static_cast<long>(size - kTrailerSize), SEEK_SET) != 0 ||
      std::fread(trailer, 1, sizeof trailer, file_.get()) != sizeof trailer)
    fail("cannot read its end");
  if (trailer[0] != size - kTrailerSize)
    fail("it is truncated or damaged (" + std::to_string(size) + " bytes; its end records " +
         std::to_string(trailer[0]) + " bytes of contents)");
  StreamChecksum checksum;
  std::vector<char> chunk(1 << 20);
  std::rewind(file_.get());
  for (std::uint64_t done = 0; done < trailer[0];) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), trailer[0] - done));
    if (std::fread(chunk.data(), 1, n, file_.get()) != n) fail("cannot read it: " + error_text());
    checksum.update(chunk.data(), n);
    done += n;
  }
  if (checksum.value() != trailer[1]) fail("it is damaged (its checksum does not match)");
  if (std::fseek(file_.get(), static_cast<long>(position_), SEEK_SET) != 0) fail("cannot read it");
}

void CheckpointReader::fail(const std::string& what) const {
  throw CheckpointError("the checkpoint '" + path_.string() + "' cannot be used: " + what +
                        ". Start the run again, or resume from an intact checkpoint");
}

void CheckpointReader::bytes(void* data, std::size_t size) {
  if (size > remaining()) fail("it ends too early");
  if (size != 0 && std::fread(data, 1, size, file_.get()) != size) fail("cannot read it: " + error_text());
  position_ += size;
}

std::string CheckpointReader::string() {
  const auto n = value<std::uint64_t>();
  if (n > remaining()) fail("a text is longer than the file");
  std::string s(n, '\0');
  bytes(s.data(), n);
  return s;
}

void CheckpointReader::expect_end() {
  if (remaining() != 0) fail(std::to_string(remaining()) + " bytes were left unread");
}

}  // namespace partysim
