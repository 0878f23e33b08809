// Target parsing: a syntax check only; symbols are resolved in resolve.cpp.
#include "core/target.h"

#include <climits>

#include "core/error.h"
#include "core/revision.h"
#include "core/text.h"

namespace lg {

namespace {

[[noreturn]] void invalid(std::string_view text, const std::string& detail) {
  throw Error(ErrorKind::InvalidTarget, "invalid target " + quote(text), detail);
}

bool all_name_chars(std::string_view s) {
  for (char c : s)
    if (!is_id_char(c)) return false;
  return true;
}

}  // namespace

Target parse_target(std::string_view text) {
  if (text.empty()) invalid(text, "A target cannot be empty.");
  for (char c : text)
    if (!is_id_char(c) && c != '@' && c != '+' && c != '-')
      invalid(text,
              "A target may contain only letters, digits and \"_\", \".\", \"@\", \"+\", \"-\".");

  Target t;
  t.text = std::string(text);
  std::string_view rest = text;
  std::size_t at = text.find('@');
  if (at != std::string_view::npos) {
    t.branch = std::string(text.substr(0, at));
    rest = text.substr(at + 1);
    if (t.branch.empty()) invalid(text, "A branch name is missing before \"@\".");
    if (!all_name_chars(t.branch))
      invalid(text, "A branch name may contain only letters, digits, \"_\" and \".\".");
    if (rest.find('@') != std::string_view::npos)
      invalid(text, "A target contains at most one \"@\".");
  }

  std::size_t sign = rest.find_first_of("+-");
  if (sign == std::string_view::npos) {
    if (rest.empty()) invalid(text, "A revision is missing after \"@\".");
    t.symbol = std::string(rest);
    return t;
  }

  t.symbol = std::string(rest.substr(0, sign));
  std::string_view digits = rest.substr(sign + 1);
  if (digits.empty())
    invalid(text, "A number of steps must follow \"" + std::string(1, rest[sign]) + "\".");
  long long n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') invalid(text, "The number of steps must be a whole number.");
    n = n * 10 + (c - '0');
    if (n > INT_MAX) invalid(text, "The number of steps is too large.");
  }
  if (n == 0 && t.symbol.empty()) invalid(text, "A relative target needs at least one step.");
  t.relative = true;
  t.steps = static_cast<int>(rest[sign] == '-' ? -n : n);
  return t;
}

}  // namespace lg
