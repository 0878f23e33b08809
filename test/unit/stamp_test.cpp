// Stamp (docs/SEMANTICS.md, "Stamp"): one test per rule (base, already a row,
// below a row, above a row, new row, purge), label and dependency lineage,
// several targets over one branch, and target errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/stamp.h"
#include "test_support.h"

namespace {

using namespace lg_test;

// A -> B -> C and B -> D (B is a branch point); a second base X -> Y whose
// base carries the label "other"; W (a third base) depends on A.
class Stamp : public ::testing::Test {
 protected:
  Graph g{{R("A"), R("B", {"A"}), R("C", {"B"}), R("D", {"B"}), R("X", {}, {}, {"other"}),
           R("Y", {"X"}), R("W", {}, {"A"})}};
  Names stamp(const Names& rows, const std::string& target, bool purge = false) {
    return lg::plan_stamp(g, rows, target, purge);
  }
};

TEST_F(Stamp, BaseRemovesEveryRow) {
  EXPECT_EQ(stamp({"C", "Y"}, "base"), Names{});
  EXPECT_EQ(stamp({}, "base"), Names{});
}

TEST_F(Stamp, LabelBaseRemovesTheRowsOnItsLineageOnly) {
  EXPECT_EQ(stamp({"C", "Y"}, "other@base"), Names{"C"});
  EXPECT_EQ(stamp({"C"}, "other@base"), Names{"C"});
}

TEST_F(Stamp, TargetAlreadyARowChangesNothing) {
  EXPECT_EQ(stamp({"C", "Y"}, "C"), (Names{"C", "Y"}));
  EXPECT_EQ(stamp({"D"}, "D"), Names{"D"});
}

TEST_F(Stamp, TargetBelowARowMovesItDown) {
  EXPECT_EQ(stamp({"C"}, "A"), Names{"A"});
  EXPECT_EQ(stamp({"C", "Y"}, "B"), (Names{"B", "Y"}));
  // Rows on both branches above the branch point merge into the target.
  EXPECT_EQ(stamp({"C", "D"}, "B"), Names{"B"});
  EXPECT_EQ(stamp({"C", "D"}, "A"), Names{"A"});
}

TEST_F(Stamp, TargetAboveARowMovesItUp) {
  EXPECT_EQ(stamp({"A"}, "C"), Names{"C"});
  EXPECT_EQ(stamp({"A", "Y"}, "C"), (Names{"C", "Y"}));
  EXPECT_EQ(stamp({"X", "C"}, "Y"), (Names{"C", "Y"}));
}

TEST_F(Stamp, UnrelatedTargetIsANewRow) {
  EXPECT_EQ(stamp({"C"}, "Y"), (Names{"C", "Y"}));
  // D shares no lineage with C (siblings above B): a second row.
  EXPECT_EQ(stamp({"C"}, "D"), (Names{"C", "D"}));
  EXPECT_EQ(stamp({}, "B"), Names{"B"});
}

TEST_F(Stamp, PurgeStartsFromNoRows) {
  EXPECT_EQ(stamp({"C", "Y"}, "A", true), Names{"A"});
  EXPECT_EQ(stamp({"gone"}, "heads", true), (Names{"C", "D", "Y", "W"}));
  EXPECT_EQ(stamp({"gone"}, "base", true), Names{});
  EXPECT_EQ(error_of([&] { stamp({"gone"}, "A"); }).kind(), ErrorKind::UnknownCurrentRow);
}

TEST_F(Stamp, SeveralTargetsOverOneBranchEndAtTheirTips) {
  // Alembic moves the row B to C, then again to D, and crashes; the rows
  // the stamp implies are C and D.
  EXPECT_EQ(stamp({"B"}, "heads"), (Names{"C", "D", "Y", "W"}));
  // C is already a row; the other heads share no lineage with it.
  EXPECT_EQ(stamp({"C"}, "heads"), (Names{"C", "D", "Y", "W"}));
  EXPECT_EQ(stamp({}, "heads"), (Names{"C", "D", "Y", "W"}));
}

TEST_F(Stamp, DependencyLineageCounts) {
  // W depends on A: A is below the row W, so the row moves down to A (as
  // Alembic, whose stamp lineage follows dependencies).
  EXPECT_EQ(stamp({"W"}, "A"), Names{"A"});
  // Stamping W over the row A moves A up to W (W implies A).
  EXPECT_EQ(stamp({"A"}, "W"), Names{"W"});
}

TEST_F(Stamp, RelativeToASymbol) {
  EXPECT_EQ(stamp({}, "C-1"), Names{"B"});
  EXPECT_EQ(stamp({"C"}, "A+1"), Names{"B"});
  EXPECT_EQ(stamp({"C"}, "A-1"), Names{});
}

TEST_F(Stamp, TargetErrors) {
  lg::Error e = error_of([&] { stamp({"C"}, "+1"); });
  EXPECT_EQ(e.kind(), ErrorKind::InvalidTarget);
  EXPECT_STREQ(e.what(), "invalid stamp target \"+1\"");
  EXPECT_EQ(error_of([&] { stamp({"C"}, "-1"); }).kind(), ErrorKind::InvalidTarget);
  EXPECT_EQ(error_of([&] { stamp({}, "zzz"); }).kind(), ErrorKind::UnknownRevision);
  EXPECT_EQ(error_of([&] { stamp({}, "head"); }).kind(), ErrorKind::MultipleHeads);
  EXPECT_EQ(error_of([&] { stamp({}, "C+1"); }).kind(), ErrorKind::RelativeOvershoot);
  EXPECT_EQ(error_of([&] { stamp({}, ""); }).kind(), ErrorKind::InvalidTarget);
}

TEST(StampLabels, LabelHeadAndLabelId) {
  // A -> B (label "left") -> C; A -> D (label "right").
  Graph g({R("A"), R("B", {"A"}, {}, {"left"}), R("C", {"B"}), R("D", {"A"}, {}, {"right"})});
  EXPECT_EQ(lg::plan_stamp(g, {"D"}, "left@head", false), (Names{"C", "D"}));
  EXPECT_EQ(lg::plan_stamp(g, {"C", "D"}, "right@base", false), Names{"C"});
  EXPECT_EQ(lg::plan_stamp(g, {"C", "D"}, "left@B", false), (Names{"B", "D"}));
  EXPECT_EQ(lg::plan_stamp(g, {"A"}, "left@heads", false), Names{"C"});
}

}  // namespace
