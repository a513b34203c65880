#pragma once
// A minimal JSON object writer for run.json (strings, numbers, nested objects; keys in order).
#include <filesystem>
#include <string>

namespace partysim {

class JsonObject {
 public:
  void add(const std::string& key, const std::string& value);
  void add_number(const std::string& key, double value);
  void add_object(const std::string& key, const JsonObject& value);
  std::string text(int indent = 0) const;

 private:
  std::string members_;  // comma-separated "key": value entries, one per line
  void add_raw(const std::string& key, const std::string& raw);
};

std::string json_quote(const std::string& text);

// Writes `json` to `path` (a run.json); throws OutputError if it cannot.
void write_json_file(const std::filesystem::path& path, const JsonObject& json);

}  // namespace partysim
