// One list of revision indexes per revision (parents, children, ...), all
// in one flat array with an offset per revision (compressed sparse rows).
// A std::vector per revision costs 24 bytes plus an allocation even when
// empty; here a revision costs 4 bytes plus 4 per entry, which is what
// keeps a 100,000-revision registry small in a backend's memory. Lists keep
// the order they were written in (declaration order matters to planning),
// which Boost's compressed_sparse_row_graph does not promise for in-edges.
#pragma once
#include "core/firewall.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lg {

using RevIndex = int;

// A read-only view of one list; converts to a vector where a copy is needed.
class IndexList {
 public:
  IndexList(const RevIndex* begin, const RevIndex* end) : begin_(begin), end_(end) {}
  const RevIndex* begin() const noexcept { return begin_; }
  const RevIndex* end() const noexcept { return end_; }
  std::size_t size() const noexcept { return static_cast<std::size_t>(end_ - begin_); }
  bool empty() const noexcept { return begin_ == end_; }
  RevIndex operator[](std::size_t i) const { return begin_[i]; }
  RevIndex front() const { return *begin_; }
  RevIndex back() const { return end_[-1]; }
  explicit operator std::vector<RevIndex>() const { return std::vector<RevIndex>(begin_, end_); }

 private:
  const RevIndex* begin_;
  const RevIndex* end_;
};

// Written list by list, in revision order: push entries of the open list,
// then close it; list i is the i-th closed.
class IndexLists {
 public:
  IndexLists() : offsets_{0} {}

  void push(RevIndex v) { items_.push_back(v); }
  // Appends v to the open list unless it is already there (lists are short).
  void push_unique(RevIndex v);
  void close() { offsets_.push_back(static_cast<std::uint32_t>(items_.size())); }
  // Closes the open list without its repeats (first occurrences kept, in
  // order), in time linear in its length: push_unique is quadratic for a
  // revision with 150,000 parents.  seen has a zero flag for every possible
  // entry and is left all zero.
  void close_unique(std::vector<char>& seen);
  // Room for lists more lists and items more entries: no regrowth (in a
  // fresh backend every page a regrowth touches is a page fault).
  void reserve(std::size_t lists, std::size_t items) {
    offsets_.reserve(offsets_.size() + lists);
    items_.reserve(items_.size() + items);
  }
  // True when every entry of list i is below i: the lists then follow the
  // revisions' order, which is a topological order of the edges they hold.
  bool all_below_own_index() const;

  std::size_t size() const noexcept { return offsets_.size() - 1; }
  std::size_t total() const noexcept { return items_.size(); }  // entries over all lists
  IndexList operator[](std::size_t i) const {
    return IndexList(items_.data() + offsets_[i], items_.data() + offsets_[i + 1]);
  }

  // The reverse relation over n revisions: list v of the result holds every
  // i whose list holds v, in increasing i.
  IndexLists transposed(std::size_t n) const;

 private:
  std::vector<std::uint32_t> offsets_;  // list i: items_[offsets_[i] .. offsets_[i+1])
  std::vector<RevIndex> items_;
};

}  // namespace lg
