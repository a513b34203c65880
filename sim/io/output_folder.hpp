#pragma once
// An output folder that appears only when complete: files are written into a temporary sibling
// folder ("<name>.partial-<host>-<pid>") that is renamed to the final name on commit(). The
// temporary folder is removed if the run fails or stops before that, unless it holds a
// checkpoint (checkpoint.bin), which a later `--resume` continues from. While a process works in
// the temporary folder it holds a lock on it, so no second process resumes it at the same time.
// An existing final folder is refused unless overwriting.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace partysim {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The name of the checkpoint inside an unfinished folder.
inline constexpr const char* kCheckpointFileName = "checkpoint.bin";

class OutputFolder {
 public:
  // Checks that the folder can be made (refusing an existing one unless `overwrite`) and creates
  // the temporary folder. Throws OutputError with a message naming the folder.
  OutputFolder(std::filesystem::path final_path, bool overwrite);
  // Continues in `unfinished`, the temporary folder of an earlier run that stopped (see
  // find_unfinished). Throws OutputError if another process holds it or the final folder exists.
  OutputFolder(std::filesystem::path final_path, std::filesystem::path unfinished, bool overwrite);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  const std::filesystem::path& temporary() const { return temporary_; }
  const std::filesystem::path& final_path() const { return final_; }
  std::filesystem::path file(const std::string& name) const { return temporary_ / name; }

  // Moves the finished folder into place (replacing an old one when overwriting), then removes
  // its checkpoint.
  void commit();

 private:
  void lock();
  std::filesystem::path final_;
  std::filesystem::path temporary_;
  bool overwrite_;
  bool committed_ = false;
  int lock_fd_ = -1;
};

// This machine's name, as folder names and run.json record it.
std::string host_name();

// The unfinished folder to resume for `given`: `given` itself when it holds a checkpoint, else
// the one "<given>.partial-*" sibling that does. Throws OutputError saying what was found.
std::filesystem::path find_unfinished(const std::filesystem::path& given);
// The final folder of an unfinished one: its name without ".partial-<host>-<pid>".
std::filesystem::path final_of_unfinished(const std::filesystem::path& unfinished);

}  // namespace partysim
