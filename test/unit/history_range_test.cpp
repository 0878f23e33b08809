// History ranges (history_range): Alembic's "a:b" forms, relative ends,
// labels, and malformed ranges.
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

// A -> B -> C -> M(C, E) -> N, B -> D -> E; a second base X (label
// "side") -> Y.
class HistoryRange : public ::testing::Test {
 protected:
  Graph g{{R("A"), R("B", {"A"}), R("C", {"B"}), R("D", {"B"}), R("E", {"D"}), R("M", {"C", "E"}),
           R("N", {"M"}), R("X", {}, {}, {"side"}), R("Y", {"X"})}};
  Names h(const std::string& range, const Names& rows = {}) {
    return ids(g, lg::history_range(g, rows, range));
  }
};

TEST_F(HistoryRange, WholeRangeIsHistoryOrder) {
  const Names all = ids(g, lg::history_order(g));
  EXPECT_EQ(h(":"), all);
  EXPECT_EQ(h("base:heads"), all);
  EXPECT_EQ(h("base:"), all);
  EXPECT_EQ(h(":heads"), all);
}

TEST_F(HistoryRange, BothEndsIncluded) {
  EXPECT_EQ(h("B:M"), (Names{"M", "C", "E", "D", "B"}));
  EXPECT_EQ(h("A:B"), (Names{"B", "A"}));
  EXPECT_EQ(h("B:B"), Names{"B"});
  EXPECT_EQ(h(":B"), (Names{"B", "A"}));
  EXPECT_EQ(h("M:"), (Names{"N", "M"}));
}

TEST_F(HistoryRange, StartKeepsOnlyWhatIsAboveIt) {
  // D's side of the diamond only: C is above B but not above D.
  EXPECT_EQ(h("D:N"), (Names{"N", "M", "E", "D"}));
  EXPECT_EQ(h("X:"), (Names{"Y", "X"}));
}

TEST_F(HistoryRange, CurrentRows) {
  EXPECT_EQ(h("current:", {"M"}), (Names{"N", "M"}));
  EXPECT_EQ(h(":current", {"C"}), (Names{"C", "B", "A"}));
  EXPECT_EQ(h("current:", {}), h(":"));
  EXPECT_EQ(h(":current", {}), h(":"));
  EXPECT_EQ(error_of([&] { h("current:", {"gone"}); }).kind(), ErrorKind::UnknownCurrentRow);
  // Rows are not looked at unless "current" is used.
  EXPECT_EQ(h("B:C", {"gone"}), (Names{"C", "B"}));
}

TEST_F(HistoryRange, LabelsAndRelativeEnds) {
  EXPECT_EQ(h("side@base:heads"), (Names{"Y", "X"}));
  EXPECT_EQ(h(":side@head"), (Names{"Y", "X"}));
  EXPECT_EQ(h("-1:N"), (Names{"N", "M"}));
  EXPECT_EQ(h("-2:C"), (Names{"C", "B", "A"}));
  EXPECT_EQ(error_of([&] { h("-2:N"); }).kind(), ErrorKind::AmbiguousWalk);
  EXPECT_EQ(error_of([&] { h("B:+1"); }).kind(), ErrorKind::AmbiguousWalk);
  EXPECT_EQ(h("D:+2"), (Names{"M", "E", "D"}));
  EXPECT_EQ(h("A+1:C"), (Names{"C", "B"}));
}

TEST_F(HistoryRange, MalformedRanges) {
  EXPECT_EQ(error_of([&] { h("B"); }).kind(), ErrorKind::InvalidTarget);
  EXPECT_EQ(error_of([&] { h("A:B:C"); }).kind(), ErrorKind::InvalidTarget);
  EXPECT_EQ(error_of([&] { h("+1:C"); }).kind(), ErrorKind::InvalidTarget);
  EXPECT_EQ(error_of([&] { h("B:-1"); }).kind(), ErrorKind::InvalidTarget);
  EXPECT_EQ(error_of([&] { h("-1:+1"); }).kind(), ErrorKind::InvalidTarget);
  EXPECT_EQ(error_of([&] { h("A :B"); }).kind(), ErrorKind::InvalidTarget);
  // A start that is not below the end.
  lg::Error e = error_of([&] { h("C:B"); });
  EXPECT_EQ(e.kind(), ErrorKind::InvalidTarget);
  EXPECT_STREQ(e.what(), "history range \"C:B\" does not go up from its start to its end");
  EXPECT_EQ(error_of([&] { h("X:N"); }).kind(), ErrorKind::InvalidTarget);
  EXPECT_EQ(error_of([&] { h("zzz:"); }).kind(), ErrorKind::UnknownRevision);
}

// Alembic's "below another head" looks through the whole graph: E is below
// M through B and D, which are outside the range L:heads (D is a base that
// depends on E), so M's branch goes first. Checked against Alembic 1.8.1.
TEST(HistoryRangeWalk, BlockedThroughRevisionsOutsideTheRange) {
  Graph g({R("L"), R("E", {"L"}), R("H1", {"E"}), R("D", {}, {"E"}), R("B", {"D"}), R("C", {"L"}),
           R("M", {"B", "C"})});
  EXPECT_EQ(ids(g, lg::history_range(g, {}, "L:heads")), (Names{"H1", "M", "C", "E", "L"}));
}

}  // namespace
