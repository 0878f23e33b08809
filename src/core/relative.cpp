// Relative walks with lg's overshoot message (Alembic: "relative revision
// +N didn't produce N migrations", never a crash).
#include "core/relative.h"

#include <optional>

#include "core/error.h"
#include "core/resolve.h"
#include "core/text.h"
#include "core/traverse.h"

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

RevIndex relative_or_throw(const Graph& g, const Target& t, RevIndex start, RevIndex lineage) {
  std::optional<RevIndex> end = relative_from(g, start, t.steps, lineage);
  if (!end) overshoot(t);
  return *end;
}

std::optional<RevIndex> relative_from(const Graph& g, RevIndex start, int steps, RevIndex lineage) {
  RevIndex pos = start;
  const bool up = steps > 0;
  for (long long k = 0, n = up ? steps : -static_cast<long long>(steps); k < n; ++k) {
    std::vector<RevIndex> next;
    if (up) {
      next = pos == kBase ? g.bases() : std::vector<RevIndex>(g.children(pos));
      if (lineage >= 0) next = filter_lineage(g, next, lineage);
    } else {
      if (pos == kBase) return std::nullopt;
      next = std::vector<RevIndex>(g.parents(pos));
      if (next.empty()) next.push_back(kBase);
    }
    if (next.empty()) return std::nullopt;
    if (next.size() > 1) {
      const std::string from = pos == kBase ? std::string("base") : g.id(pos);
      std::string why = up ? (pos == kBase ? "There are several bases: "
                                           : "Revision " + quote(from) + " has several children: ")
                           : "Revision " + quote(from) + " is a merge of ";
      throw Error(ErrorKind::AmbiguousWalk,
                  pos == kBase ? std::string("ambiguous walk from base")
                               : "ambiguous walk at revision " + quote(from),
                  why + quote_list(ids_of(g, next)) + ".",
                  up ? "Use \"<label>@+N\" or name the target revision."
                     : "Name the parent to go down to.");
    }
    pos = next.front();
  }
  return pos;
}

std::vector<RevIndex> resolve_target(const Graph& g, const Target& t) {
  if (!t.relative) return resolve_symbol(g, t.symbol, t.branch);
  const RevIndex end = relative_or_throw(g, t, resolve_one(g, t.symbol, t.branch),
                                         t.steps > 0 ? branch_of(g, t) : -1);
  if (end == kBase) return {};
  return {end};
}

}  // namespace lg
