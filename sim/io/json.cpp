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
  members_ += "\x01" + json_quote(key) + ": ";
  // The lines of a nested value go one level deeper than this object's members.
  for (const char ch : raw) members_ += ch == '\n' ? std::string("\n\x01") : std::string(1, ch);
}

void JsonObject::add(const std::string& key, const std::string& value) { add_raw(key, json_quote(value)); }
void JsonObject::add_number(const std::string& key, double value) { add_raw(key, format_number(value)); }
void JsonObject::add_object(const std::string& key, const JsonObject& value) {
  add_raw(key, "{\n" + value.members_ + "\n}");
}
void JsonObject::add_array(const std::string& key, const std::vector<JsonObject>& items) {
  std::string raw = "[";
  for (std::size_t k = 0; k < items.size(); ++k) raw += (k ? ",\n\x01" : "\n\x01") + items[k].line();
  add_raw(key, raw + "\n]");
}
void JsonObject::add_array(const std::string& key, const std::vector<std::string>& items) {
  std::string raw = "[";
  for (std::size_t k = 0; k < items.size(); ++k) raw += (k ? ", " : "") + json_quote(items[k]);
  add_raw(key, raw + "]");
}

std::string JsonObject::text(int indent) const {
  std::string body;
  int depth = 0;  // \x01 marks seen at the start of the current line
  bool line_start = true;
  for (const char ch : members_) {
    if (ch == '\x01' && line_start) {
      ++depth;
      continue;
    }
    if (line_start) body += std::string(2 * (indent + depth), ' ');
    line_start = ch == '\n';
    if (line_start) depth = 0;
    body += ch;
  }
  return "{\n" + body + "\n" + std::string(2 * indent, ' ') + "}";
}

std::string JsonObject::line() const {
  std::string out;
  for (const char ch : members_)
    if (ch == '\n')
      out += ' ';
    else if (ch != '\x01')
      out += ch;
  return "{" + out + "}";
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
