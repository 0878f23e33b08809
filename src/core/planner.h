// Planning: from the registry graph, the current version rows and a target
// string, the ordered steps of an upgrade or downgrade and, for each step,
// how the version rows change (docs/SEMANTICS.md, "How rows change per step").
#pragma once
#include "core/graph.h"
#include "core/order.h"
#include "core/plan.h"

#include <string>
#include <string_view>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

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

}  // namespace lg
