// Versions as the other tools write them (version.h).
#include "core/version.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace lg {

int compare_numbers(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a[0] == '0') a.remove_prefix(1);
  while (b.size() > 1 && b[0] == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

int compare_natural(std::string_view a, std::string_view b) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && digit(a[ie])) ++ie;
      while (je < b.size() && digit(b[je])) ++je;
      int c = compare_numbers(a.substr(i, ie - i), b.substr(j, je - j));
      if (c != 0) return c;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j])
        return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
      ++i;
      ++j;
    }
  }
  if (i < a.size() || j < b.size()) return i < a.size() ? 1 : -1;
  int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

namespace {

// The parts of a dotted version, trailing zero parts dropped (1.0 = 1).
std::vector<std::string_view> version_parts(std::string_view v) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t dot = v.find('.', start);
    parts.push_back(v.substr(start, dot == std::string_view::npos ? v.npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  while (parts.size() > 1 && compare_numbers(parts.back(), "0") == 0) parts.pop_back();
  return parts;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  std::vector<std::string_view> x = version_parts(a), y = version_parts(b);
  for (std::size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    int c = compare_numbers(i < x.size() ? x[i] : "0", i < y.size() ? y[i] : "0");
    if (c != 0) return c;
  }
  return 0;
}

bool is_dotted_number(std::string_view s) {
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

std::string normalized_version(std::string_view s) {
  bool numeric = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '-';
  });
  if (!numeric) return std::string(s);
  std::string out;
  for (char c : s)
    if (c != '-' && !(out.empty() && c == '0')) out.push_back(c);
  return out.empty() ? "0" : out;
}

}  // namespace lg
