// Revisions in flat storage, the form Graph is built from: every name (id,
// parents, depends_on, branch labels) back to back in one string, and per
// revision the range of its names. A std::vector<Revision> costs a few heap
// blocks per revision; this costs a few blocks in all, which is what a
// backend loading 100,000 revisions pays for in fresh pages.
#pragma once
#include "core/revision.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

class RevisionSet;

// A read-only view of some of a revision's names.
class NameList {
 public:
  NameList(const RevisionSet* set, std::size_t first, std::size_t count)
      : set_(set), first_(first), count_(count) {}
  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  std::string_view operator[](std::size_t k) const;

  class iterator {
   public:
    iterator(const NameList* list, std::size_t k) : list_(list), k_(k) {}
    std::string_view operator*() const { return (*list_)[k_]; }
    iterator& operator++() {
      ++k_;
      return *this;
    }
    bool operator!=(const iterator& other) const { return k_ != other.k_; }

   private:
    const NameList* list_;
    std::size_t k_;
  };
  iterator begin() const { return iterator(this, 0); }
  iterator end() const { return iterator(this, count_); }

 private:
  const RevisionSet* set_;
  std::size_t first_, count_;
};

class RevisionSet {
 public:
  RevisionSet() : name_end_{0} {}
  explicit RevisionSet(const std::vector<Revision>& revisions);

  // Room for revisions more revisions holding names more names of
  // name_bytes characters in all.
  void reserve(std::size_t revisions, std::size_t names, std::size_t name_bytes);
  // Appends a revision; its names are copied. The three lists are read
  // as pointer and count.
  void add(std::string_view id, const std::string_view* parents, std::size_t nparents,
           const std::string_view* depends_on, std::size_t ndepends_on,
           const std::string_view* labels, std::size_t nlabels);

  // Appends a copy of revision i of other.
  void append(const RevisionSet& other, std::size_t i);

  std::size_t size() const noexcept { return shape_.size(); }
  std::string_view id(std::size_t i) const { return name(shape_[i].first); }
  NameList parents(std::size_t i) const {
    return NameList(this, shape_[i].first + 1, shape_[i].nparents);
  }
  NameList depends_on(std::size_t i) const {
    return NameList(this, shape_[i].first + 1 + shape_[i].nparents, shape_[i].ndepends_on);
  }
  NameList labels(std::size_t i) const {
    return NameList(this, shape_[i].first + 1 + shape_[i].nparents + shape_[i].ndepends_on,
                    shape_[i].nlabels);
  }
  // Name k of the whole set.
  std::string_view name(std::size_t k) const {
    return std::string_view(chars_).substr(name_end_[k], name_end_[k + 1] - name_end_[k]);
  }

 private:
  struct Shape {
    std::size_t first;  // index of the id among all names; parents, deps, labels follow
    std::uint32_t nparents, ndepends_on, nlabels;
  };
  std::string chars_;
  std::vector<std::size_t> name_end_;  // name k = chars_[name_end_[k], name_end_[k + 1])
  std::vector<Shape> shape_;

  void push_name(std::string_view s);
};

inline std::string_view NameList::operator[](std::size_t k) const { return set_->name(first_ + k); }

}  // namespace lg
