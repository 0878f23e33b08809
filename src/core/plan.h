// The plan types: the ordered steps of an upgrade or downgrade and, for each
// step, how the version rows change.  Made by the planner (core/planner.h),
// read by rows, the bridge and the tests, so none of them includes the
// planner for its types.
#pragma once
#include "core/graph.h"
#include "core/index_lists.h"

#include <string>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

enum class Direction { Up, Down };

struct Step {
  RevIndex rev;
  Direction direction;
};

struct Plan {
  std::vector<Step> steps;  // in execution order
  // The version rows step i deletes and inserts: list i of each. Flat
  // lists, not two vectors of ids per step: a 50,000-step plan would
  // otherwise allocate 100,000 small blocks.
  IndexLists rows_removed, rows_added;
  std::vector<std::string> rows_after;  // version rows once every step ran
};

}  // namespace lg
