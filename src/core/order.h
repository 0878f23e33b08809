// Step order by registration (lg_configure('step_order', 'registration')):
// Kahn's topological sort of a plan set, ties broken by registration order.
#pragma once
#include "core/firewall.h"
#include "core/graph.h"

#include <vector>

namespace lg {

// How a plan orders its steps (docs/SEMANTICS.md, "Step order").
enum class StepOrder {
  Alembic,       // Alembic's depth-first walk (walk.h), the default
  Registration,  // Kahn's order, registration order as the tie-break
};

// The members of todo (todo[i] != 0) in upgrade order: every revision after
// those of its down-revisions that are members, and among the revisions
// ready at a time the first registered first (a binary heap:
// O((n + e) log n) over the members). A member's down-revisions outside
// todo are taken as done. Reverse the result for a downgrade.
std::vector<RevIndex> registration_order(const Graph& g, const std::vector<char>& todo);

}  // namespace lg
