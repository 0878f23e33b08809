// Alembic's _topological_sort with the same output in near-linear time.
//
// Alembic keeps a list of "current heads" (one per branch being walked),
// each with its full ancestor set. The candidate current[idx] is emitted
// unless it is an ancestor of another current head; then the walk switches
// to the first such head in the list. An emitted candidate is replaced, in
// place, by its first down-revision still to do and not already a head; the
// others are appended. Alembic recomputes ancestor sets at every merge,
// branch point or dependency: O(n) each, O(n * merges) in all.
//
// Here the same decisions are made without ancestor sets. While the walk
// runs, every revision still to do lies below some current head through
// revisions still to do, and nothing is emitted before everything above it
// (so no path from a head down to an unemitted revision passes an emitted
// one). Hence:
//  - "cand is an ancestor of another current head" iff some revision still
//    to do has cand as a down-revision: a counter, pending[cand];
//  - the heads above a blocked cand are found by a search upward from cand
//    through revisions still to do; the first of them in list order wins.
// With a region larger than todo (walk.h), the counter and the upward
// search also count revisions of the region that are never emitted; the
// search still decides, so only the cost changes.
// Chains cost O(1) per step; a blocked candidate costs the size of the
// unemitted region above it the first time in a row it is blocked (the
// marks are kept while the same candidate stays blocked), then the scan of
// the current heads up to the first marked one. test/unit/walk_test.cpp checks the result against a
// transcription of Alembic's algorithm on random graphs.
#include "core/walk.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace lg {

namespace {

// Inverse of the down-revision relation restricted to todo, as CSR arrays.
struct UpEdges {
  std::vector<std::size_t> start;  // up of v: list[start[v] .. start[v+1])
  std::vector<RevIndex> list;
};

UpEdges up_edges(const Graph& g, const std::vector<char>& todo) {
  const std::size_t n = g.size();
  UpEdges up;
  up.start.assign(n + 1, 0);
  for (std::size_t u = 0; u < n; ++u)
    if (todo[u])
      for (RevIndex v : g.down(static_cast<RevIndex>(u)))
        if (todo[at(v)]) ++up.start[at(v) + 1];
  for (std::size_t v = 0; v < n; ++v) up.start[v + 1] += up.start[v];
  up.list.resize(up.start[n]);
  std::vector<std::size_t> fill(up.start.begin(), up.start.end() - 1);
  for (std::size_t u = 0; u < n; ++u)
    if (todo[u])
      for (RevIndex v : g.down(static_cast<RevIndex>(u)))
        if (todo[at(v)]) up.list[fill[at(v)]++] = static_cast<RevIndex>(u);
  return up;
}

}  // namespace

std::vector<RevIndex> walk_order(const Graph& g, std::vector<char> todo,
                                 std::vector<RevIndex> heads) {
  const std::vector<char> region = todo;
  return walk_order(g, std::move(todo), std::move(heads), region);
}

// Long because it is one traversal: the stack, the pending counts and the
// tie-break by registration order are shared by every branch of its loop.
std::vector<RevIndex> walk_order(const Graph& g, std::vector<char> todo,
                                 std::vector<RevIndex> heads, const std::vector<char>& region) {
  const std::size_t n = g.size();
  const UpEdges up = up_edges(g, region);
  std::vector<char> alive = region;  // region minus what was emitted
  std::vector<int> pending(n, 0);    // unemitted todo revisions having v as a down-revision
  for (std::size_t v = 0; v < n; ++v) pending[v] = static_cast<int>(up.start[v + 1] - up.start[v]);

  std::sort(heads.begin(), heads.end());
  heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
  std::vector<RevIndex> current;
  std::vector<char> is_current(n, 0);
  for (RevIndex h : heads)
    if (todo[at(h)]) {
      current.push_back(h);
      is_current[at(h)] = 1;
    }

  std::vector<RevIndex> out;
  out.reserve(n);
  std::vector<int> seen(n, 0);  // seen[v] == search: reached by that search
  int search = 0;
  std::vector<RevIndex> stack;
  RevIndex searched = static_cast<RevIndex>(-1);  // the cand of the last search
  std::size_t idx = 0;
  while (!current.empty()) {
    const RevIndex cand = current[idx];
    if (pending[at(cand)] > 0) {
      // Blocked: mark everything still to do above cand, then switch to the
      // first current head among it.  The marks of the last search stay
      // true for the same cand: what is above it only loses what gets
      // emitted, and current holds nothing emitted.  So a branch point
      // blocked again and again (one revision with 20,000 children) is
      // searched once, not once per child.
      if (searched != cand) {
        ++search;
        searched = cand;
        stack.assign(1, cand);
      }
      while (!stack.empty()) {
        RevIndex v = stack.back();
        stack.pop_back();
        for (std::size_t k = up.start[at(v)]; k < up.start[at(v) + 1]; ++k) {
          RevIndex u = up.list[k];
          if (alive[at(u)] && seen[at(u)] != search) {
            seen[at(u)] = search;
            stack.push_back(u);
          }
        }
      }
      bool found = false;
      for (std::size_t j = 0; j < current.size() && !found; ++j)
        if (seen[at(current[j])] == search) {
          idx = j;
          found = true;
        }
      // Always found when the precondition holds; never loop if it does not.
      if (found) continue;
    }

    out.push_back(cand);
    todo[at(cand)] = 0;
    alive[at(cand)] = 0;
    is_current[at(cand)] = 0;
    std::vector<RevIndex> add;
    for (RevIndex r : g.down(cand)) {
      if (!region[at(r)]) continue;
      --pending[at(r)];
      if (todo[at(r)] && !is_current[at(r)]) add.push_back(r);
    }
    if (add.empty()) {
      current.erase(current.begin() + static_cast<std::ptrdiff_t>(idx));
      idx = idx > 0 ? idx - 1 : 0;
    } else {
      current[idx] = add.front();
      is_current[at(add.front())] = 1;
      for (std::size_t k = 1; k < add.size(); ++k) {
        current.push_back(add[k]);
        is_current[at(add[k])] = 1;
      }
    }
  }
  return out;
}

}  // namespace lg
