// Adopting another tool's history (lg_adopt): the version rows of a set of
// applied revisions.
#pragma once
#include "core/firewall.h"
#include "core/graph.h"

#include <utility>
#include <vector>

namespace lg {

// The tips of members (members[i] != 0): the members that no other member
// has as a down-revision, in registration order. With close, members is
// first closed under down-revisions (Alembic's rows name tips only);
// without, a member whose down-revision is not a member is a gap: *gap is
// set to the first such (member, down-revision) pair in registration order
// and the result is empty.
std::vector<RevIndex> set_tips(const Graph& g, std::vector<char>& members, bool close,
                               std::pair<RevIndex, RevIndex>* gap);

}  // namespace lg
