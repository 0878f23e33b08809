// Graph construction: validates the registry as a whole (ids, labels,
// references, self-loops, cycles) and derives children, dependents and the
// normalized down-revisions that planning walks.
#include "core/graph.h"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "core/cycle.h"
#include "core/error.h"
#include "core/text.h"

namespace lg {

Graph::Graph(const RevisionSet& revisions) {
  const std::size_t n = revisions.size();
  ids_.reserve(n);
  labels_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    ids_.emplace_back(revisions.id(i));
    for (std::string_view label : revisions.labels(i)) labels_[i].emplace_back(label);
  }
  index_names();
  resolve_edges(revisions);  // the names of the edges are not kept
  check_cycles();
  normalize();
}

// Ids: valid and unique. Labels: valid, unique, never equal to an id.
void Graph::index_names() {
  by_id_.reserve(ids_.size());
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    const std::string& id = ids_[i];
    validate_revision_id(id);
    if (!by_id_.emplace(id, static_cast<RevIndex>(i)).second)
      throw Error(ErrorKind::InvalidId, "duplicate revision id " + quote(id),
                  "Revision " + quote(id) + " is registered more than once.");
  }
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    for (const std::string& label : labels_[i]) {
      std::string problem = id_syntax_problem(label);
      if (!problem.empty())
        throw Error(ErrorKind::InvalidId,
                    "invalid branch label " + quote(label) + " on revision " + quote(ids_[i]),
                    "Branch labels follow the rules of revision ids. " + problem);
      auto id_hit = by_id_.find(label);
      if (id_hit != by_id_.end())
        throw Error(ErrorKind::DuplicateLabel,
                    "branch label " + quote(label) + " on revision " + quote(ids_[i]) +
                        " equals a revision id",
                    "Revision " + quote(std::string(id_hit->first)) + " already has that id.");
      auto [it, inserted] = by_label_.emplace(label, static_cast<RevIndex>(i));
      if (!inserted && it->second != static_cast<RevIndex>(i))
        throw Error(ErrorKind::DuplicateLabel,
                    "branch label " + quote(label) + " is used by revisions " +
                        quote(id(it->second)) + " and " + quote(ids_[i]));
    }
  }
}

// Parents must be ids; depends_on entries ids or labels. Repeats are
// dropped; a revision naming itself is a self-loop.
void Graph::resolve_edges(const RevisionSet& revisions) {
  std::size_t nparents = 0, ndeps = 0;
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    nparents += revisions.parents(i).size();
    ndeps += revisions.depends_on(i).size();
  }
  parents_.reserve(revisions.size(), nparents);
  deps_.reserve(revisions.size(), ndeps);
  std::vector<char> seen(revisions.size(), 0);  // repeats, linear per list
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    const std::string& rid = ids_[i];
    const RevIndex self = static_cast<RevIndex>(i);
    // An edge to a known revision other than self, or the error naming it.
    auto edge = [&](RevIndex to, std::string_view name, const char* unknown, const char* loop) {
      if (to < 0)
        throw Error(ErrorKind::UnknownParent, "revision " + quote(rid) + unknown + quote(name));
      if (to == self) throw Error(ErrorKind::Cycle, "revision " + quote(rid) + loop);
      return to;
    };
    for (std::string_view p : revisions.parents(i))
      parents_.push(edge(find(p), p, " has unknown parent ", " lists itself as a parent"));
    parents_.close_unique(seen);
    for (std::string_view d : revisions.depends_on(i)) {
      RevIndex di = find(d);
      deps_.push(edge(di >= 0 ? di : find_label(d), d, " depends on unknown revision ",
                      " depends on itself"));
    }
    deps_.close_unique(seen);
  }
  // Transposed in registration order of the child, so each list is sorted.
  children_ = parents_.transposed(ids_.size());
  dependents_ = deps_.transposed(ids_.size());
}

// Cycles through parents, then through parents and depends_on together.
// When every parent and dependency was registered before its revision (the
// usual case), registration order is a topological order and there is no
// cycle to look for: the search, its adjacency lists and its stack would
// cost a 10,000-revision registry some 2 MB of fresh memory per backend.
void Graph::check_cycles() const {
  if (parents_.all_below_own_index() && deps_.all_below_own_index()) return;
  const int n = static_cast<int>(ids_.size());
  std::vector<Edge> edges;
  edges.reserve(parents_.total() + deps_.total());
  for (int i = 0; i < n; ++i)
    for (RevIndex p : parents_[at(i)]) edges.emplace_back(p, i);
  const char* what = "a cycle";
  std::vector<int> cycle = find_cycle(n, edges);
  const std::size_t parent_edges = edges.size();
  if (cycle.empty()) {
    for (int i = 0; i < n; ++i)
      for (RevIndex d : deps_[at(i)]) edges.emplace_back(d, i);
    if (edges.size() == parent_edges) return;  // no depends_on: nothing new
    what = "a dependency cycle";
    cycle = find_cycle(n, edges);
  }
  if (cycle.empty()) return;
  std::vector<std::string> names;
  for (int v : cycle) names.push_back(id(v));
  std::string path;
  for (const std::string& name : names) path += quote(name) + " -> ";
  path += quote(names.front());
  throw Error(ErrorKind::Cycle, "revisions " + quote_list(names) + " form " + what,
              "Each revision comes before the next: " + path + ".");
}

std::vector<int> Graph::topological_ranks() const {
  const int n = static_cast<int>(ids_.size());
  if (parents_.all_below_own_index()) {
    std::vector<int> rank(at(n));  // registration order is topological (see check_cycles)
    for (int i = 0; i < n; ++i) rank[at(i)] = i;
    return rank;
  }
  std::vector<Edge> edges;
  edges.reserve(parents_.total());
  for (int i = 0; i < n; ++i)
    for (RevIndex p : parents_[at(i)]) edges.emplace_back(p, i);
  return topological_rank(n, edges);
}

// For each d with several dependents, one search from those dependents
// down through children marks their strict descendants; it is pruned at
// the highest rank among them, so its cost is bounded by the span of the
// graph those dependents cover.  A dependent that is marked drops d.
std::vector<std::vector<RevIndex>> Graph::dropped_dependencies(const std::vector<int>& rank) const {
  const int n = static_cast<int>(ids_.size());
  std::vector<std::vector<RevIndex>> dropped(at(n));
  std::vector<int> mark(at(n), -1);  // mark[v] == d: v strictly below a dependent of d
  std::vector<RevIndex> stack;
  for (RevIndex d = 0; d < n; ++d) {
    const IndexList xs = dependents_[at(d)];
    if (xs.size() < 2) continue;
    int max_rank = 0;
    for (RevIndex x : xs) max_rank = std::max(max_rank, rank[at(x)]);
    stack.clear();
    for (RevIndex x : xs)
      for (RevIndex c : children_[at(x)]) stack.push_back(c);
    while (!stack.empty()) {
      RevIndex v = stack.back();
      stack.pop_back();
      if (mark[at(v)] == d || rank[at(v)] > max_rank) continue;
      mark[at(v)] = d;
      for (RevIndex c : children_[at(v)]) stack.push_back(c);
    }
    for (RevIndex x : xs)
      if (mark[at(x)] == d) dropped[at(x)].push_back(d);  // in increasing d: sorted
  }
  return dropped;
}

// Normalized down-revisions (as Alembic's _normalize_depends_on): a
// dependency d of r is kept unless a strict ancestor of r (through parents)
// also depends on d (dropped_dependencies).
void Graph::normalize() {
  const int n = static_cast<int>(ids_.size());
  // The search is needed only when some revision has several dependents.
  bool shared = false;
  for (int d = 0; d < n && !shared; ++d) shared = dependents_[at(d)].size() >= 2;
  const std::vector<std::vector<RevIndex>> dropped =
      shared ? dropped_dependencies(topological_ranks()) : std::vector<std::vector<RevIndex>>();

  norm_deps_.reserve(at(n), deps_.total());
  down_.reserve(at(n), 0);
  std::vector<char> seen(at(n), 0);
  for (int i = 0; i < n; ++i) {
    for (RevIndex d : deps_[at(i)]) {
      if (!shared) {
        norm_deps_.push(d);
        continue;
      }
      const std::vector<RevIndex>& drop = dropped[at(i)];
      if (!std::binary_search(drop.begin(), drop.end(), d)) norm_deps_.push(d);
    }
    norm_deps_.close();
    if (!norm_deps_[at(i)].empty()) {  // else down(i) is parents(i), not stored
      for (RevIndex p : parents_[at(i)]) down_.push(p);
      for (RevIndex d : norm_deps_[at(i)]) down_.push(d);
    }
    down_.close_unique(seen);
  }
}

RevIndex Graph::find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : it->second;
}

RevIndex Graph::find_label(std::string_view label) const {
  auto it = by_label_.find(label);
  return it == by_label_.end() ? -1 : it->second;
}

IndexList Graph::parents(RevIndex i) const { return parents_[at(i)]; }
IndexList Graph::dependencies(RevIndex i) const { return deps_[at(i)]; }
IndexList Graph::down(RevIndex i) const {
  return norm_deps_[at(i)].empty() ? parents_[at(i)] : down_[at(i)];
}
IndexList Graph::normalized_dependencies(RevIndex i) const { return norm_deps_[at(i)]; }
IndexList Graph::children(RevIndex i) const { return children_[at(i)]; }
IndexList Graph::dependents(RevIndex i) const { return dependents_[at(i)]; }

std::vector<RevIndex> Graph::heads() const {
  std::vector<RevIndex> out;
  for (std::size_t i = 0; i < ids_.size(); ++i)
    if (children_[i].empty()) out.push_back(static_cast<RevIndex>(i));
  return out;
}

std::vector<RevIndex> Graph::real_heads() const {
  std::vector<RevIndex> out;
  for (std::size_t i = 0; i < ids_.size(); ++i)
    if (children_[i].empty() && dependents_[i].empty()) out.push_back(static_cast<RevIndex>(i));
  return out;
}

std::vector<RevIndex> Graph::bases() const {
  std::vector<RevIndex> out;
  for (std::size_t i = 0; i < ids_.size(); ++i)
    if (parents_[i].empty()) out.push_back(static_cast<RevIndex>(i));
  return out;
}

std::vector<std::string> ids_of(const Graph& g, const std::vector<RevIndex>& revs) {
  std::vector<std::string> out;
  out.reserve(revs.size());
  for (RevIndex r : revs) out.push_back(g.id(r));
  return out;
}

}  // namespace lg
