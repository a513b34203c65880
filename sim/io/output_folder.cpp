#include "io/output_folder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <system_error>
#include <vector>

namespace partysim {

namespace fs = std::filesystem;

namespace {
constexpr const char* kPartialMark = ".partial-";

// "out/m1/" and "out/./m1" name the folder out/m1.
fs::path normalised(const fs::path& path) {
  fs::path p = path.lexically_normal();
  if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();
  return p;
}

bool holds_checkpoint(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / kCheckpointFileName, ec);
}

// Checks an output folder before any work: throws OutputError if it exists (without overwrite)
// or if its parent cannot be created or written.
void check_output_folder(const fs::path& final_path, bool overwrite) {
  if (fs::exists(final_path) && !overwrite)
    throw OutputError("output folder '" + final_path.string() +
                      "' already exists; choose another --out or add --overwrite");
  fs::path parent = final_path.parent_path();
  if (parent.empty()) parent = ".";
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec)
    throw OutputError("output folder '" + final_path.string() + "' cannot be made: its parent '" +
                      parent.string() + "' cannot be created (" + ec.message() + ")");
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw OutputError("output folder '" + final_path.string() + "' cannot be written: its parent '" +
                      parent.string() + "' is not writable");
}
}  // namespace

std::string host_name() {
  char buffer[256] = {};
  ::gethostname(buffer, sizeof buffer - 1);
  return buffer;
}

OutputFolder::OutputFolder(fs::path final_path, bool overwrite)
    : final_(normalised(final_path)), overwrite_(overwrite) {
  check_output_folder(final_, overwrite_);
  // Unique among processes on every host sharing the folder (a cluster's file system). A folder
  // of that name left by an earlier process with the same pid (containers reuse pids) may hold
  // a checkpoint: it is left alone and a suffix added.
  const std::string base = final_.string() + kPartialMark + host_name() + "-" + std::to_string(::getpid());
  std::error_code ec;
  for (int attempt = 1;; ++attempt) {
    temporary_ = attempt == 1 ? base : base + "-" + std::to_string(attempt);
    if (fs::create_directory(temporary_, ec)) break;
    if (ec || attempt == 100)
      throw OutputError("cannot create the temporary output folder '" + temporary_.string() +
                        "': " + (ec ? ec.message() : std::string("it already exists")));
  }
  try {
    lock();
  } catch (const OutputError&) {
    fs::remove_all(temporary_, ec);
    throw;
  }
}

OutputFolder::OutputFolder(fs::path final_path, fs::path unfinished, bool overwrite)
    : final_(normalised(final_path)), temporary_(normalised(unfinished)), overwrite_(overwrite) {
  check_output_folder(final_, overwrite_);
  lock();
}

void OutputFolder::lock() {
  lock_fd_ = ::open(temporary_.c_str(), O_RDONLY | O_DIRECTORY);
  if (lock_fd_ < 0) throw OutputError("cannot open the output folder '" + temporary_.string() + "'");
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw OutputError("'" + temporary_.string() + "' is in use by another running partysim");
  }
}

OutputFolder::~OutputFolder() {
  // A folder with a checkpoint is kept for --resume; otherwise what is unfinished goes.
  std::error_code ec;
  if (!committed_ && !holds_checkpoint(temporary_)) fs::remove_all(temporary_, ec);
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

void OutputFolder::commit() {
  std::error_code ec;
  fs::path old = final_;
  old += ".replaced-" + host_name() + "-" + std::to_string(::getpid());
  if (!fs::is_directory(temporary_, ec))
    throw OutputError("the temporary output folder '" + temporary_.string() +
                      "' was removed while the run was going; nothing was written to '" +
                      final_.string() + "'");
  const bool replacing = fs::exists(final_);
  if (replacing) {
    if (!overwrite_)
      throw OutputError("output folder '" + final_.string() + "' appeared while the run was going");
    // Moved aside, not deleted, until the new folder is in place: a kill in between loses neither.
    fs::rename(final_, old, ec);
    if (ec) throw OutputError("cannot replace '" + final_.string() + "': " + ec.message());
  }
  fs::rename(temporary_, final_, ec);
  if (ec)
    throw OutputError("cannot move the finished output to '" + final_.string() + "': " + ec.message());
  committed_ = true;
  // The checkpoint is kept until the finished folder is in place, so a failure above can resume.
  fs::remove(final_ / kCheckpointFileName, ec);
  if (replacing) fs::remove_all(old, ec);
}

fs::path final_of_unfinished(const fs::path& unfinished) {
  const fs::path p = normalised(unfinished);
  const std::string name = p.filename().string();
  const auto mark = name.rfind(kPartialMark);
  if (mark == std::string::npos || mark == 0)
    throw OutputError("'" + p.string() + "' is not an unfinished run's folder (its name would end in " +
                      kPartialMark + "HOST-PID)");
  return p.parent_path() / name.substr(0, mark);
}

fs::path find_unfinished(const fs::path& given) {
  const fs::path p = normalised(given);
  std::error_code ec;
  // A finished folder whose checkpoint was not yet removed (killed just after it was moved into
  // place): it is complete, and the checkpoint is removed now.
  if (holds_checkpoint(p) && fs::exists(p / "run.json", ec) &&
      p.filename().string().find(kPartialMark) == std::string::npos)
    fs::remove(p / kCheckpointFileName, ec);
  if (holds_checkpoint(p)) return p;
  std::vector<fs::path> found;
  fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  const std::string prefix = p.filename().string() + kPartialMark;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && holds_checkpoint(entry.path()))
      found.push_back(p.parent_path() / name);
  }
  if (found.size() == 1) return found.front();
  if (found.empty())
    throw OutputError("nothing to resume for '" + p.string() + "': neither it nor a '" + prefix +
                      "*' folder beside it holds a " + kCheckpointFileName +
                      (fs::is_directory(p, ec) && !holds_checkpoint(p) && fs::exists(p / "run.json", ec)
                           ? " ('" + p.string() + "' is a finished run)"
                           : ""));
  std::string list;
  for (const auto& f : found) list += "\n    " + f.string();
  throw OutputError("several unfinished runs for '" + p.string() + "'; resume one of them by name:" + list);
}

}  // namespace partysim
