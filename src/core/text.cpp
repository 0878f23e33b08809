// Quoting helpers for error messages.
#include "core/text.h"

namespace lg {

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
  out += s;
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
