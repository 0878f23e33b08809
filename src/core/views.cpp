// Branch points and dependency-only applied revisions.
#include "core/views.h"

#include <cstddef>

#include "core/current.h"
#include "core/traverse.h"

namespace lg {

std::vector<RevIndex> branch_points(const Graph& g) {
  std::vector<RevIndex> out;
  for (RevIndex i = 0; i < static_cast<RevIndex>(g.size()); ++i)
    if (g.children(i).size() >= 2) out.push_back(i);
  return out;
}

std::vector<RevIndex> applied_through_dependencies(const Graph& g,
                                                   const std::vector<std::string>& current_rows) {
  const std::vector<RevIndex> rows = row_indexes(g, current_rows);
  const std::vector<bool> applied = applied_from(g, rows);
  const std::vector<char> by_parents = ancestors(g, rows, Via::Parents);
  std::vector<RevIndex> out;
  for (std::size_t i = 0; i < g.size(); ++i)
    if (applied[i] && !by_parents[i]) out.push_back(static_cast<RevIndex>(i));
  return out;
}

}  // namespace lg
