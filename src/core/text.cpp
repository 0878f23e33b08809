// Quoting helpers for error messages.
#include "core/text.h"

namespace lg {

namespace {

const char kHex[] = "0123456789ABCDEF";

// Code point of the UTF-8 sequence at s[i] (len bytes), or -1 if malformed.
long code_point(std::string_view s, std::size_t i, std::size_t len) {
  if (i + len > s.size()) return -1;
  unsigned char c = static_cast<unsigned char>(s[i]);
  long cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (d & 0x3F);
  }
  return cp;
}

bool invisible(long cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0x200E ||
         cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// s with line breaks and control characters written as visible escapes
// (\n, \r, \t, \xNN; \uXXXX for C1, line separator and bidirectional
// controls), so user text in a message cannot start a line or steer a
// terminal.  Other text, UTF-8 included, is kept.
void append_visible(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c < 0x20 || c == 0x7F) {
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      } else
        out += static_cast<char>(c);
      ++i;
      continue;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    long cp = len > 1 ? code_point(s, i, len) : -1;
    if (cp >= 0 && invisible(cp)) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
    } else {
      if (cp < 0) len = 1;
      out.append(s.substr(i, len));
    }
    i += len;
  }
}

}  // namespace

std::string quote(std::string_view s) {
  // A megabyte target must not come back as a megabyte message: cut long
  // text at a UTF-8 character boundary and mark the cut.
  bool cut = s.size() > kMaxQuoted;
  if (cut) {
    std::size_t end = kMaxQuoted;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    s = s.substr(0, end);
  }
  std::string out;
  out.reserve(s.size() + 5);
  out += '"';
  append_visible(out, s);
  if (cut) out += "...";
  out += '"';
  return out;
}

std::string quote_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += quote(n);
  }
  return out;
}

}  // namespace lg
