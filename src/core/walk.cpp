// Alembic's _topological_sort, transcribed. It keeps one "current head" per
// branch being walked, with that head's full ancestor set; a head is emitted
// only when no other current head has it as an ancestor, otherwise the walk
// switches to that other head. Ties use registration order, and the
// down-revisions of a merge are taken in declaration order (Alembic uses
// hash order for dependencies; lg uses declaration order).
//
// Cost: linear along plain chains, but every merge, branch point or
// dependency recomputes the ancestor set of the new heads (O(n) each), so the
// whole walk is O(n * merges) like Alembic's. Each membership test scans the
// current heads, O(width) per step.
#include "core/walk.h"

#include <algorithm>
#include <cstddef>

#include "core/traverse.h"

namespace lg {

namespace {

std::size_t at(RevIndex i) { return static_cast<std::size_t>(i); }

}  // namespace

std::vector<RevIndex> walk_order(const Graph& g, std::vector<char> todo,
                                 std::vector<RevIndex> heads) {
  std::sort(heads.begin(), heads.end());
  heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
  std::vector<RevIndex> current;
  for (RevIndex h : heads)
    if (todo[at(h)]) current.push_back(h);
  std::vector<std::vector<char>> anc;
  for (RevIndex h : current) anc.push_back(ancestors(g, {h}, Via::Down));

  std::vector<RevIndex> out;
  std::size_t idx = 0;
  while (!current.empty()) {
    const RevIndex cand = current[idx];
    // Another current head above cand must be walked first.
    bool switched = false;
    for (std::size_t j = 0; j < current.size(); ++j) {
      if (j != idx && anc[j][at(cand)]) {
        idx = j;
        switched = true;
        break;
      }
    }
    if (switched) continue;

    if (todo[at(cand)]) {
      out.push_back(cand);
      todo[at(cand)] = 0;
    }
    std::vector<RevIndex> add;
    for (RevIndex r : g.down(cand))
      if (todo[at(r)] && std::find(current.begin(), current.end(), r) == current.end())
        add.push_back(r);

    if (add.empty()) {
      current.erase(current.begin() + static_cast<std::ptrdiff_t>(idx));
      anc.erase(anc.begin() + static_cast<std::ptrdiff_t>(idx));
      idx = idx > 0 ? idx - 1 : 0;
    } else if (g.normalized_dependencies(cand).empty() && g.parents(cand).size() == 1) {
      // Plain move down a line: the ancestor set just loses cand.
      current[idx] = add.front();
      anc[idx][at(cand)] = 0;
    } else {
      current[idx] = add.front();
      anc[idx] = ancestors(g, {add.front()}, Via::Down);
      for (std::size_t k = 1; k < add.size(); ++k) {
        current.push_back(add[k]);
        anc.push_back(ancestors(g, {add[k]}, Via::Down));
      }
    }
  }
  return out;
}

}  // namespace lg
