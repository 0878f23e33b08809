// Merge parent checks, as Alembic's ScriptDirectory.generate_revision does
// for `alembic merge` (duplicate heads, non-head revisions), with lg's
// distinct causes.
#include "core/merge.h"

#include <algorithm>

#include "core/error.h"
#include "core/text.h"

namespace lg {

void check_merge_parents(const Graph& g, const std::vector<std::string>& parents) {
  if (parents.size() < 2)
    throw Error(ErrorKind::InvalidTarget, "a merge needs at least two parents",
                parents.empty() ? "No parent was given."
                                : "Only " + quote(parents.front()) + " was given.",
                "List two or more heads; lg_heads() shows them.");
  std::vector<char> seen(g.size(), 0);  // repeats, in linear time (parents is user input)
  for (const std::string& p : parents) {
    const RevIndex r = g.find(p);
    if (r < 0)
      throw Error(ErrorKind::UnknownRevision, "unknown revision " + quote(p),
                  "A merge parent is the full id of a registered revision.");
    if (seen[static_cast<std::size_t>(r)]++)
      throw Error(ErrorKind::InvalidTarget, "revision " + quote(p) + " is repeated in the merge",
                  "Each parent of a merge is listed once.");
    if (!g.is_head(r)) {
      std::vector<std::string> kids;
      for (RevIndex c : g.children(r)) kids.push_back(g.id(c));
      throw Error(ErrorKind::InvalidTarget, "revision " + quote(p) + " is not a head",
                  "Revision " + quote(p) + " already has the children " + quote_list(kids) + ".",
                  "Merge heads only; lg_heads() lists them.");
    }
  }
}

}  // namespace lg
