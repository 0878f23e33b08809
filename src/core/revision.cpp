// Revision id validation: the syntax every id (and branch label) must obey
// so that it can never be confused with target syntax (@ + - :) or with the
// reserved words head, heads and base.
#include "core/revision.h"

#include "core/error.h"
#include "core/text.h"

namespace lg {

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

// Empty string when name is a well-formed id, otherwise a sentence saying why
// it is not. Shared by ids and branch labels.
std::string id_syntax_problem(std::string_view name) {
  if (name.empty()) return "A revision id cannot be empty.";
  if (name.size() > kMaxIdLength) return "A revision id is at most 128 characters long.";
  for (char c : name)
    if (!is_id_char(c)) return "A revision id may contain only letters, digits, \"_\" and \".\".";
  if (name == "head" || name == "heads" || name == "base")
    return quote(name) + " is a reserved word.";
  return {};
}

void validate_revision_id(std::string_view id) {
  std::string problem = id_syntax_problem(id);
  if (!problem.empty())
    throw Error(ErrorKind::InvalidId, "invalid revision id " + quote(id), problem);
}

}  // namespace lg
