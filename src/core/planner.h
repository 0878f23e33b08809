// Planning: from the registry graph, the current version rows and a target
// string, the ordered steps of an upgrade or downgrade and, for each step,
// how the version rows change (docs/SEMANTICS.md, "How rows change per step").
#pragma once
#include "core/firewall.h"
#include "core/graph.h"
#include "core/order.h"

#include <string>
#include <string_view>
#include <vector>

namespace lg {

enum class Direction { Up, Down };

struct Step {
  RevIndex rev;
  Direction direction;
};

struct Plan {
  std::vector<Step> steps;                // in execution order
  // The version rows step i deletes and inserts: list i of each. Flat
  // lists, not two vectors of ids per step: a 50,000-step plan would
  // otherwise allocate 100,000 small blocks.
  IndexLists rows_removed, rows_added;
  std::vector<std::string> rows_after;    // version rows once every step ran
};

// Upgrade plan for target (head, heads, base, id, prefix, label forms,
// +N, <symbol>+N, <symbol>-N). current_rows are lg.version's rows.
// Throws Error on unknown/ambiguous/malformed targets and unknown rows.
// order: the step order (order.h); the default is Alembic's walk.
Plan plan_upgrade(const Graph& g, const std::vector<std::string>& current_rows,
                  std::string_view target, StepOrder order = StepOrder::Alembic);

// Downgrade plan for target (base, id, -N, label@-N, <symbol>-N, ...).
// With StepOrder::Registration the steps are the upgrade order reversed.
Plan plan_downgrade(const Graph& g, const std::vector<std::string>& current_rows,
                    std::string_view target, StepOrder order = StepOrder::Alembic);

// Every revision implied applied by the rows (rows plus all their ancestors
// through normalized down-revisions). Throws UnknownCurrentRow.
std::vector<bool> applied_set(const Graph& g, const std::vector<std::string>& current_rows);

// All revisions newest first, in Alembic's history walk order.
std::vector<RevIndex> history_order(const Graph& g);

}  // namespace lg
