// Target syntax (docs/SEMANTICS.md, "Resolving a symbol"): parses the text of a
// migrate/downgrade target into its parts without looking at the graph.
//
//   target   := [branch "@"] symbol | [branch "@"] [symbol] ("+" | "-") N
//   branch   := name                 (a label, an id or an id prefix)
//   symbol   := name                 (head, heads, base, id, label, prefix)
//   name     := [A-Za-z0-9_.]+ ;  N := [0-9]+ fitting an int
#pragma once
#include "core/firewall.h"

#include <string>
#include <string_view>

namespace lg {

struct Target {
  std::string text;     // the target as given (for messages)
  std::string branch;   // before "@"; empty when there is no "@"
  std::string symbol;   // after "@" and before the sign; empty for "+N"/"-N"
  bool relative = false;
  int steps = 0;        // signed step count when relative

  // "+N" / "-N" / "label@+N": relative to the current rows.
  bool from_current() const { return relative && symbol.empty(); }
};

// Parses text; throws Error(InvalidTarget) quoting it when malformed
// (empty, stray "@", "+" without digits, N overflowing int, a bare "+0",
// any character outside [A-Za-z0-9_.@+-]).
Target parse_target(std::string_view text);

}  // namespace lg
