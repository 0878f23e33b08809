// Stamp rows as Alembic's ScriptDirectory._stamp_revs and HeadMaintainer
// compute them. The rows considered are those sharing lineage (through
// parents and dependencies) with the target's revisions and branch. Then:
//  - base: those rows are deleted;
//  - a target already a row: nothing;
//  - a target related to one of those rows (below or above it): all of
//    them are replaced by the target (they "merge" into it);
//  - otherwise the target is a new row.
// Alembic computes every target's step from the rows before the stamp and
// crashes when two targets move the same rows (a stamp of several heads
// over one branch); lg applies the union and keeps the tips, so the rows
// are never overlapping.
#include "core/stamp.h"

#include <cstddef>

#include "core/current.h"
#include "core/error.h"
#include "core/relative.h"
#include "core/resolve.h"
#include "core/target.h"
#include "core/text.h"
#include "core/traverse.h"

namespace lg {

namespace {

// The revisions target names (empty = base).
std::vector<RevIndex> stamp_targets(const Graph& g, const Target& t) {
  if (t.from_current())
    throw Error(ErrorKind::InvalidTarget, "invalid stamp target " + quote(t.text),
                "A stamp moves the version rows to named revisions, not relative to them.",
                "Name the revision, or use \"<revision>" + signed_steps(t.steps) + "\".");
  return resolve_target(g, t);
}

}  // namespace

std::vector<std::string> plan_stamp(const Graph& g, const std::vector<std::string>& current_rows,
                                    std::string_view target, bool purge) {
  const Target t = parse_target(target);
  const RevIndex branch = branch_of(g, t);
  const std::vector<RevIndex> dests = stamp_targets(g, t);
  const std::vector<RevIndex> rows = purge ? std::vector<RevIndex>{} : row_indexes(g, current_rows);

  // The rows on the lineage of the target's revisions and branch (every row
  // when the target is plain "base").
  std::vector<RevIndex> shares = dests;
  if (branch >= 0) shares.push_back(branch);
  std::vector<char> related_mark =
      shares.empty() ? std::vector<char>(g.size(), 1) : lineage(g, shares, Via::Down);
  std::vector<char> is_row(g.size(), 0);
  std::vector<RevIndex> related;
  for (RevIndex r : rows) {
    is_row[at(r)] = 1;
    if (related_mark[at(r)]) related.push_back(r);
  }

  bool move = dests.empty();  // base deletes the related rows
  std::vector<RevIndex> added;
  for (RevIndex d : dests) {
    if (is_row[at(d)]) continue;
    added.push_back(d);
    if (move || related.empty()) continue;
    const std::vector<char> mine = lineage(g, {d}, Via::Down);
    for (RevIndex r : related)
      if (mine[at(r)]) move = true;
  }
  if (move)
    for (RevIndex r : related) is_row[at(r)] = 0;
  for (RevIndex d : added) is_row[at(d)] = 1;

  std::vector<RevIndex> now;
  for (std::size_t i = 0; i < g.size(); ++i)
    if (is_row[i]) now.push_back(static_cast<RevIndex>(i));
  std::vector<std::string> out;
  for (RevIndex r : applied_tips(g, applied_from(g, now))) out.push_back(g.id(r));
  return out;
}

}  // namespace lg
