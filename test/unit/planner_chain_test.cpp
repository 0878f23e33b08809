// Planning on a linear chain A -> B -> C: every upgrade and downgrade target
// form, the version rows of every step, and every error.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/current.h"
#include "core/history.h"
#include "core/planner.h"
#include "test_support.h"

namespace {

using namespace lg_test;
using lg::Direction;

const std::string A = "1975ea83b712";
const std::string B = "ae1027a6acf";
const std::string C = "27c6a30d7c24";

class Chain : public ::testing::Test {
 protected:
  Graph g = chain();
  Names up(Names rows, const std::string& target) {
    return order(g, lg::plan_upgrade(g, rows, target));
  }
  Names down(Names rows, const std::string& target) {
    return order(g, lg::plan_downgrade(g, rows, target));
  }
};

TEST_F(Chain, UpgradeHeadFromEmptyWithRowsPerStep) {
  Plan p = lg::plan_upgrade(g, {}, "head");
  ASSERT_EQ(order(g, p), (Names{A, B, C}));
  for (const lg::Step& s : p.steps) EXPECT_EQ(s.direction, Direction::Up);
  EXPECT_EQ(ids(g, p.rows_removed[0]), Names{});
  EXPECT_EQ(ids(g, p.rows_added[0]), Names{A});
  EXPECT_EQ(ids(g, p.rows_removed[1]), Names{A});
  EXPECT_EQ(ids(g, p.rows_added[1]), Names{B});
  EXPECT_EQ(ids(g, p.rows_removed[2]), Names{B});
  EXPECT_EQ(ids(g, p.rows_added[2]), Names{C});
  EXPECT_EQ(p.rows_after, Names{C});
}

TEST_F(Chain, UpgradeAbsoluteTargets) {
  EXPECT_EQ(up({}, "heads"), (Names{A, B, C}));
  EXPECT_EQ(up({A}, "head"), (Names{B, C}));
  EXPECT_EQ(up({}, B), (Names{A, B}));
  EXPECT_EQ(up({}, "ae10"), (Names{A, B}));
  EXPECT_EQ(up({A}, "27c"), (Names{B, C}));
}

TEST_F(Chain, UpgradeToAppliedTargetIsANoOp) {
  Plan p = lg::plan_upgrade(g, {C}, "head");
  EXPECT_TRUE(p.steps.empty());
  EXPECT_EQ(p.rows_after, Names{C});
  EXPECT_TRUE(lg::plan_upgrade(g, {C}, A).steps.empty());
  EXPECT_TRUE(lg::plan_upgrade(g, {B}, "base").steps.empty());
  EXPECT_TRUE(lg::plan_upgrade(g, {}, "base").steps.empty());
}

TEST_F(Chain, UpgradeRelativeFromCurrent) {
  EXPECT_EQ(up({}, "+1"), Names{A});
  EXPECT_EQ(up({}, "+3"), (Names{A, B, C}));
  EXPECT_EQ(up({A}, "+2"), (Names{B, C}));
  Plan p = lg::plan_upgrade(g, {A}, "+1");
  EXPECT_EQ(p.rows_after, Names{B});
}

TEST_F(Chain, UpgradeRelativeOvershoot) {
  lg::Error e = error_of([&] { lg::plan_upgrade(g, {}, "+5"); });
  EXPECT_EQ(e.kind(), ErrorKind::RelativeOvershoot);
  EXPECT_STREQ(e.what(), "relative revision +5 didn't produce 5 migrations");
  lg::Error e2 = error_of([&] { lg::plan_upgrade(g, {B}, "+2"); });
  EXPECT_STREQ(e2.what(), "relative revision +2 didn't produce 2 migrations");
  EXPECT_EQ(error_of([&] { lg::plan_upgrade(g, {C}, "+1"); }).kind(), ErrorKind::RelativeOvershoot);
}

TEST_F(Chain, UpgradeRelativeToSymbol) {
  EXPECT_EQ(up({}, A + "+1"), (Names{A, B}));
  EXPECT_EQ(up({}, "1975+2"), (Names{A, B, C}));
  EXPECT_EQ(up({}, "base+1"), Names{A});
  EXPECT_EQ(up({}, C + "-1"), (Names{A, B}));
  EXPECT_EQ(up({}, "head-2"), Names{A});
  EXPECT_EQ(up({A}, "ae10+0"), Names{B});
  // Walking down from the base reaches "base": nothing to apply.
  EXPECT_TRUE(lg::plan_upgrade(g, {}, A + "-1").steps.empty());
  lg::Error e = error_of([&] { lg::plan_upgrade(g, {}, "ae10+2"); });
  EXPECT_EQ(e.kind(), ErrorKind::RelativeOvershoot);
  EXPECT_STREQ(e.what(), "relative revision \"ae10+2\" walks past the end of the revision graph");
}

TEST_F(Chain, UpgradeWithMinusNIsInvalid) {
  lg::Error e = error_of([&] { lg::plan_upgrade(g, {C}, "-1"); });
  EXPECT_EQ(e.kind(), ErrorKind::InvalidTarget);
  EXPECT_STREQ(e.what(), "invalid upgrade target \"-1\"");
}

TEST_F(Chain, UpgradeTargetErrors) {
  EXPECT_EQ(error_of([&] { lg::plan_upgrade(g, {}, "zzz"); }).kind(), ErrorKind::UnknownRevision);
  EXPECT_EQ(error_of([&] { lg::plan_upgrade(g, {}, "head@@"); }).kind(), ErrorKind::InvalidTarget);
  EXPECT_EQ(error_of([&] { lg::plan_upgrade(g, {}, ""); }).kind(), ErrorKind::InvalidTarget);
}

TEST_F(Chain, UnknownCurrentRowIsNamed) {
  lg::Error e = error_of([&] { lg::plan_upgrade(g, {"gone"}, "head"); });
  EXPECT_EQ(e.kind(), ErrorKind::UnknownCurrentRow);
  EXPECT_STREQ(e.what(), "version row \"gone\" is not a registered revision");
  EXPECT_EQ(error_of([&] {
              lg::plan_downgrade(g, {C, "gone"}, "base");
            }).kind(),
            ErrorKind::UnknownCurrentRow);
  EXPECT_EQ(error_of([&] { lg::applied_set(g, {"gone"}); }).kind(), ErrorKind::UnknownCurrentRow);
}

TEST_F(Chain, RedundantRowsAreDroppedByTheFirstStep) {
  Plan p = lg::plan_upgrade(g, {A, B}, "head");
  ASSERT_EQ(order(g, p), Names{C});
  EXPECT_EQ(ids(g, p.rows_removed[0]), (Names{A, B}));
  EXPECT_EQ(ids(g, p.rows_added[0]), Names{C});
  EXPECT_EQ(p.rows_after, Names{C});
}

TEST_F(Chain, DowngradeToBaseWithRowsPerStep) {
  Plan p = lg::plan_downgrade(g, {C}, "base");
  ASSERT_EQ(order(g, p), (Names{C, B, A}));
  for (const lg::Step& s : p.steps) EXPECT_EQ(s.direction, Direction::Down);
  EXPECT_EQ(ids(g, p.rows_removed[0]), Names{C});
  EXPECT_EQ(ids(g, p.rows_added[0]), Names{B});
  EXPECT_EQ(ids(g, p.rows_removed[1]), Names{B});
  EXPECT_EQ(ids(g, p.rows_added[1]), Names{A});
  EXPECT_EQ(ids(g, p.rows_removed[2]), Names{A});
  EXPECT_EQ(ids(g, p.rows_added[2]), Names{});
  EXPECT_TRUE(p.rows_after.empty());
}

TEST_F(Chain, DowngradeAbsoluteTargets) {
  EXPECT_EQ(down({C}, A), (Names{C, B}));
  EXPECT_EQ(down({C}, "ae10"), Names{C});
  EXPECT_EQ(down({B}, "base"), (Names{B, A}));
  Plan p = lg::plan_downgrade(g, {C}, A);
  EXPECT_EQ(p.rows_after, Names{A});
}

TEST_F(Chain, DowngradeToCurrentIsANoOp) {
  EXPECT_TRUE(lg::plan_downgrade(g, {B}, B).steps.empty());
  Plan p = lg::plan_downgrade(g, {C}, "head");
  EXPECT_TRUE(p.steps.empty());
  EXPECT_EQ(p.rows_after, Names{C});
  EXPECT_TRUE(lg::plan_downgrade(g, {}, "base").steps.empty());
}

TEST_F(Chain, DowngradeRelativeFromCurrent) {
  Plan p = lg::plan_downgrade(g, {C}, "-1");
  ASSERT_EQ(order(g, p), Names{C});
  EXPECT_EQ(ids(g, p.rows_removed[0]), Names{C});
  EXPECT_EQ(ids(g, p.rows_added[0]), Names{B});
  EXPECT_EQ(p.rows_after, Names{B});
  EXPECT_EQ(down({C}, "-2"), (Names{C, B}));
  EXPECT_EQ(down({C}, "-3"), (Names{C, B, A}));
  EXPECT_EQ(down({A}, "-1"), Names{A});
}

TEST_F(Chain, DowngradeRelativeOvershoot) {
  lg::Error e = error_of([&] { lg::plan_downgrade(g, {C}, "-4"); });
  EXPECT_EQ(e.kind(), ErrorKind::RelativeOvershoot);
  EXPECT_STREQ(e.what(), "relative revision -4 didn't produce 4 migrations");
  lg::Error empty = error_of([&] { lg::plan_downgrade(g, {}, "-1"); });
  EXPECT_EQ(empty.kind(), ErrorKind::RelativeOvershoot);
  EXPECT_STREQ(empty.what(), "relative revision -1 didn't produce 1 migrations");
}

TEST_F(Chain, DowngradeRelativeToSymbol) {
  EXPECT_EQ(down({C}, C + "-2"), (Names{C, B}));
  EXPECT_EQ(down({C}, "27c6-1"), Names{C});
  EXPECT_EQ(down({C}, A + "+1"), Names{C});
  EXPECT_EQ(down({C}, "head-3"), (Names{C, B, A}));
  EXPECT_EQ(error_of([&] { lg::plan_downgrade(g, {C}, "head-4"); }).kind(),
            ErrorKind::RelativeOvershoot);
}

TEST_F(Chain, DowngradeWithPlusNIsInvalid) {
  lg::Error e = error_of([&] { lg::plan_downgrade(g, {A}, "+1"); });
  EXPECT_EQ(e.kind(), ErrorKind::InvalidTarget);
  EXPECT_STREQ(e.what(), "invalid downgrade target \"+1\"");
}

TEST_F(Chain, DowngradeToATargetNotBelowTheRows) {
  lg::Error e = error_of([&] { lg::plan_downgrade(g, {A}, C); });
  EXPECT_EQ(e.kind(), ErrorKind::InvalidDowngrade);
  EXPECT_STREQ(
      e.what(),
      ("revision \"" + C + "\" is not a valid downgrade target from current heads").c_str());
  EXPECT_EQ(error_of([&] { lg::plan_downgrade(g, {}, A); }).kind(), ErrorKind::InvalidDowngrade);
  EXPECT_EQ(error_of([&] { lg::plan_downgrade(g, {B}, "head"); }).kind(),
            ErrorKind::InvalidDowngrade);
}

TEST_F(Chain, AppliedSet) {
  EXPECT_EQ(lg::applied_set(g, {}), (std::vector<bool>{false, false, false}));
  EXPECT_EQ(lg::applied_set(g, {B}), (std::vector<bool>{true, true, false}));
  EXPECT_EQ(lg::applied_set(g, {C}), (std::vector<bool>{true, true, true}));
}

TEST_F(Chain, HistoryIsNewestFirst) {
  std::vector<lg::RevIndex> h = lg::history_order(g);
  Names names;
  for (lg::RevIndex r : h) names.push_back(g.id(r));
  EXPECT_EQ(names, (Names{C, B, A}));
}

}  // namespace
