// Cycle detection and topological ranking over a plain edge list, using
// Boost.Graph. Used by Graph to validate the registry.
#pragma once

#include <utility>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

using Edge = std::pair<int, int>;  // from -> to

// One cycle of the directed graph (vertices 0..n-1), listed in edge order
// starting at its earliest vertex; empty when the graph is acyclic. The
// search is deterministic: vertices and out-edges in the order given.
std::vector<int> find_cycle(int n, const std::vector<Edge>& edges);

// rank[v] = position of v in a topological order (every edge goes from a
// lower to a higher rank). Precondition: the graph is acyclic.
std::vector<int> topological_rank(int n, const std::vector<Edge>& edges);

}  // namespace lg
