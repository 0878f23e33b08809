// Step order: Alembic's RevisionMap._topological_sort, the depth-first walk
// from a set of heads down through normalized down-revisions.
#pragma once
#include "core/graph.h"

#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

// The members of todo (todo[i] != 0) in Alembic's walk order from heads:
// every revision before its down-revisions (downgrade order; reverse it for
// an upgrade). heads are sorted by registration order first; those outside
// todo are ignored. Every member of todo must be reachable from a head in
// todo through members of todo.
std::vector<RevIndex> walk_order(const Graph& g, std::vector<char> todo,
                                 std::vector<RevIndex> heads);

// The same walk where "is an ancestor of another current head" (Alembic
// asks it of the whole graph) may go through revisions outside todo:
// region (a superset of todo) holds every revision such a path can use.
// Needed when todo is not closed under the walk, as in history ranges;
// revisions of todo that no head reaches through todo are left out.
std::vector<RevIndex> walk_order(const Graph& g, std::vector<char> todo,
                                 std::vector<RevIndex> heads, const std::vector<char>& region);

}  // namespace lg
