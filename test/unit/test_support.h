// Helpers shared by the GoogleTest files of test/unit (namespace lg_test):
// the Names alias and the common using-declarations of lg types, R() to
// build a Revision, ids() and order() to turn revision indexes and plan steps
// into id strings, error_of() to capture the lg::Error a call throws, and the
// small graphs several files test on (chain, diamond, two_heads).
// A test file includes this header and writes `using namespace lg_test;`.
#ifndef LG_TEST_UNIT_TEST_SUPPORT_H
#define LG_TEST_UNIT_TEST_SUPPORT_H

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/graph.h"
#include "core/planner.h"
#include "core/revision.h"

namespace lg_test {

using lg::ErrorKind;
using lg::Graph;
using lg::Plan;
using lg::RevIndex;
using lg::Revision;
using Names = std::vector<std::string>;

// A revision: id, parents, depends_on, branch labels.
inline Revision R(std::string id, Names parents = {}, Names deps = {}, Names labels = {}) {
  return Revision{std::move(id), std::move(parents), std::move(deps), std::move(labels)};
}

// The ids of revs, in the given order.
inline Names ids(const Graph& g, const std::vector<RevIndex>& revs) {
  Names out;
  for (RevIndex r : revs) out.push_back(g.id(r));
  return out;
}
// (Walks the list itself: through a temporary vector, GCC 14 at -O2 warns
// -Wfree-nonheap-object on the vector's destructor, a false positive.)
inline Names ids(const Graph& g, lg::IndexList revs) {
  Names out;
  for (RevIndex r : revs) out.push_back(g.id(r));
  return out;
}

// The ids of the plan's steps, in order.
inline Names order(const Graph& g, const Plan& p) {
  Names out;
  for (const lg::Step& s : p.steps) out.push_back(g.id(s.rev));
  return out;
}

// The lg::Error that f() throws (a test failure if none).
template <class F>
lg::Error error_of(F&& f) {
  try {
    f();
  } catch (const lg::Error& e) {
    return e;
  }
  ADD_FAILURE() << "no lg::Error thrown";
  return lg::Error(ErrorKind::InvalidId, "<none>");
}

// 1975ea83b712 -> ae1027a6acf -> 27c6a30d7c24 (the Alembic tutorial chain).
inline Graph chain() {
  return Graph(
      {R("1975ea83b712"), R("ae1027a6acf", {"1975ea83b712"}), R("27c6a30d7c24", {"ae1027a6acf"})});
}

// A -> B, A -> C, M(B, C).
inline Graph diamond() { return Graph({R("A"), R("B", {"A"}), R("C", {"A"}), R("M", {"B", "C"})}); }

// A -> B1 (label "left"), A -> B2 (label "right").
inline Graph two_heads() {
  return Graph({R("A"), R("B1", {"A"}, {}, {"left"}), R("B2", {"A"}, {}, {"right"})});
}

// root -> l1 -> l2 (label "left" on l2), root -> r1 (label "right").
inline Graph forked() {
  return Graph({R("root"), R("l1", {"root"}), R("r1", {"root"}, {}, {"right"}),
                R("l2", {"l1"}, {}, {"left"})});
}

}  // namespace lg_test

#endif  // LG_TEST_UNIT_TEST_SUPPORT_H
