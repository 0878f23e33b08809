// Symbol resolution against a graph (docs/SEMANTICS.md, "Resolving a symbol"):
// head, heads, base, exact id or label, unique prefix, branch-qualified
// forms, and the relative walk used by "+N" / "-N".
#pragma once
#include "core/firewall.h"
#include "core/graph.h"

#include <optional>
#include <string_view>
#include <vector>

namespace lg {

// Position below every base: what "base" resolves to in a walk or a
// downgrade, and where a walk down from a base ends.
constexpr RevIndex kBase = -1;

// The revision a branch name denotes: an exact label, an exact id, or a
// unique prefix of either. Throws UnknownRevision ("unknown branch") or
// AmbiguousRevision.
RevIndex resolve_branch(const Graph& g, std::string_view branch);

// The revisions symbol names, optionally within branch (empty = none).
// "base" gives an empty list; "heads" all matching heads (real heads when
// no branch; heads on the branch's lineage otherwise); "head" at most one
// (MultipleHeads otherwise); else one revision (exact id or label, else a
// unique prefix; with a branch, it must share the branch's lineage).
std::vector<RevIndex> resolve_symbol(const Graph& g, std::string_view symbol,
                                     std::string_view branch = {});

// Like resolve_symbol but for exactly one position: a revision, or kBase for
// "base" (and for "head" on an empty graph). Several -> MultipleHeads.
RevIndex resolve_one(const Graph& g, std::string_view symbol, std::string_view branch = {});

// Walks |steps| edges from start: up through children (from kBase: the
// bases), keeping only those on lineage's lineage when lineage >= 0; down
// through parents (a base steps to kBase). Returns nullopt when the walk
// runs off the graph; throws AmbiguousWalk at a branch point or merge.
std::optional<RevIndex> walk(const Graph& g, RevIndex start, int steps, RevIndex lineage = -1);

}  // namespace lg
