// Facts behind the read-only views (docs/SEMANTICS.md, "Read-only views"):
// branch points for lg_branches() and the revisions lg_current() adds to
// the version rows.
#pragma once
#include "core/firewall.h"
#include "core/graph.h"

#include <string>
#include <vector>

namespace lg {

// Revisions with two or more children (through parents), registration order.
std::vector<RevIndex> branch_points(const Graph& g);

// Revisions applied (per applied_set) only through depends_on: not a row
// and not an ancestor, through parents, of any row. Registration order.
// Throws UnknownCurrentRow.
std::vector<RevIndex> applied_through_dependencies(const Graph& g,
                                                   const std::vector<std::string>& current_rows);

}  // namespace lg
