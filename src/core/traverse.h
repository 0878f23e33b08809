// Reachability over the revision graph: ancestor and descendant sets as
// membership vectors indexed by RevIndex, and branch lineage.
#pragma once
#include "core/graph.h"

#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

// Which edges a traversal follows.
enum class Via {
  Parents,  // declared parents / children only
  Down,     // normalized down-revisions (ancestors) / children + dependents (descendants)
};

// starts and everything below them. Result[i] != 0 when i is included.
std::vector<char> ancestors(const Graph& g, const std::vector<RevIndex>& starts, Via via);

// starts and everything above them.
std::vector<char> descendants(const Graph& g, const std::vector<RevIndex>& starts, Via via);

// starts, everything below them and everything above them: the union of
// the lineages of starts (Alembic's _shares_lineage against a list).
std::vector<char> lineage(const Graph& g, const std::vector<RevIndex>& starts, Via via);

// True when b is an ancestor or descendant of a (or a itself), through
// parents only: Alembic's _shares_lineage.
bool shares_lineage(const Graph& g, RevIndex a, RevIndex b);

// The members of revs that share lineage with branch, order kept.
std::vector<RevIndex> filter_lineage(const Graph& g, const std::vector<RevIndex>& revs,
                                     RevIndex branch);

}  // namespace lg
