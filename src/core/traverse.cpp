// Iterative depth-first reachability (no recursion: chains can be long).
#include "core/traverse.h"

#include <cstddef>

namespace lg {

namespace {

// Marks starts and everything reachable through next(v).
template <class Next>
std::vector<char> reach(const Graph& g, const std::vector<RevIndex>& starts, Next next) {
  std::vector<char> seen(g.size(), 0);
  std::vector<RevIndex> stack(starts.begin(), starts.end());
  while (!stack.empty()) {
    RevIndex v = stack.back();
    stack.pop_back();
    if (seen[at(v)]) continue;
    seen[at(v)] = 1;
    next(v, stack);
  }
  return seen;
}

}  // namespace

std::vector<char> ancestors(const Graph& g, const std::vector<RevIndex>& starts, Via via) {
  return reach(g, starts, [&](RevIndex v, std::vector<RevIndex>& stack) {
    const auto& up = via == Via::Parents ? g.parents(v) : g.down(v);
    stack.insert(stack.end(), up.begin(), up.end());
  });
}

std::vector<char> descendants(const Graph& g, const std::vector<RevIndex>& starts, Via via) {
  return reach(g, starts, [&](RevIndex v, std::vector<RevIndex>& stack) {
    const auto& kids = g.children(v);
    stack.insert(stack.end(), kids.begin(), kids.end());
    if (via == Via::Down) {
      const auto& deps = g.dependents(v);
      stack.insert(stack.end(), deps.begin(), deps.end());
    }
  });
}

std::vector<char> lineage(const Graph& g, const std::vector<RevIndex>& starts, Via via) {
  std::vector<char> out = ancestors(g, starts, via);
  const std::vector<char> up = descendants(g, starts, via);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(out[i] | up[i]);
  return out;
}

bool shares_lineage(const Graph& g, RevIndex a, RevIndex b) {
  if (a == b) return true;
  return ancestors(g, {a}, Via::Parents)[at(b)] || descendants(g, {a}, Via::Parents)[at(b)];
}

std::vector<RevIndex> filter_lineage(const Graph& g, const std::vector<RevIndex>& revs,
                                     RevIndex branch) {
  // Lineage is symmetric: compute the branch's lineage once.
  std::vector<char> up = ancestors(g, {branch}, Via::Parents);
  std::vector<char> below = descendants(g, {branch}, Via::Parents);
  std::vector<RevIndex> out;
  for (RevIndex r : revs)
    if (up[at(r)] || below[at(r)]) out.push_back(r);
  return out;
}

}  // namespace lg
