// Merge validation (docs/SEMANTICS.md, "Merge"): the parents
// a new merge revision may have.
#pragma once
#include "core/firewall.h"
#include "core/graph.h"

#include <string>
#include <vector>

namespace lg {

// Throws unless parents are two or more exact revision ids, each a head
// (no children; effective heads count, as Alembic's is_head), none
// repeated: InvalidTarget (fewer than two, repeated, not a head) or
// UnknownRevision, naming the revision. Order is the caller's and is kept.
void check_merge_parents(const Graph& g, const std::vector<std::string>& parents);

}  // namespace lg
