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
    : g_(g),
      applied_(std::move(applied)),
      is_row_(g.size(), 0),
      above_(g.size(), 0),
      mark_(g.size(), 0) {
  for (std::size_t i = 0; i < g.size(); ++i)
    if (applied_[i])
      for (RevIndex d : g.down(static_cast<RevIndex>(i))) ++above_[at(d)];
  for (RevIndex r : rows) is_row_[at(r)] = 1;
  for (std::size_t i = 0; i < g.size(); ++i)
    if (is_row_[i] && above_[i] > 0) redundant_.push_back(static_cast<RevIndex>(i));
}

void RowTracker::apply(RevIndex r, Direction dir, Plan& plan) {
  plan.steps.push_back(Step{r, dir});
  removed_.clear();
  added_.clear();
  for (RevIndex x : redundant_) {
    is_row_[at(x)] = 0;
    removed_.push_back(x);
  }
  redundant_.clear();

  if (dir == Direction::Up) {
    applied_[at(r)] = true;
    for (RevIndex d : g_.down(r)) {
      if (++above_[at(d)] == 1 && is_row_[at(d)]) {
        is_row_[at(d)] = 0;
        removed_.push_back(d);
      }
    }
    is_row_[at(r)] = 1;
    added_.push_back(r);
  } else {
    applied_[at(r)] = false;
    if (is_row_[at(r)]) {
      is_row_[at(r)] = 0;
      removed_.push_back(r);
    }
    for (RevIndex d : g_.down(r)) {
      if (--above_[at(d)] == 0 && !is_row_[at(d)]) {
        is_row_[at(d)] = 1;
        added_.push_back(d);
      }
    }
  }

  // Net changes only: a redundant row that this step makes a tip again (a
  // downgrade from overlapping rows) is in neither list, so the step never
  // deletes and inserts the same row (one statement does both: the insert
  // would meet the row it deletes on lg.version's key).
  for (RevIndex a : added_) mark_[at(a)] = 1;
  for (RevIndex x : removed_) {
    if (mark_[at(x)])
      mark_[at(x)] = 2;
    else
      plan.rows_removed.push(x);
  }
  for (RevIndex a : added_) {
    if (mark_[at(a)] == 1) plan.rows_added.push(a);
    mark_[at(a)] = 0;
  }
  plan.rows_removed.close();
  plan.rows_added.close();
}

std::vector<std::string> RowTracker::rows() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < is_row_.size(); ++i)
    if (is_row_[i] && above_[i] == 0) out.push_back(g_.id(static_cast<RevIndex>(i)));
  return out;
}

}  // namespace lg
