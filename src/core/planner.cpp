// Upgrade and downgrade planning (docs/SEMANTICS.md): resolve the target against
// the current rows, take the set difference of applied sets, order it with
// Alembic's walk and attach the version-row changes of every step.
#include "core/planner.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "core/current.h"
#include "core/error.h"
#include "core/relative.h"
#include "core/resolve.h"
#include "core/rows.h"
#include "core/target.h"
#include "core/text.h"
#include "core/traverse.h"
#include "core/order.h"
#include "core/walk.h"

namespace lg {

namespace {

[[noreturn]] void ambiguous_current(const Graph& g, const std::vector<RevIndex>& rows,
                                    const char* what) {
  std::vector<std::string> names;
  for (RevIndex r : rows) names.push_back(g.id(r));
  throw Error(ErrorKind::AmbiguousCurrent,
              std::string("ambiguous ") + what + " from multiple current revisions",
              "The current revisions are " + quote_list(names) + ".",
              "Use \"<label>@+N\" / \"<label>@-N\" or name the target revision.");
}

// Where "label@+N" starts: the row on the label's lineage, else the tip of
// the applied revisions on that lineage, else below the bases (Alembic's
// _parse_upgrade_target).
RevIndex upgrade_start(const Graph& g, const std::vector<RevIndex>& rows,
                       const std::vector<bool>& applied, RevIndex branch) {
  if (branch < 0) {
    if (rows.size() > 1) ambiguous_current(g, rows, "upgrade");
    return rows.empty() ? kBase : rows.front();
  }
  std::vector<RevIndex> starts = filter_lineage(g, rows, branch);
  if (starts.empty()) {
    // The tips of the applied revisions on the lineage.
    std::vector<RevIndex> active;
    for (std::size_t i = 0; i < g.size(); ++i)
      if (applied[i]) active.push_back(static_cast<RevIndex>(i));
    std::vector<bool> on_lineage(g.size(), false);
    for (RevIndex r : filter_lineage(g, active, branch)) on_lineage[at(r)] = true;
    starts = applied_tips(g, on_lineage);
  }
  if (starts.size() > 1) ambiguous_current(g, starts, "upgrade");
  return starts.empty() ? kBase : starts.front();
}

// The revisions an upgrade target names (empty = base).
std::vector<RevIndex> upgrade_targets(const Graph& g, const std::vector<RevIndex>& rows,
                                      const std::vector<bool>& applied, const Target& t) {
  if (!t.from_current()) return resolve_target(g, t);
  if (t.steps < 0)
    throw Error(ErrorKind::InvalidTarget, "invalid upgrade target " + quote(t.text),
                "\"" + signed_steps(t.steps) + "\" moves down from the current revision.",
                "Use a downgrade to move down.");
  const RevIndex branch = branch_of(g, t);
  const RevIndex start = upgrade_start(g, rows, applied, branch);
  const RevIndex end = relative_or_throw(g, t, start, t.steps > 0 ? branch : -1);
  if (end == kBase) return {};
  return {end};
}

// Where "-N" / "label@-N" starts (Alembic's _parse_downgrade_target); also
// sets branch to the lineage that limits the downgrade roots.
RevIndex downgrade_start(const Graph& g, const std::vector<RevIndex>& rows,
                         const std::vector<bool>& applied, const Target& t, RevIndex& branch) {
  if (branch >= 0) {
    std::vector<RevIndex> starts = filter_lineage(g, rows, branch);
    if (starts.empty()) starts = filter_lineage(g, parent_tips(g, applied), branch);
    if (starts.empty())
      throw Error(ErrorKind::InvalidDowngrade,
                  "no revision on branch " + quote(t.branch) + " is applied");
    if (starts.size() > 1) ambiguous_current(g, starts, "downgrade");
    return starts.front();
  }
  if (rows.empty()) overshoot(t);
  if (rows.size() > 1) ambiguous_current(g, rows, "downgrade");
  branch = rows.front();  // only that row's lineage is walked back
  return rows.front();
}

// Runs the ordered revisions through the row tracker.
Plan make_plan(const Graph& g, const std::vector<RevIndex>& rows, std::vector<bool> applied,
               const std::vector<RevIndex>& order, Direction dir) {
  RowTracker tracker(g, rows, std::move(applied));
  Plan plan;
  plan.steps.reserve(order.size());
  plan.rows_removed.reserve(order.size(), order.size());
  plan.rows_added.reserve(order.size(), order.size());
  for (RevIndex r : order) tracker.apply(r, dir, plan);
  plan.rows_after = tracker.rows();
  return plan;
}

}  // namespace

Plan plan_upgrade(const Graph& g, const std::vector<std::string>& current_rows,
                  std::string_view target, StepOrder step_order) {
  const std::vector<RevIndex> rows = row_indexes(g, current_rows);
  const std::vector<bool> applied = applied_from(g, rows);
  const Target t = parse_target(target);
  const std::vector<RevIndex> targets = upgrade_targets(g, rows, applied, t);

  // Plan set: the targets and their ancestors, minus what is applied.
  std::vector<char> todo = ancestors(g, targets, Via::Down);
  for (std::size_t i = 0; i < g.size(); ++i)
    if (applied[i]) todo[i] = 0;
  std::vector<RevIndex> order;
  if (step_order == StepOrder::Registration) {
    order = registration_order(g, todo);
  } else {
    order = walk_order(g, std::move(todo), targets);
    std::reverse(order.begin(), order.end());
  }
  return make_plan(g, rows, applied, order, Direction::Up);
}

// Long because it reads top to bottom as the kinds of downgrade target
// (absolute, relative to the rows, relative to a revision, base) and then
// the plan set.  A target relative to a revision means what it means
// everywhere (resolve_target); one relative to the rows walks down from
// the downgrade's own start (downgrade_start), which only a downgrade has.
Plan plan_downgrade(const Graph& g, const std::vector<std::string>& current_rows,
                    std::string_view target, StepOrder step_order) {
  const std::vector<RevIndex> rows = row_indexes(g, current_rows);
  const std::vector<bool> applied = applied_from(g, rows);
  const Target t = parse_target(target);
  if (t.from_current() && t.steps > 0)
    throw Error(ErrorKind::InvalidTarget, "invalid downgrade target " + quote(t.text),
                "\"" + signed_steps(t.steps) + "\" moves up from the current revision.",
                "Use an upgrade to move up.");

  RevIndex branch = branch_of(g, t);
  RevIndex dest;
  if (!t.relative) {
    dest = resolve_one(g, t.symbol, t.branch);
  } else if (t.from_current()) {
    dest = relative_or_throw(g, t, downgrade_start(g, rows, applied, t, branch), -1);
  } else {
    const std::vector<RevIndex> named = resolve_target(g, t);
    dest = named.empty() ? kBase : named.front();
  }

  if (dest != kBase && !applied[at(dest)]) {
    std::vector<std::string> names;
    for (RevIndex r : rows) names.push_back(g.id(r));
    throw Error(
        ErrorKind::InvalidDowngrade,
        "revision " + quote(g.id(dest)) + " is not a valid downgrade target from current heads",
        names.empty() ? "No revision is applied."
                      : "It is not applied; the current heads are " + quote_list(names) + ".");
  }

  // Roots of what goes: the destination's children (the bases for base),
  // limited to the branch's lineage when one was named.
  std::vector<RevIndex> roots = dest == kBase ? g.bases() : std::vector<RevIndex>(g.children(dest));
  if (branch >= 0 && roots.size() > 1) {
    std::vector<char> lineage = ancestors(g, {branch}, Via::Parents);
    std::vector<RevIndex> kept;
    for (RevIndex r : roots)
      if (lineage[at(r)]) kept.push_back(r);
    if (kept.empty())
      throw Error(ErrorKind::InvalidDowngrade,
                  "target " + quote(t.text) + " is not a valid downgrade target from current heads",
                  "No branch from the target leads to " + quote(g.id(branch)) + ".");
    roots = std::move(kept);
  }

  std::vector<char> todo = descendants(g, roots, Via::Down);
  for (std::size_t i = 0; i < g.size(); ++i)
    if (!applied[i]) todo[i] = 0;
  std::vector<RevIndex> order;
  if (step_order == StepOrder::Registration) {
    order = registration_order(g, todo);
    std::reverse(order.begin(), order.end());
  } else {
    order = walk_order(g, std::move(todo), rows);
  }
  // Nothing above an applied target and the target not a row: it is applied
  // only as a dependency of another branch (Alembic: "not a valid downgrade
  // target from current heads").
  if (order.empty() && dest != kBase && std::find(rows.begin(), rows.end(), dest) == rows.end())
    throw Error(
        ErrorKind::InvalidDowngrade,
        "revision " + quote(g.id(dest)) + " is not a valid downgrade target from current heads",
        "Nothing above it is applied; it is applied only as a dependency of another "
        "branch.",
        "Downgrade the branch that depends on it, or stamp.");
  return make_plan(g, rows, applied, order, Direction::Down);
}

}  // namespace lg
