// A registered revision as the core sees it: identity and edges, no SQL.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

struct Revision {
  std::string id;
  std::vector<std::string> parents;     // ordered; empty = base, 2+ = merge
  std::vector<std::string> depends_on;  // ids or branch labels
  std::vector<std::string> branch_labels;
};

// The one id-character rule: [A-Za-z0-9_.], for ids, branch labels and the
// names in targets.
bool is_id_char(char c);

// Throws Error(InvalidId) unless id is 1..128 characters of [A-Za-z0-9_.]
// and not one of the reserved words head, heads, base.
void validate_revision_id(std::string_view id);

}  // namespace lg
