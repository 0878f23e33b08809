// The database's current version rows as graph indexes.
#pragma once
#include "core/graph.h"

#include <string>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

// Indexes of the rows, first occurrence order, repeats dropped. Throws
// UnknownCurrentRow naming the first row that is not a registered revision.
std::vector<RevIndex> row_indexes(const Graph& g, const std::vector<std::string>& rows);

// Every revision implied applied by the rows (rows plus all their ancestors
// through normalized down-revisions). Throws UnknownCurrentRow.
std::vector<bool> applied_set(const Graph& g, const std::vector<std::string>& current_rows);

// Applied revisions (as applied_set) for rows already resolved.
std::vector<bool> applied_from(const Graph& g, const std::vector<RevIndex>& rows);

// The applied revisions that no applied revision has as a parent: the tips
// of the applied set through parents only (Alembic's branch heads of
// _get_all_current), in registration order.
std::vector<RevIndex> parent_tips(const Graph& g, const std::vector<bool>& applied);

// The applied revisions that no applied revision has as a normalized
// down-revision: exactly the version rows of that applied set, in
// registration order.
std::vector<RevIndex> applied_tips(const Graph& g, const std::vector<bool>& applied);

}  // namespace lg
