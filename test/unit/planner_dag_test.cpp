// Planning on branched graphs: diamond order (Alembic's walk), two heads,
// merges collapsing rows, branch labels, dependencies, applied sets and
// history order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/current.h"
#include "core/history.h"
#include "core/planner.h"
#include "test_support.h"

namespace {

using namespace lg_test;

TEST(Diamond, UpgradeOrderAppliesLastParentBranchFirst) {
  Graph g = diamond();
  Plan p = lg::plan_upgrade(g, {}, "head");
  ASSERT_EQ(order(g, p), (Names{"A", "C", "B", "M"}));
  EXPECT_EQ(ids(g, p.rows_added[0]), Names{"A"});
  EXPECT_EQ(ids(g, p.rows_removed[1]), Names{"A"});
  EXPECT_EQ(ids(g, p.rows_added[1]), Names{"C"});
  EXPECT_EQ(ids(g, p.rows_removed[2]), Names{});  // A is already implied by C
  EXPECT_EQ(ids(g, p.rows_added[2]), Names{"B"});
  // The merge collapses both rows into one.
  EXPECT_EQ(ids(g, p.rows_removed[3]), (Names{"B", "C"}));
  EXPECT_EQ(ids(g, p.rows_added[3]), Names{"M"});
  EXPECT_EQ(p.rows_after, Names{"M"});
}

TEST(Diamond, ParentOrderDecidesTheUpgradeOrder) {
  Graph g({R("A"), R("B", {"A"}), R("C", {"A"}), R("M", {"C", "B"})});
  EXPECT_EQ(order(g, lg::plan_upgrade(g, {}, "head")), (Names{"A", "B", "C", "M"}));
}

TEST(Diamond, UpgradeFromOneBranchToTheMerge) {
  Graph g = diamond();
  Plan p = lg::plan_upgrade(g, {"B"}, "M");
  ASSERT_EQ(order(g, p), (Names{"C", "M"}));
  EXPECT_EQ(ids(g, p.rows_removed[0]), Names{});
  EXPECT_EQ(ids(g, p.rows_added[0]), Names{"C"});
  EXPECT_EQ(ids(g, p.rows_removed[1]), (Names{"B", "C"}));
  EXPECT_EQ(p.rows_after, Names{"M"});
}

TEST(Diamond, DowngradeToBaseOrderAndRows) {
  Graph g = diamond();
  Plan p = lg::plan_downgrade(g, {"M"}, "base");
  ASSERT_EQ(order(g, p), (Names{"M", "B", "C", "A"}));
  EXPECT_EQ(ids(g, p.rows_removed[0]), Names{"M"});
  EXPECT_EQ(ids(g, p.rows_added[0]), (Names{"B", "C"}));
  EXPECT_EQ(ids(g, p.rows_removed[1]), Names{"B"});
  EXPECT_EQ(ids(g, p.rows_added[1]), Names{});
  EXPECT_EQ(ids(g, p.rows_removed[2]), Names{"C"});
  EXPECT_EQ(ids(g, p.rows_added[2]), Names{"A"});
  EXPECT_EQ(ids(g, p.rows_removed[3]), Names{"A"});
  EXPECT_TRUE(p.rows_after.empty());
}

TEST(Diamond, DowngradeBelowTheMergeUnmergesRows) {
  Graph g = diamond();
  Plan toB = lg::plan_downgrade(g, {"M"}, "B");
  EXPECT_EQ(order(g, toB), Names{"M"});
  EXPECT_EQ(toB.rows_after, (Names{"B", "C"}));
  Plan toA = lg::plan_downgrade(g, {"M"}, "A");
  EXPECT_EQ(order(g, toA), (Names{"M", "B", "C"}));
  EXPECT_EQ(toA.rows_after, Names{"A"});
  lg::Error e = error_of([&] { lg::plan_downgrade(g, {"M"}, "-1"); });
  EXPECT_EQ(e.kind(), ErrorKind::AmbiguousWalk);
}

TEST(TwoHeads, UpgradeHeadsAppliesFirstRegisteredHeadLast) {
  Graph g = two_heads();
  Plan p = lg::plan_upgrade(g, {}, "heads");
  ASSERT_EQ(order(g, p), (Names{"A", "B2", "B1"}));
  EXPECT_EQ(ids(g, p.rows_removed[1]), Names{"A"});
  EXPECT_EQ(ids(g, p.rows_added[1]), Names{"B2"});
  EXPECT_EQ(ids(g, p.rows_removed[2]), Names{});
  EXPECT_EQ(ids(g, p.rows_added[2]), Names{"B1"});
  EXPECT_EQ(p.rows_after, (Names{"B1", "B2"}));
}

TEST(TwoHeads, HeadIsAmbiguous) {
  Graph g = two_heads();
  lg::Error e = error_of([&] { lg::plan_upgrade(g, {}, "head"); });
  EXPECT_EQ(e.kind(), ErrorKind::MultipleHeads);
  EXPECT_EQ(e.hint(), "Use \"heads\", \"<label>@head\" or a revision id.");
}

TEST(TwoHeads, UpgradeAnotherBranchAddsARow) {
  Graph g = two_heads();
  Plan p = lg::plan_upgrade(g, {"B1"}, "right@head");
  ASSERT_EQ(order(g, p), Names{"B2"});
  EXPECT_EQ(ids(g, p.rows_removed[0]), Names{});
  EXPECT_EQ(ids(g, p.rows_added[0]), Names{"B2"});
  EXPECT_EQ(p.rows_after, (Names{"B1", "B2"}));
  EXPECT_EQ(order(g, lg::plan_upgrade(g, {}, "left@heads")), (Names{"A", "B1"}));
}

TEST(TwoHeads, RelativeUpgradeNeedsALineage) {
  Graph g = two_heads();
  EXPECT_EQ(error_of([&] { lg::plan_upgrade(g, {"A"}, "+1"); }).kind(), ErrorKind::AmbiguousWalk);
  EXPECT_EQ(order(g, lg::plan_upgrade(g, {"A"}, "right@+1")), Names{"B2"});
  EXPECT_EQ(order(g, lg::plan_upgrade(g, {}, "left@+2")), (Names{"A", "B1"}));
  lg::Error e = error_of([&] { lg::plan_upgrade(g, {"B1", "B2"}, "+1"); });
  EXPECT_EQ(e.kind(), ErrorKind::AmbiguousCurrent);
  EXPECT_STREQ(e.what(), "ambiguous upgrade from multiple current revisions");
}

TEST(TwoHeads, DowngradeOneBranch) {
  Graph g = two_heads();
  lg::Error e = error_of([&] { lg::plan_downgrade(g, {"B1", "B2"}, "-1"); });
  EXPECT_EQ(e.kind(), ErrorKind::AmbiguousCurrent);
  Plan p = lg::plan_downgrade(g, {"B1", "B2"}, "left@-1");
  ASSERT_EQ(order(g, p), Names{"B1"});
  EXPECT_EQ(ids(g, p.rows_removed[0]), Names{"B1"});
  EXPECT_EQ(ids(g, p.rows_added[0]), Names{});
  EXPECT_EQ(p.rows_after, Names{"B2"});
  // label@<branchpoint> removes that branch and keeps the other.
  EXPECT_EQ(lg::plan_downgrade(g, {"B1", "B2"}, "right@A").rows_after, Names{"B1"});
  // Without a label, the branch point takes both branches down.
  Plan both = lg::plan_downgrade(g, {"B1", "B2"}, "A");
  EXPECT_EQ(order(g, both), (Names{"B1", "B2"}));
  EXPECT_EQ(both.rows_after, Names{"A"});
}

TEST(Dependencies, UpgradeAppliesDependencyAndCollapsesItsRow) {
  // b's parent is a; b depends on x (another base).
  Graph g({R("x"), R("a"), R("b", {"a"}, {"x"})});
  Plan p = lg::plan_upgrade(g, {}, "b");
  ASSERT_EQ(order(g, p), (Names{"x", "a", "b"}));
  EXPECT_EQ(ids(g, p.rows_removed[2]), (Names{"a", "x"}));
  EXPECT_EQ(ids(g, p.rows_added[2]), Names{"b"});
  EXPECT_EQ(p.rows_after, Names{"b"});
  // Downgrading b restores both rows.
  Plan d = lg::plan_downgrade(g, {"b"}, "a");
  ASSERT_EQ(order(g, d), Names{"b"});
  EXPECT_EQ(d.rows_after, (Names{"x", "a"}));
}

TEST(Dependencies, MergeWhoseParentIsAppliedOnlyAsAnAncestor) {
  // M merges B and C, but B is also C's parent (Alembic's crash case).
  Graph g({R("A"), R("B", {"A"}), R("C", {"B"}), R("M", {"B", "C"})});
  Plan p = lg::plan_upgrade(g, {"C"}, "M");
  ASSERT_EQ(order(g, p), Names{"M"});
  EXPECT_EQ(ids(g, p.rows_removed[0]), Names{"C"});
  EXPECT_EQ(p.rows_after, Names{"M"});
  Plan d = lg::plan_downgrade(g, {"M"}, "C");
  EXPECT_EQ(d.rows_after, Names{"C"});
}

TEST(AppliedSet, FollowsNormalizedDownRevisions) {
  Graph g({R("x"), R("a"), R("b", {"a"}, {"x"}), R("c", {"a"})});
  EXPECT_EQ(lg::applied_set(g, {"b"}), (std::vector<bool>{true, true, true, false}));
  EXPECT_EQ(lg::applied_set(g, {"c"}), (std::vector<bool>{false, true, false, true}));
  Graph d = diamond();
  EXPECT_EQ(lg::applied_set(d, {"B"}), (std::vector<bool>{true, true, false, false}));
  EXPECT_EQ(lg::applied_set(d, {"M"}), (std::vector<bool>{true, true, true, true}));
}

TEST(History, WalkOrderNewestFirst) {
  Graph d = diamond();
  EXPECT_EQ(ids(d, lg::history_order(d)), (Names{"M", "B", "C", "A"}));
  Graph t = two_heads();
  EXPECT_EQ(ids(t, lg::history_order(t)), (Names{"B1", "B2", "A"}));
  Graph dep({R("a"), R("b", {"a"}), R("c"), R("d", {"c"}, {"b"})});
  EXPECT_EQ(ids(dep, lg::history_order(dep)), (Names{"d", "c", "b", "a"}));
}

// B is applied only as X's dependency: nothing above it is applied and it
// is not a row, so it is no downgrade target (as Alembic); A is (it drops X
// and B). Found by the differential test against Alembic.
TEST(Dependencies, DowngradeToARevisionAppliedOnlyAsADependency) {
  Graph g({R("A"), R("B", {"A"}), R("X", {}, {"B"})});
  lg::Error e = error_of([&] { lg::plan_downgrade(g, {"X"}, "B"); });
  EXPECT_EQ(e.kind(), ErrorKind::InvalidDowngrade);
  EXPECT_STREQ(e.what(), "revision \"B\" is not a valid downgrade target from current heads");
  Plan p = lg::plan_downgrade(g, {"X"}, "A");
  EXPECT_EQ(order(g, p), (Names{"X", "B"}));
  EXPECT_EQ(p.rows_after, Names{"A"});
}

}  // namespace
