// Current rows: validation against the registry and the applied set they imply.
#include "core/current.h"

#include <algorithm>
#include <cstddef>

#include "core/error.h"
#include "core/planner.h"
#include "core/text.h"
#include "core/traverse.h"

namespace lg {

std::vector<RevIndex> row_indexes(const Graph& g, const std::vector<std::string>& rows) {
  std::vector<RevIndex> out;
  std::vector<char> seen(g.size(), 0);  // repeated rows, in linear time
  for (const std::string& row : rows) {
    RevIndex r = g.find(row);
    if (r < 0)
      throw Error(ErrorKind::UnknownCurrentRow,
                  "version row " + quote(row) + " is not a registered revision",
                  "The version table names a revision that the registry does not contain.",
                  "Register the revision again, or stamp the database to a known revision.");
    if (!seen[static_cast<std::size_t>(r)]++) out.push_back(r);
  }
  return out;
}

std::vector<bool> applied_from(const Graph& g, const std::vector<RevIndex>& rows) {
  std::vector<char> marks = ancestors(g, rows, Via::Down);
  return std::vector<bool>(marks.begin(), marks.end());
}

std::vector<RevIndex> parent_tips(const Graph& g, const std::vector<bool>& applied) {
  std::vector<RevIndex> out;
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (!applied[i]) continue;
    const auto& kids = g.children(static_cast<RevIndex>(i));
    bool tip = std::none_of(kids.begin(), kids.end(),
                            [&](RevIndex c) { return applied[static_cast<std::size_t>(c)]; });
    if (tip) out.push_back(static_cast<RevIndex>(i));
  }
  return out;
}

std::vector<RevIndex> applied_tips(const Graph& g, const std::vector<bool>& applied) {
  std::vector<char> below(g.size(), 0);
  for (std::size_t i = 0; i < g.size(); ++i)
    if (applied[i])
      for (RevIndex d : g.down(static_cast<RevIndex>(i))) below[static_cast<std::size_t>(d)] = 1;
  std::vector<RevIndex> out;
  for (std::size_t i = 0; i < g.size(); ++i)
    if (applied[i] && !below[i]) out.push_back(static_cast<RevIndex>(i));
  return out;
}

std::vector<bool> applied_set(const Graph& g, const std::vector<std::string>& current_rows) {
  return applied_from(g, row_indexes(g, current_rows));
}

}  // namespace lg
