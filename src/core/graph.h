// The revision registry as a validated graph. Vertices are revisions in
// registration order (index 0 = registered first); every tie-break in
// planning uses that order, so plans are a pure function of the registry.
#pragma once
#include "core/firewall.h"
#include "core/revision.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lg {

using RevIndex = int;

class Graph {
 public:
  // Builds and validates the whole registry; throws Error naming the
  // revisions involved (unknown parent/dependency, self-loop, cycle,
  // duplicate or clashing branch label, invalid id).
  explicit Graph(std::vector<Revision> revisions);

  std::size_t size() const noexcept { return revs_.size(); }
  const Revision& rev(RevIndex i) const { return revs_[static_cast<std::size_t>(i)]; }
  const std::string& id(RevIndex i) const { return revs_[static_cast<std::size_t>(i)].id; }

  // Exact id lookup; -1 when absent.
  RevIndex find(std::string_view id) const;
  // Exact branch label lookup; -1 when absent.
  RevIndex find_label(std::string_view label) const;

  // Parents as indexes, in declaration order.
  const std::vector<RevIndex>& parents(RevIndex i) const;
  // Resolved depends_on (labels resolved to the revision carrying them).
  const std::vector<RevIndex>& dependencies(RevIndex i) const;
  // Normalized down-revisions (SEMANTICS.md): parents, then those
  // dependencies that no ancestor already depends on.
  const std::vector<RevIndex>& down(RevIndex i) const;
  // The dependencies kept in down(i) (Alembic's normalized resolved
  // dependencies), in declaration order; may overlap parents(i).
  const std::vector<RevIndex>& normalized_dependencies(RevIndex i) const;
  // Revisions listing i as a parent, in registration order.
  const std::vector<RevIndex>& children(RevIndex i) const;
  // Revisions listing i in depends_on, in registration order.
  const std::vector<RevIndex>& dependents(RevIndex i) const;

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
  std::vector<Revision> revs_;
  std::unordered_map<std::string, RevIndex> by_id_;
  std::unordered_map<std::string, RevIndex> by_label_;
  std::vector<std::vector<RevIndex>> parents_, deps_, down_, children_, dependents_;
  std::vector<std::vector<RevIndex>> norm_deps_;

  // Construction steps, in this order (graph.cpp).
  void index_names();
  void resolve_edges();
  void check_cycles() const;
  void normalize();
};

}  // namespace lg
