// Kahn's algorithm over the plan set with registration order (the graph
// index) as the tie-break: unrelated branches apply in the order their
// revisions were registered, as tools that number their migrations expect.
#include "core/order.h"

#include <cstddef>
#include <functional>
#include <queue>

namespace lg {

std::vector<RevIndex> registration_order(const Graph& g, const std::vector<char>& todo) {
  const std::size_t n = g.size();
  auto at = [](RevIndex i) { return static_cast<std::size_t>(i); };
  // waiting[v]: v's down-revisions still to emit (members only).
  std::vector<int> waiting(n, 0);
  // up[v] in CSR form: the members that have v as a down-revision.
  std::vector<std::size_t> start(n + 1, 0);
  for (std::size_t u = 0; u < n; ++u)
    if (todo[u])
      for (RevIndex d : g.down(static_cast<RevIndex>(u)))
        if (todo[at(d)]) {
          ++waiting[u];
          ++start[at(d) + 1];
        }
  for (std::size_t v = 0; v < n; ++v) start[v + 1] += start[v];
  std::vector<RevIndex> up(start[n]);
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (std::size_t u = 0; u < n; ++u)
    if (todo[u])
      for (RevIndex d : g.down(static_cast<RevIndex>(u)))
        if (todo[at(d)]) up[fill[at(d)]++] = static_cast<RevIndex>(u);

  std::priority_queue<RevIndex, std::vector<RevIndex>, std::greater<RevIndex>> ready;
  for (std::size_t v = 0; v < n; ++v)
    if (todo[v] && waiting[v] == 0) ready.push(static_cast<RevIndex>(v));
  std::vector<RevIndex> out;
  while (!ready.empty()) {
    const RevIndex v = ready.top();
    ready.pop();
    out.push_back(v);
    for (std::size_t k = start[at(v)]; k < start[at(v) + 1]; ++k)
      if (--waiting[at(up[k])] == 0) ready.push(up[k]);
  }
  return out;  // the graph is acyclic (Graph checks it): every member is out
}

}  // namespace lg
