// History ranges as Alembic's RevisionMap._collect_upgrade_revisions with
// inclusive=True, implicit_base=False: the end's revisions and their
// ancestors, minus what lies below the start, kept to the descendants of the
// start (through parents), ordered by the history walk from the end.
#include "core/history_range.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>

#include "core/current.h"
#include "core/error.h"
#include "core/relative.h"
#include "core/resolve.h"
#include "core/target.h"
#include "core/text.h"
#include "core/traverse.h"
#include "core/walk.h"

namespace lg {

namespace {

[[noreturn]] void invalid_range(std::string_view range, const std::string& detail) {
  throw Error(ErrorKind::InvalidTarget, "invalid history range " + quote(range), detail,
              "Write \"start:end\", \"start:\" or \":end\".");
}

// One end of the range before resolution.
struct End {
  std::string_view text;
  bool current = false;
  std::optional<Target> target;  // unset when empty or "current"
};

End parse_end(std::string_view text) {
  End e{text, text == "current", std::nullopt};
  if (!text.empty() && !e.current) e.target = parse_target(text);
  return e;
}

// A single position for a bare relative walk: one revision, or kBase.
RevIndex single(const Graph& g, const std::vector<RevIndex>& revs, std::string_view what) {
  if (revs.size() > 1) {
    std::vector<std::string> names;
    for (RevIndex r : revs) names.push_back(g.id(r));
    throw Error(ErrorKind::AmbiguousCurrent, "ambiguous relative history range",
                "The " + std::string(what) + " of the range is " + quote_list(names) + ".",
                "Name one revision at that end of the range.");
  }
  return revs.empty() ? kBase : revs.front();
}

// The two ends of "lo:hi", checked: one ":", at most one end relative to
// the other, the start relative only downward (-N), the end only upward.
std::pair<End, End> parse_range(std::string_view range) {
  const std::size_t colon = range.find(':');
  if (colon == std::string_view::npos) invalid_range(range, "A history range contains a \":\".");
  if (range.find(':', colon + 1) != std::string_view::npos)
    invalid_range(range, "A history range contains one \":\" only.");
  End lo = parse_end(range.substr(0, colon));
  End hi = parse_end(range.substr(colon + 1));
  const bool lo_bare = lo.target && lo.target->from_current();
  const bool hi_bare = hi.target && hi.target->from_current();
  if (lo_bare && lo.target->steps > 0)
    invalid_range(range, "The start of a range may be \"-N\" (below the end), not \"+N\".");
  if (hi_bare && hi.target->steps < 0)
    invalid_range(range, "The end of a range may be \"+N\" (above the start), not \"-N\".");
  if (lo_bare && hi_bare)
    invalid_range(range, "Only one end of a range may be relative to the other.");
  return {std::move(lo), std::move(hi)};
}

// The members of the range from lower to upper, newest first; required
// is everything below upper.
std::vector<RevIndex> members(const Graph& g, const std::vector<RevIndex>& lower,
                              const std::vector<RevIndex>& upper,
                              const std::vector<char>& required) {
  // What lies between: above the start (through parents), below the end.
  const std::vector<char> below = ancestors(g, lower, Via::Down);
  std::vector<char> is_lower(g.size(), 0);
  for (RevIndex l : lower) is_lower[at(l)] = 1;
  std::vector<char> span(g.size(), 0);  // required, not strictly below the start
  for (std::size_t i = 0; i < g.size(); ++i)
    span[i] = static_cast<char>(required[i] && (!below[i] || is_lower[i]));
  std::vector<char> needs = span;
  if (!lower.empty()) {
    const std::vector<char> above = descendants(g, lower, Via::Parents);
    for (std::size_t i = 0; i < g.size(); ++i) needs[i] = static_cast<char>(needs[i] && above[i]);
  }
  const auto count = static_cast<std::size_t>(std::count(needs.begin(), needs.end(), 1));

  // Alembic asks "is it below another head" of the whole graph: a path
  // between two revisions of the range may leave it (through a revision
  // applied only as a dependency), so the walk's region is all of required.
  std::vector<RevIndex> order = walk_order(g, needs, upper, required);
  if (order.size() == count) return order;
  // Some of the range is reached from the end only through revisions
  // outside it (Alembic fails an assertion here): walk the whole span and
  // keep the range's members.
  std::vector<RevIndex> out;
  for (RevIndex r : walk_order(g, span, upper, required))
    if (needs[at(r)]) out.push_back(r);
  return out;
}

}  // namespace

std::vector<RevIndex> history_range(const Graph& g, const std::vector<std::string>& current_rows,
                                    std::string_view range) {
  const auto [lo, hi] = parse_range(range);
  const bool lo_bare = lo.target && lo.target->from_current();
  const bool hi_bare = hi.target && hi.target->from_current();

  // The start, unless it is relative to the end.
  std::vector<RevIndex> lower;
  if (lo.current)
    lower = row_indexes(g, current_rows);
  else if (lo.target && !lo_bare)
    lower = resolve_target(g, *lo.target);

  // The end: "heads" when empty or no rows are current.
  std::vector<RevIndex> upper;
  if (hi.current) upper = row_indexes(g, current_rows);
  if (hi_bare) {
    const RevIndex from = single(g, lower, "start");
    const RevIndex end = relative_or_throw(g, *hi.target, from, branch_of(g, *hi.target));
    if (end != kBase) upper = {end};
  } else if (hi.target) {
    upper = resolve_target(g, *hi.target);
  } else if (upper.empty()) {
    upper = g.real_heads();
  }
  if (lo_bare) {
    const RevIndex end = relative_or_throw(g, *lo.target, single(g, upper, "end"), -1);
    if (end != kBase) lower = {end};
  }

  // "label@..." at the start keeps the ends on that label's lineage.
  if (lo.target && !lo.target->branch.empty())
    upper = filter_lineage(g, upper, resolve_branch(g, lo.target->branch));

  const std::vector<char> required = ancestors(g, upper, Via::Down);
  for (RevIndex l : lower)
    if (!required[at(l)])
      throw Error(ErrorKind::InvalidTarget,
                  "history range " + quote(range) + " does not go up from its start to its end",
                  "Revision " + quote(g.id(l)) + " is not an ancestor of the end of the range.",
                  "Swap the two ends, or name revisions along one branch.");

  return members(g, lower, upper, required);
}

}  // namespace lg
