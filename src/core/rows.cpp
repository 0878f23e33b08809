// Row bookkeeping with one counter per revision: above_[i] counts applied
// revisions listing i among their normalized down-revisions; an applied
// revision is a tip (a row) exactly when that count is zero.
#include "core/rows.h"

#include <cstddef>
#include <utility>

namespace lg {

namespace {

std::size_t at(RevIndex i) { return static_cast<std::size_t>(i); }

}  // namespace

RowTracker::RowTracker(const Graph& g, const std::vector<RevIndex>& rows,
                       std::vector<bool> applied)
    : g_(g), applied_(std::move(applied)), is_row_(g.size(), 0), above_(g.size(), 0) {
  for (std::size_t i = 0; i < g.size(); ++i)
    if (applied_[i])
      for (RevIndex d : g.down(static_cast<RevIndex>(i))) ++above_[at(d)];
  for (RevIndex r : rows) is_row_[at(r)] = 1;
  for (std::size_t i = 0; i < g.size(); ++i)
    if (is_row_[i] && above_[i] > 0) redundant_.push_back(static_cast<RevIndex>(i));
}

void RowTracker::apply(RevIndex r, Direction dir, Plan& plan) {
  plan.steps.push_back(Step{r, dir});
  IndexLists& removed = plan.rows_removed;
  IndexLists& added = plan.rows_added;
  for (RevIndex x : redundant_) {
    is_row_[at(x)] = 0;
    removed.push(x);
  }
  redundant_.clear();

  if (dir == Direction::Up) {
    applied_[at(r)] = true;
    for (RevIndex d : g_.down(r)) {
      if (++above_[at(d)] == 1 && is_row_[at(d)]) {
        is_row_[at(d)] = 0;
        removed.push(d);
      }
    }
    is_row_[at(r)] = 1;
    added.push(r);
  } else {
    applied_[at(r)] = false;
    if (is_row_[at(r)]) {
      is_row_[at(r)] = 0;
      removed.push(r);
    }
    for (RevIndex d : g_.down(r)) {
      if (--above_[at(d)] == 0 && !is_row_[at(d)]) {
        is_row_[at(d)] = 1;
        added.push(d);
      }
    }
  }
  removed.close();
  added.close();
}

std::vector<std::string> RowTracker::rows() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < is_row_.size(); ++i)
    if (is_row_[i]) out.push_back(g_.id(static_cast<RevIndex>(i)));
  return out;
}

}  // namespace lg
