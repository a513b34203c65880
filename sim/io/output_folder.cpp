#include "io/output_folder.hpp"

#include <unistd.h>

#include <system_error>

namespace partysim {

namespace fs = std::filesystem;

namespace {
// "out/m1/" and "out/./m1" name the folder out/m1.
fs::path normalised(const fs::path& path) {
  fs::path p = path.lexically_normal();
  if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();
  return p;
}

std::string host_name() {
  char buffer[256] = {};
  ::gethostname(buffer, sizeof buffer - 1);
  return buffer;
}
}  // namespace

// Checks an output folder before any work: throws OutputError if it exists (without overwrite)
// or if its parent cannot be created or written.
static void check_output_folder(const fs::path& path, bool overwrite) {
  const fs::path final_path = normalised(path);
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

OutputFolder::OutputFolder(fs::path final_path, bool overwrite)
    : final_(normalised(final_path)), overwrite_(overwrite) {
  check_output_folder(final_, overwrite_);
  // Unique among processes on every host sharing the folder (a cluster's file system).
  temporary_ = final_;
  temporary_ += ".partial-" + host_name() + "-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove_all(temporary_, ec);
  if (!fs::create_directory(temporary_, ec) || ec)
    throw OutputError("cannot create the temporary output folder '" + temporary_.string() +
                      "': " + (ec ? ec.message() : std::string("it already exists")));
}

OutputFolder::~OutputFolder() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(temporary_, ec);
}

void OutputFolder::commit() {
  std::error_code ec;
  fs::path old = final_;
  old += ".replaced-" + host_name() + "-" + std::to_string(::getpid());
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
  if (replacing) fs::remove_all(old, ec);
}

}  // namespace partysim
