#include "io/output_folder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <string>
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

// A folder that partysim wrote (its run.json names partysim's version) or an empty one: the only
// kinds --overwrite replaces, so that a mistyped --out never deletes a user's files.
bool replaceable(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_symlink(dir, ec) || !fs::is_directory(dir, ec)) return false;
  if (fs::is_empty(dir, ec) && !ec) return true;
  std::ifstream in(dir / "run.json", std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.rfind("{", 0) == 0 && head.find("\"partysim_version\"") != std::string::npos;
}

// The longest name the folder gets while partysim works on it: "<name>.partial-<host>-<pid>-NNN".
std::size_t longest_sibling_name(const fs::path& final_path) {
  return final_path.filename().string().size() + std::string(kPartialMark).size() + host_name().size() + 1 +
         std::to_string(::getpid()).size() + 4;
}

// "", "." and ".." (also as the last part of a path) name no new folder: refused as given, before
// normalising turns "out/.." into a parent that exists.
void check_given_name(const fs::path& given) {
  const std::string last = given.filename().string();
  if (given.empty() || last == "." || last == "..")
    throw OutputError("output folder '" + given.string() +
                      "' does not name a folder; give --out a folder name such as runs/test");
}

// Checks an output folder before any work: throws OutputError if its name is not usable, if it
// exists (without overwrite, or when it is not a folder partysim wrote) or if its parent cannot be
// created or written.
void check_output_folder(const fs::path& final_path, bool overwrite, bool resuming = false) {
  const std::string name = final_path.filename().string();
  if (final_path.empty() || name.empty() || name == "." || name == "..")
    throw OutputError("output folder '" + final_path.string() +
                      "' does not name a folder; give --out a folder name such as runs/test");
  fs::path parent = final_path.parent_path();
  if (parent.empty()) parent = ".";
  std::error_code ec;
  if (fs::exists(final_path, ec) || fs::is_symlink(final_path, ec)) {
    if (!overwrite)
      throw OutputError("output folder '" + final_path.string() + "' already exists; " +
                        (resuming ? "move it away, or add --overwrite to replace it with the resumed run"
                                  : "choose another --out or add --overwrite"));
    if (!replaceable(final_path))
      throw OutputError("output folder '" + final_path.string() +
                        "' exists and is not a folder partysim wrote (no partysim run.json in it, and "
                        "not empty); --overwrite replaces only those. Choose another --out");
  }
  fs::create_directories(parent, ec);
  if (ec)
    throw OutputError("output folder '" + final_path.string() + "' cannot be made: its parent '" +
                      parent.string() + "' cannot be created (" + ec.message() + ")");
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw OutputError("output folder '" + final_path.string() + "' cannot be written: its parent '" +
                      parent.string() + "' is not writable");
  const long name_max = ::pathconf(parent.c_str(), _PC_NAME_MAX);
  const std::size_t longest = longest_sibling_name(final_path);
  if (longest > static_cast<std::size_t>(name_max > 0 ? name_max : 255))
    throw OutputError("output folder name '" + name.substr(0, 60) + (name.size() > 60 ? "...'" : "'") +
                      " is too long: with the temporary suffix '" + kPartialMark + host_name() +
                      "-PID' it has " + std::to_string(longest) + " characters, and this file system allows " +
                      std::to_string(name_max > 0 ? name_max : 255) + "; choose a shorter --out");
  const std::string absolute = fs::absolute(final_path, ec).string();
  if (absolute.size() + longest - name.size() + 32 > PATH_MAX)
    throw OutputError("output folder path '" + final_path.string().substr(0, 60) + "...' is too long (" +
                      std::to_string(absolute.size()) + " characters; at most about " +
                      std::to_string(PATH_MAX - 32 - (longest - name.size())) + ")");
}
}  // namespace

std::string host_name() {
  char buffer[256] = {};
  ::gethostname(buffer, sizeof buffer - 1);
  return buffer;
}

OutputFolder::OutputFolder(fs::path final_path, bool overwrite)
    : final_(normalised(final_path)), overwrite_(overwrite) {
  check_given_name(final_path);
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
  check_output_folder(final_, overwrite_, /*resuming=*/true);
  lock();
}

void OutputFolder::lock() {
  lock_fd_ = ::open(temporary_.c_str(), O_RDONLY | O_DIRECTORY);
  if (lock_fd_ < 0) throw OutputError("cannot open the output folder '" + temporary_.string() + "'");
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (error != EWOULDBLOCK)  // e.g. ENOLCK: a file system without locks, not "in use"
      throw OutputError("cannot lock the output folder '" + temporary_.string() + "': " + std::strerror(error) +
                        " (partysim locks it so that no two processes work in it; use a file system with "
                        "flock locks)");
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
    if (!replaceable(final_))
      throw OutputError("output folder '" + final_.string() + "' became something partysim did not "
                        "write while the run was going; it is left alone");
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
