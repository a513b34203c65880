#pragma once
// Text for a POSIX shell: a word that the shell reads back as exactly `text`, whatever it holds
// (spaces, quotes, $, `, newlines), so that a printed or recorded command can be pasted safely.
#include <string>
#include <vector>

namespace partysim {

// `text` unchanged when it holds only characters no shell treats specially, else in single
// quotes (a ' inside written as '\'').
inline std::string shell_quoted(const std::string& text) {
  bool plain = !text.empty();
  for (char ch : text) {
    const bool safe = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                      ch == '_' || ch == '-' || ch == '.' || ch == '/' || ch == ',' || ch == ':' ||
                      ch == '=' || ch == '+' || ch == '@' || ch == '%';
    if (!safe) plain = false;
  }
  if (plain) return text;
  std::string out = "'";
  for (char ch : text) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

// The words joined by spaces, each quoted as above.
inline std::string shell_command(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + shell_quoted(w);
  return out;
}

}  // namespace partysim
