// The tips of an applied set, for lg_adopt: linear in the set and its edges.
#include "core/adopt.h"

#include <cstddef>

namespace lg {

std::vector<RevIndex> set_tips(const Graph& g, std::vector<char>& members, bool close,
                               std::pair<RevIndex, RevIndex>* gap) {
  const std::size_t n = g.size();
  auto at = [](RevIndex i) { return static_cast<std::size_t>(i); };
  if (close) {
    std::vector<RevIndex> stack;
    for (std::size_t v = 0; v < n; ++v)
      if (members[v]) stack.push_back(static_cast<RevIndex>(v));
    while (!stack.empty()) {
      RevIndex v = stack.back();
      stack.pop_back();
      for (RevIndex d : g.down(v))
        if (!members[at(d)]) {
          members[at(d)] = 1;
          stack.push_back(d);
        }
    }
  }
  std::vector<char> below(n, 0);
  for (std::size_t v = 0; v < n; ++v) {
    if (!members[v]) continue;
    for (RevIndex d : g.down(static_cast<RevIndex>(v))) {
      if (!members[at(d)]) {
        if (gap != nullptr) *gap = {static_cast<RevIndex>(v), d};
        return {};
      }
      below[at(d)] = 1;
    }
  }
  std::vector<RevIndex> tips;
  for (std::size_t v = 0; v < n; ++v)
    if (members[v] && !below[v]) tips.push_back(static_cast<RevIndex>(v));
  return tips;
}

}  // namespace lg
