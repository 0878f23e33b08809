// Relative targets ("<symbol>+N", "+N", "label@-N"): the steps along graph
// edges shared by upgrade, downgrade, stamp and history, with the
// overshoot error every one of them reports.
#pragma once
#include "core/graph.h"
#include "core/target.h"

#include <optional>
#include <string>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

// "+3" / "-2": a step count with its sign.
std::string signed_steps(int steps);

// Throws RelativeOvershoot for t (a walk that left the graph).
[[noreturn]] void overshoot(const Target& t);

// The revision |steps| edges from start: up through children (from kBase: the
// bases), keeping only those on lineage's lineage when lineage >= 0; down
// through parents (a base steps to kBase). Returns nullopt when the steps
// run off the graph; throws AmbiguousWalk at a branch point or merge.
std::optional<RevIndex> relative_from(const Graph& g, RevIndex start, int steps,
                                      RevIndex lineage = -1);

// The revision t's branch ("label@...") names; -1 when there is none.
RevIndex branch_of(const Graph& g, const Target& t);

// relative_from(start, t.steps); throws RelativeOvershoot when the steps
// run off the graph.
RevIndex relative_or_throw(const Graph& g, const Target& t, RevIndex start, RevIndex lineage);

// The one interpretation of a target that does not start from the version
// rows: a symbol ("head", an id, a prefix, "label@heads", ...) resolved, or
// "<symbol>+N" / "label@<symbol>-N" walked from the one revision it names,
// an upward walk keeping to t's branch.  Empty = base.  Upgrade, downgrade,
// stamp and history ranges all use it; a target relative to the rows
// ("+N", "label@-N") is walked by the caller from its own start.
std::vector<RevIndex> resolve_target(const Graph& g, const Target& t);

}  // namespace lg
