#pragma once
// An output folder that appears only when complete: files are written into a temporary sibling
// folder ("<name>.partial-<pid>") that is renamed to the final name on commit(), and removed if
// the run fails or is interrupted before that. An existing folder is refused unless overwriting.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace partysim {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class OutputFolder {
 public:
  // Checks that the folder can be made (refusing an existing one unless `overwrite`) and creates
  // the temporary folder. Throws OutputError with a message naming the folder.
  OutputFolder(std::filesystem::path final_path, bool overwrite);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  const std::filesystem::path& temporary() const { return temporary_; }
  std::filesystem::path file(const std::string& name) const { return temporary_ / name; }

  // Moves the finished folder into place (replacing an old one when overwriting).
  void commit();

 private:
  std::filesystem::path final_;
  std::filesystem::path temporary_;
  bool overwrite_;
  bool committed_ = false;
};

}  // namespace partysim
