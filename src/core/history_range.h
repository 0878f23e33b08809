// History ranges (docs/SEMANTICS.md, "Read-only views": lg_history(range)),
// Alembic's `history -r start:end`.
#pragma once
#include "core/firewall.h"
#include "core/graph.h"

#include <string>
#include <string_view>
#include <vector>

namespace lg {

// The revisions of range "start:end", newest first in history walk order
// (Alembic's walk_revisions(start or "base", end or "heads"), both ends
// included). Each end is empty, "current" (the version rows; none = "base"
// at the start, "heads" at the end), or a target symbol: "heads", "head",
// "base", ids, prefixes, labels, "label@head(s)", "label@base", "label@<id>",
// "<symbol>+N", "<symbol>-N". Bare "-N" at the start means N below the end;
// bare "+N" at the end means N above the start. "label@..." at the start
// keeps only the heads on that label's lineage. Throws InvalidTarget for a
// malformed range or a start that is not below the end; the resolution
// errors of the planners otherwise. current_rows are checked only when
// "current" is used.
std::vector<RevIndex> history_range(const Graph& g, const std::vector<std::string>& current_rows,
                                    std::string_view range);

}  // namespace lg
