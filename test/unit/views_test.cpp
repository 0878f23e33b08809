// Branch points, effective heads and revisions applied only through
// depends_on (views).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/history_range.h"
#include "core/merge.h"
#include "core/history.h"
#include "core/planner.h"
#include "core/views.h"
#include "test_support.h"

namespace {

using namespace lg_test;

TEST(Views, BranchPointsAndHeads) {
  // A -> B, A -> C, B -> D, B -> E, M(D, E); F depends on C.
  Graph g({R("A"), R("B", {"A"}), R("C", {"A"}), R("D", {"B"}), R("E", {"B"}), R("M", {"D", "E"}),
           R("F", {}, {"C"})});
  EXPECT_EQ(ids(g, lg::branch_points(g)), (Names{"A", "B"}));
  EXPECT_EQ(ids(g, g.heads()), (Names{"C", "M", "F"}));
  EXPECT_EQ(ids(g, g.real_heads()), (Names{"M", "F"}));
  EXPECT_TRUE(g.is_head(g.find("C")));
  EXPECT_FALSE(g.is_real_head(g.find("C")));
  EXPECT_TRUE(g.is_real_head(g.find("M")));
  EXPECT_FALSE(g.is_head(g.find("A")));
  EXPECT_TRUE(lg::branch_points(Graph({R("A"), R("B", {"A"})})).empty());
}

TEST(Views, AppliedThroughDependencies) {
  // A -> B -> C; X -> Y depends on B.
  Graph g({R("A"), R("B", {"A"}), R("C", {"B"}), R("X"), R("Y", {"X"}, {"B"})});
  EXPECT_EQ(ids(g, lg::applied_through_dependencies(g, {"Y"})), (Names{"A", "B"}));
  EXPECT_TRUE(lg::applied_through_dependencies(g, {"Y", "C"}).empty());
  EXPECT_TRUE(lg::applied_through_dependencies(g, {"C"}).empty());
  EXPECT_TRUE(lg::applied_through_dependencies(g, {}).empty());
  EXPECT_EQ(error_of([&] { lg::applied_through_dependencies(g, {"gone"}); }).kind(),
            ErrorKind::UnknownCurrentRow);
}

}  // namespace
