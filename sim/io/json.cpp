#include "io/json.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "util/number_format.hpp"
#include "io/output_folder.hpp"

namespace partysim {

std::string json_quote(const std::string& text) {
  std::string out = "\"";
  for (const char ch : text) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", ch);
          out += buffer;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

void JsonObject::add_raw(const std::string& key, const std::string& raw) {
  if (!members_.empty()) members_ += ",\n";
  members_ += "\x01" + json_quote(key) + ": " + raw;  // \x01 marks where indentation goes
}

void JsonObject::add(const std::string& key, const std::string& value) { add_raw(key, json_quote(value)); }
void JsonObject::add_number(const std::string& key, double value) { add_raw(key, format_number(value)); }
void JsonObject::add_object(const std::string& key, const JsonObject& value) {
  add_raw(key, value.text(1));
}

std::string JsonObject::text(int indent) const {
  const std::string pad(2 * (indent + 1), ' ');
  std::string body;
  for (const char ch : members_) {
    if (ch == '\x01')
      body += pad;
    else if (ch == '\n')
      body += "\n";
    else
      body += ch;
  }
  // Nested objects were rendered at their own depth; their lines already carry indentation.
  return "{\n" + body + "\n" + std::string(2 * indent, ' ') + "}";
}

void write_json_file(const std::filesystem::path& path, const JsonObject& json) {
  errno = 0;
  std::ofstream file(path, std::ios::binary);
  file << json.text() << '\n';
  file.close();
  if (!file)
    throw OutputError("cannot write '" + path.string() + "'" +
                      (errno != 0 ? ": " + std::string(std::strerror(errno)) : std::string()));
}

}  // namespace partysim
