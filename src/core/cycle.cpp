// Boost.Graph depth-first search: a back edge is a cycle; the tree-edge
// predecessors give the vertices on it.
#include "core/cycle.h"

#include <algorithm>
#include <iterator>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>

namespace lg {

namespace {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// Thrown inside the search to stop at the first back edge; never escapes.
struct BackEdge {
  int from;
  int to;
};

class CycleVisitor : public boost::default_dfs_visitor {
 public:
  explicit CycleVisitor(std::vector<int>* pred) : pred_(pred) {}

  template <class E, class G>
  void tree_edge(E e, const G& g) const {
    (*pred_)[boost::target(e, g)] = static_cast<int>(boost::source(e, g));
  }
  template <class E, class G>
  void back_edge(E e, const G& g) const {
    throw BackEdge{static_cast<int>(boost::source(e, g)), static_cast<int>(boost::target(e, g))};
  }

 private:
  std::vector<int>* pred_;
};

BoostGraph build(int n, const std::vector<Edge>& edges) {
  BoostGraph g(static_cast<std::size_t>(n));
  for (const Edge& e : edges)
    boost::add_edge(static_cast<std::size_t>(e.first), static_cast<std::size_t>(e.second), g);
  return g;
}

}  // namespace

std::vector<int> find_cycle(int n, const std::vector<Edge>& edges) {
  BoostGraph g = build(n, edges);
  std::vector<int> pred(static_cast<std::size_t>(n), -1);
  try {
    boost::depth_first_search(g, boost::visitor(CycleVisitor(&pred)));
  } catch (const BackEdge& back) {
    // back.to is on the DFS stack; walk the tree from back.from up to it.
    std::vector<int> cycle;
    for (int v = back.from; v != back.to; v = pred[static_cast<std::size_t>(v)]) cycle.push_back(v);
    cycle.push_back(back.to);
    std::reverse(cycle.begin(), cycle.end());
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    return cycle;
  }
  return {};
}

std::vector<int> topological_rank(int n, const std::vector<Edge>& edges) {
  BoostGraph g = build(n, edges);
  std::vector<std::size_t> reversed;  // boost emits reverse topological order
  reversed.reserve(static_cast<std::size_t>(n));
  boost::topological_sort(g, std::back_inserter(reversed));
  std::vector<int> rank(static_cast<std::size_t>(n), 0);
  int r = n;
  for (std::size_t v : reversed) rank[v] = --r;
  return rank;
}

}  // namespace lg
