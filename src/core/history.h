// Alembic's history walk over the whole graph.
#pragma once
#include "core/graph.h"

#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

// All revisions newest first, in Alembic's history walk order.
std::vector<RevIndex> history_order(const Graph& g);

}  // namespace lg
