// Unordered steps: two steps of one plan whose revisions have no ancestry
// between them (through parents and dependencies), so that the plan's step
// order alone decides which runs first; and, given what each step touches,
// the unordered pairs that change, or change and depend on, the same unit
// (lg_lint's unordered_conflict rule).
//
// Ancestry is computed over the plan only: every ancestor of a planned
// revision that is not applied is itself in the plan, so restricting to it
// loses nothing.  The closure is built 64 plan positions at a time (one
// machine word per step and block, both directions), so time is
// O(n/64 * (n + edges)) and memory O(n + edges): a 1,000-step plan takes 16
// passes over it, a 50,000-step plan 782 passes and a few megabytes,
// never an n-by-n matrix.
#pragma once
#include "core/graph.h"
#include "core/index_lists.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

class StepAncestry {
 public:
  // revs: the plan's revisions in step order (distinct).
  StepAncestry(const Graph& g, const std::vector<RevIndex>& revs);

  std::size_t size() const noexcept { return n_; }
  // Whether step i is unordered with at least one other step.
  bool in_pair(std::size_t i) const { return in_pair_[i] != 0; }
  // The last step (in step order) that is in a pair; -1 when none is.
  long last_in_pair() const noexcept { return last_in_pair_; }
  // For each query (i, j) of step positions: 1 when i != j and neither
  // revision is an ancestor of the other, else 0.
  std::vector<char> unordered(const std::vector<std::pair<int, int>>& queries) const;
  // Every unordered pair (i, j), i < j, ordered by j then i.  Its size can
  // be quadratic in the plan (two long parallel branches): for tests and
  // small plans; lint asks unordered() about the pairs that share a unit.
  std::vector<std::pair<int, int>> pairs() const;

 private:
  std::size_t n_;
  std::vector<int> topo_;  // positions, ancestors before descendants
  IndexLists preds_;       // per position: positions of its parents and dependencies
  IndexLists succs_;       // the reverse
  std::vector<char> in_pair_;
  long last_in_pair_ = -1;

  // Calls fn(lo, hi, anc, desc) for each block [lo, hi) of at most 64
  // positions: bit k of anc[v] says position lo + k is a proper ancestor of
  // v, of desc[v] that it is a proper descendant.
  template <class Fn>
  void for_each_block(Fn&& fn) const;
};

// What one step touches: a unit (an id the caller assigns), changed or
// depended on.
struct UnitTouch {
  int step;
  int unit;
  bool changes;  // false: depends on it
};

// One unit shared by an unordered pair of steps (first < second in step
// order), at least one of them changing it.
struct UnitConflict {
  int first;
  int second;
  int unit;
  bool first_changes;
  bool second_changes;
};

// Every (pair, unit) conflict, ordered by second step, first step, unit.
// A step that both changes and depends on a unit counts as changing it.
std::vector<UnitConflict> unordered_conflicts(const StepAncestry& a,
                                              const std::vector<UnitTouch>& touches);

}  // namespace lg
