// Version-row maintenance (docs/SEMANTICS.md, "How rows change per step"): the
// rows are always the tips of the applied set, so each step changes them
// locally: applying r replaces those of its down-revisions that stop being
// tips by r; reverting r removes r and restores those of its down-revisions
// that nothing else applied still implies.
#pragma once
#include "core/firewall.h"
#include "core/graph.h"
#include "core/planner.h"

#include <vector>

namespace lg {

class RowTracker {
 public:
  // rows: the current version rows (valid, possibly redundant or repeated);
  // applied: applied_set() of those rows.
  RowTracker(const Graph& g, const std::vector<RevIndex>& rows, std::vector<bool> applied);

  // The step applying (Up) or reverting (Down) r, with its row changes; the
  // first step also deletes rows that were already redundant (ancestors of
  // other rows). Precondition: Up: r unapplied, its down-revisions applied;
  // Down: r applied and a tip.
  // The step goes to plan: its row changes as the plan's next lists.
  void apply(RevIndex r, Direction dir, Plan& plan);

  // The rows now, in registration order: the tips of the applied set (rows
  // that were redundant from the start are left out even before a step).
  std::vector<std::string> rows() const;

 private:
  const Graph& g_;
  std::vector<bool> applied_;
  std::vector<char> is_row_;
  std::vector<int> above_;             // applied revisions having i as a down-revision
  std::vector<RevIndex> redundant_;    // rows to drop at the first step
  std::vector<RevIndex> removed_, added_;  // a step's changes before netting
  std::vector<char> mark_;             // netting scratch, all zero between steps
};

}  // namespace lg
