// Relative walks with lg's overshoot message (Alembic: "relative revision
// +N didn't produce N migrations", never a crash).
#include "core/relative.h"

#include <optional>

#include "core/error.h"
#include "core/resolve.h"
#include "core/text.h"

namespace lg {

std::string signed_steps(int steps) { return (steps > 0 ? "+" : "") + std::to_string(steps); }

void overshoot(const Target& t) {
  const int n = t.steps < 0 ? -t.steps : t.steps;
  if (t.from_current())
    throw Error(ErrorKind::RelativeOvershoot,
                "relative revision " + signed_steps(t.steps) + " didn't produce " +
                    std::to_string(n) + " migrations",
                "The walk from the current revision ran past the end of the revision graph.");
  throw Error(ErrorKind::RelativeOvershoot,
              "relative revision " + quote(t.text) + " walks past the end of the revision graph",
              "There are fewer than " + std::to_string(n) + " steps from " + quote(t.symbol) +
                  " in that direction.");
}

RevIndex branch_of(const Graph& g, const Target& t) {
  return t.branch.empty() ? -1 : resolve_branch(g, t.branch);
}

RevIndex walk_or_throw(const Graph& g, const Target& t, RevIndex start, RevIndex lineage) {
  std::optional<RevIndex> end = walk(g, start, t.steps, lineage);
  if (!end) overshoot(t);
  return *end;
}

std::vector<RevIndex> resolve_target(const Graph& g, const Target& t) {
  if (!t.relative) return resolve_symbol(g, t.symbol, t.branch);
  const RevIndex end =
      walk_or_throw(g, t, resolve_one(g, t.symbol, t.branch), t.steps > 0 ? branch_of(g, t) : -1);
  if (end == kBase) return {};
  return {end};
}

}  // namespace lg
