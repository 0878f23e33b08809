// History order: Alembic's walk_revisions("base", "heads"), i.e. the
// topological walk from the real heads over every revision, newest first.
#include "core/history.h"
#include "core/walk.h"

namespace lg {

std::vector<RevIndex> history_order(const Graph& g) {
  return walk_order(g, std::vector<char>(g.size(), 1), g.real_heads());
}

}  // namespace lg
