#include "core/index_lists.h"

#include <algorithm>

namespace lg {

void IndexLists::push_unique(RevIndex v) {
  auto open = items_.begin() + static_cast<std::ptrdiff_t>(offsets_.back());
  if (std::find(open, items_.end(), v) == items_.end()) items_.push_back(v);
}

void IndexLists::close_unique(std::vector<char>& seen) {
  auto open = items_.begin() + static_cast<std::ptrdiff_t>(offsets_.back());
  auto out = open;
  for (auto it = open; it != items_.end(); ++it) {
    char& flag = seen[static_cast<std::size_t>(*it)];
    if (flag) continue;
    flag = 1;
    *out++ = *it;
  }
  items_.erase(out, items_.end());
  for (auto it = open; it != items_.end(); ++it) seen[static_cast<std::size_t>(*it)] = 0;
  close();
}

bool IndexLists::all_below_own_index() const {
  for (std::size_t i = 0; i < size(); ++i)
    for (RevIndex v : (*this)[i])
      if (static_cast<std::size_t>(v) >= i) return false;
  return true;
}

// A counting sort: count each target, place the sources in increasing order.
IndexLists IndexLists::transposed(std::size_t n) const {
  IndexLists out;
  out.offsets_.assign(n + 1, 0);
  for (RevIndex v : items_) ++out.offsets_[static_cast<std::size_t>(v) + 1];
  for (std::size_t v = 0; v < n; ++v) out.offsets_[v + 1] += out.offsets_[v];
  out.items_.resize(items_.size());
  std::vector<std::uint32_t> next(out.offsets_.begin(), out.offsets_.end() - 1);
  for (std::size_t i = 0; i < size(); ++i)
    for (RevIndex v : (*this)[i])
      out.items_[next[static_cast<std::size_t>(v)]++] = static_cast<RevIndex>(i);
  return out;
}

}  // namespace lg
