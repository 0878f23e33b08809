// Relative targets ("<symbol>+N", "+N", "label@-N"): the walk along graph
// edges shared by upgrade, downgrade, stamp and history, with the
// overshoot error every one of them reports.
#pragma once
#include "core/graph.h"
#include "core/target.h"

#include <string>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

// "+3" / "-2": a step count with its sign.
std::string signed_steps(int steps);

// Throws RelativeOvershoot for t (a walk that left the graph).
[[noreturn]] void overshoot(const Target& t);

// The revision t's branch ("label@...") names; -1 when there is none.
RevIndex branch_of(const Graph& g, const Target& t);

// Walks t.steps edges from start (see resolve.h walk); throws
// RelativeOvershoot when the walk runs off the graph.
RevIndex walk_or_throw(const Graph& g, const Target& t, RevIndex start, RevIndex lineage);

// The one interpretation of a target that does not start from the version
// rows: a symbol ("head", an id, a prefix, "label@heads", ...) resolved, or
// "<symbol>+N" / "label@<symbol>-N" walked from the one revision it names,
// an upward walk keeping to t's branch.  Empty = base.  Upgrade, downgrade,
// stamp and history ranges all use it; a target relative to the rows
// ("+N", "label@-N") is walked by the caller from its own start.
std::vector<RevIndex> resolve_target(const Graph& g, const Target& t);

}  // namespace lg
