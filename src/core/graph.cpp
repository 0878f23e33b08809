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

namespace {

std::size_t at(RevIndex i) { return static_cast<std::size_t>(i); }

// Appends v to list unless it is already there (lists are short).
void push_unique(std::vector<RevIndex>& list, RevIndex v) {
  if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
}

}  // namespace

Graph::Graph(std::vector<Revision> revisions) : revs_(std::move(revisions)) {
  const std::size_t n = revs_.size();
  parents_.resize(n);
  deps_.resize(n);
  down_.resize(n);
  children_.resize(n);
  dependents_.resize(n);
  norm_deps_.resize(n);
  index_names();
  resolve_edges();
  check_cycles();
  normalize();
}

// Ids: valid and unique. Labels: valid, unique, never equal to an id.
void Graph::index_names() {
  by_id_.reserve(revs_.size());
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    const std::string& id = revs_[i].id;
    validate_revision_id(id);
    if (!by_id_.emplace(id, static_cast<RevIndex>(i)).second)
      throw Error(ErrorKind::InvalidId, "duplicate revision id " + quote(id),
                  "Revision " + quote(id) + " is registered more than once.");
  }
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    const Revision& r = revs_[i];
    for (const std::string& label : r.branch_labels) {
      std::string problem = id_syntax_problem(label);
      if (!problem.empty())
        throw Error(ErrorKind::InvalidId,
                    "invalid branch label " + quote(label) + " on revision " + quote(r.id),
                    "Branch labels follow the rules of revision ids. " + problem);
      auto id_hit = by_id_.find(label);
      if (id_hit != by_id_.end())
        throw Error(ErrorKind::DuplicateLabel,
                    "branch label " + quote(label) + " on revision " + quote(r.id) +
                        " equals a revision id",
                    "Revision " + quote(id_hit->first) + " already has that id.");
      auto [it, inserted] = by_label_.emplace(label, static_cast<RevIndex>(i));
      if (!inserted && it->second != static_cast<RevIndex>(i))
        throw Error(ErrorKind::DuplicateLabel,
                    "branch label " + quote(label) + " is used by revisions " +
                        quote(id(it->second)) + " and " + quote(r.id));
    }
  }
}

// Parents must be ids; depends_on entries ids or labels. Repeats are
// dropped; a revision naming itself is a self-loop.
void Graph::resolve_edges() {
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    const Revision& r = revs_[i];
    const RevIndex self = static_cast<RevIndex>(i);
    for (const std::string& p : r.parents) {
      RevIndex pi = find(p);
      if (pi < 0)
        throw Error(ErrorKind::UnknownParent,
                    "revision " + quote(r.id) + " has unknown parent " + quote(p));
      if (pi == self)
        throw Error(ErrorKind::Cycle, "revision " + quote(r.id) + " lists itself as a parent");
      push_unique(parents_[i], pi);
    }
    for (const std::string& d : r.depends_on) {
      RevIndex di = find(d);
      if (di < 0) di = find_label(d);
      if (di < 0)
        throw Error(ErrorKind::UnknownParent,
                    "revision " + quote(r.id) + " depends on unknown revision " + quote(d));
      if (di == self)
        throw Error(ErrorKind::Cycle, "revision " + quote(r.id) + " depends on itself");
      push_unique(deps_[i], di);
    }
  }
  // Built in registration order of the child, so each list is sorted.
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    for (RevIndex p : parents_[i]) children_[at(p)].push_back(static_cast<RevIndex>(i));
    for (RevIndex d : deps_[i]) dependents_[at(d)].push_back(static_cast<RevIndex>(i));
  }
}

// Cycles through parents, then through parents and depends_on together.
void Graph::check_cycles() const {
  const int n = static_cast<int>(revs_.size());
  std::vector<Edge> edges;
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

// Normalized down-revisions (as Alembic's _normalize_depends_on): a
// dependency d of r is kept unless a strict ancestor of r (through parents)
// also depends on d. For each d with several dependents, one search from
// those dependents down through children marks their strict descendants;
// it is pruned at the highest topological rank among them, so its cost is
// bounded by the span of the graph those dependents cover.
void Graph::normalize() {
  const int n = static_cast<int>(revs_.size());
  // The ranks are needed only when some revision has several dependents.
  bool shared = false;
  for (int d = 0; d < n && !shared; ++d) shared = dependents_[at(d)].size() >= 2;
  std::vector<int> rank;
  if (shared) {
    std::vector<Edge> edges;
    for (int i = 0; i < n; ++i)
      for (RevIndex p : parents_[at(i)]) edges.emplace_back(p, i);
    rank = topological_rank(n, edges);
  }

  // dropped[r] lists the dependencies r does not keep.
  std::vector<std::vector<RevIndex>> dropped(at(n));
  std::vector<int> mark(at(n), -1);  // mark[v] == d: v strictly below a dependent of d
  std::vector<RevIndex> stack;
  for (RevIndex d = 0; d < n; ++d) {
    const std::vector<RevIndex>& xs = dependents_[at(d)];
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
      if (mark[at(x)] == d) dropped[at(x)].push_back(d);
  }

  for (int i = 0; i < n; ++i) {
    for (RevIndex d : deps_[at(i)]) {
      const std::vector<RevIndex>& drop = dropped[at(i)];
      if (std::find(drop.begin(), drop.end(), d) == drop.end()) norm_deps_[at(i)].push_back(d);
    }
    down_[at(i)] = parents_[at(i)];
    for (RevIndex d : norm_deps_[at(i)]) push_unique(down_[at(i)], d);
  }
}

RevIndex Graph::find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? -1 : it->second;
}

RevIndex Graph::find_label(std::string_view label) const {
  auto it = by_label_.find(std::string(label));
  return it == by_label_.end() ? -1 : it->second;
}

const std::vector<RevIndex>& Graph::parents(RevIndex i) const { return parents_[at(i)]; }
const std::vector<RevIndex>& Graph::dependencies(RevIndex i) const { return deps_[at(i)]; }
const std::vector<RevIndex>& Graph::down(RevIndex i) const { return down_[at(i)]; }
const std::vector<RevIndex>& Graph::normalized_dependencies(RevIndex i) const {
  return norm_deps_[at(i)];
}
const std::vector<RevIndex>& Graph::children(RevIndex i) const { return children_[at(i)]; }
const std::vector<RevIndex>& Graph::dependents(RevIndex i) const { return dependents_[at(i)]; }

std::vector<RevIndex> Graph::heads() const {
  std::vector<RevIndex> out;
  for (std::size_t i = 0; i < revs_.size(); ++i)
    if (children_[i].empty()) out.push_back(static_cast<RevIndex>(i));
  return out;
}

std::vector<RevIndex> Graph::real_heads() const {
  std::vector<RevIndex> out;
  for (std::size_t i = 0; i < revs_.size(); ++i)
    if (children_[i].empty() && dependents_[i].empty()) out.push_back(static_cast<RevIndex>(i));
  return out;
}

std::vector<RevIndex> Graph::bases() const {
  std::vector<RevIndex> out;
  for (std::size_t i = 0; i < revs_.size(); ++i)
    if (parents_[i].empty()) out.push_back(static_cast<RevIndex>(i));
  return out;
}

}  // namespace lg
