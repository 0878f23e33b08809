// The revision registry as a validated graph. Vertices are revisions in
// registration order (index 0 = registered first); every tie-break in
// planning uses that order, so plans are a pure function of the registry.
#pragma once
#include "core/index_lists.h"
#include "core/revision.h"
#include "core/revision_set.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

class Graph {
 public:
  // Builds and validates the whole registry; throws Error naming the
  // revisions involved (unknown parent/dependency, self-loop, cycle,
  // duplicate or clashing branch label, invalid id).
  explicit Graph(const RevisionSet& revisions);
  explicit Graph(const std::vector<Revision>& revisions) : Graph(RevisionSet(revisions)) {}
  // The id index points into the revisions: moving keeps it valid (the
  // vector's buffer moves with it), copying would not.
  Graph(Graph&&) = default;
  Graph& operator=(Graph&&) = default;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  std::size_t size() const noexcept { return ids_.size(); }
  const std::string& id(RevIndex i) const { return ids_[static_cast<std::size_t>(i)]; }
  // Branch labels as registered (the names of parents and depends_on are
  // consumed by construction: see parents(i) and dependencies(i)).
  const std::vector<std::string>& labels(RevIndex i) const {
    return labels_[static_cast<std::size_t>(i)];
  }

  // Exact id lookup; -1 when absent.
  RevIndex find(std::string_view id) const;
  // Exact branch label lookup; -1 when absent.
  RevIndex find_label(std::string_view label) const;

  // Parents as indexes, in declaration order.
  IndexList parents(RevIndex i) const;
  // Resolved depends_on (labels resolved to the revision carrying them).
  IndexList dependencies(RevIndex i) const;
  // Normalized down-revisions (docs/SEMANTICS.md): parents, then those
  // dependencies that no ancestor already depends on.
  IndexList down(RevIndex i) const;
  // The dependencies kept in down(i) (Alembic's normalized resolved
  // dependencies), in declaration order; may overlap parents(i).
  IndexList normalized_dependencies(RevIndex i) const;
  // Revisions listing i as a parent, in registration order.
  IndexList children(RevIndex i) const;
  // Revisions listing i in depends_on, in registration order.
  IndexList dependents(RevIndex i) const;

  // A head has no children; a real head has no dependents either; an
  // effective head is a head that is not real (something depends on it).
  bool is_head(RevIndex i) const { return children(i).empty(); }
  bool is_real_head(RevIndex i) const { return is_head(i) && dependents(i).empty(); }

  // Heads: no children (real and effective), registration order.
  std::vector<RevIndex> heads() const;
  // Real heads: neither children nor dependents.
  std::vector<RevIndex> real_heads() const;
  // Bases: no parents.
  std::vector<RevIndex> bases() const;

 private:
  std::vector<std::string> ids_;
  std::vector<std::vector<std::string>> labels_;
  // Keys are views of ids_ and labels_, never copies: at 100,000 revisions
  // every copy of the ids costs megabytes.
  std::unordered_map<std::string_view, RevIndex> by_id_;
  std::unordered_map<std::string_view, RevIndex> by_label_;
  IndexLists parents_, deps_, children_, dependents_, norm_deps_;
  // down_[i] is kept only where it differs from parents_[i] (some
  // dependency survives normalization); elsewhere it is empty.
  IndexLists down_;

  // Construction steps, in this order (graph.cpp).
  void index_names();
  void resolve_edges(const RevisionSet& revisions);
  void check_cycles() const;
  void normalize();
  // normalize's parts: a topological rank of every revision, and the
  // dependencies each revision drops (sorted).
  std::vector<int> topological_ranks() const;
  std::vector<std::vector<RevIndex>> dropped_dependencies(const std::vector<int>& rank) const;
};

// The ids of revs, in their order (for messages).
std::vector<std::string> ids_of(const Graph& g, const std::vector<RevIndex>& revs);

}  // namespace lg
