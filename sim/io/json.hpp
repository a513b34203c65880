#pragma once
// A minimal JSON object writer for run.json and outputs.json (strings, numbers, nested objects,
// arrays; keys in order).
#include <filesystem>
#include <string>
#include <vector>

namespace partysim {

class JsonObject {
 public:
  void add(const std::string& key, const std::string& value);
  void add_number(const std::string& key, double value);
  void add_object(const std::string& key, const JsonObject& value);
  // An array of objects, each written on one line (objects of strings and numbers).
  void add_array(const std::string& key, const std::vector<JsonObject>& items);
  // An array of strings, on one line.
  void add_array(const std::string& key, const std::vector<std::string>& items);
  // A value already written as JSON (a number list, a nested array), on one line.
  void add_json(const std::string& key, const std::string& json) { add_raw(key, json); }
  std::string text(int indent = 0) const;
  // The object on one line: {"key": value, ...}.
  std::string line() const;

 private:
  // Comma-separated "key": value entries, one per line; each line starts with one \x01 per level
  // of indentation below this object's braces.
  std::string members_;
  void add_raw(const std::string& key, const std::string& raw);
};

std::string json_quote(const std::string& text);

// Writes `json` to `path` (a run.json); throws OutputError if it cannot.
void write_json_file(const std::filesystem::path& path, const JsonObject& json);

}  // namespace partysim
