// Stamp (docs/SEMANTICS.md, "Stamp"): the version rows after stamping a target,
// computed without running any revision SQL.
#pragma once
#include "core/firewall.h"
#include "core/graph.h"

#include <string>
#include <string_view>
#include <vector>

namespace lg {

// The version rows after stamping target: any symbol form that resolves to
// one or more revisions ("heads", "head", "base", ids, prefixes, labels,
// "label@head(s)", "label@base", "label@<id>", "<symbol>+N", "<symbol>-N").
// "+N" / "-N" alone are refused (InvalidTarget): a stamp names revisions.
// purge: start from no rows (current_rows are then not even looked at).
// Result in registration order, never overlapping. Throws Error like the
// planners (unknown / ambiguous targets, unknown rows unless purge).
std::vector<std::string> plan_stamp(const Graph& g, const std::vector<std::string>& current_rows,
                                    std::string_view target, bool purge);

}  // namespace lg
