// Merge parent validation (check_merge).
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

TEST(Merge, ParentsMustBeDistinctHeads) {
  // A -> B, A -> C; D depends on C (C is an effective head).
  Graph g({R("A"), R("B", {"A"}), R("C", {"A"}), R("D", {}, {"C"})});
  EXPECT_NO_THROW(lg::check_merge_parents(g, {"B", "C"}));
  EXPECT_NO_THROW(lg::check_merge_parents(g, {"D", "B", "C"}));
  lg::Error few = error_of([&] { lg::check_merge_parents(g, {"B"}); });
  EXPECT_EQ(few.kind(), ErrorKind::InvalidTarget);
  EXPECT_STREQ(few.what(), "a merge needs at least two parents");
  EXPECT_EQ(error_of([&] { lg::check_merge_parents(g, {}); }).kind(), ErrorKind::InvalidTarget);
  lg::Error rep = error_of([&] { lg::check_merge_parents(g, {"B", "C", "B"}); });
  EXPECT_EQ(rep.kind(), ErrorKind::InvalidTarget);
  EXPECT_STREQ(rep.what(), "revision \"B\" is repeated in the merge");
  lg::Error unknown = error_of([&] { lg::check_merge_parents(g, {"B", "zz"}); });
  EXPECT_EQ(unknown.kind(), ErrorKind::UnknownRevision);
  EXPECT_STREQ(unknown.what(), "unknown revision \"zz\"");
  // Prefixes are not ids here.
  Graph long_ids({R("abcdef"), R("B")});
  EXPECT_EQ(error_of([&] {
              lg::check_merge_parents(long_ids, {"B", "abc"});
            }).kind(),
            ErrorKind::UnknownRevision);
  lg::Error not_head = error_of([&] { lg::check_merge_parents(g, {"A", "B"}); });
  EXPECT_EQ(not_head.kind(), ErrorKind::InvalidTarget);
  EXPECT_STREQ(not_head.what(), "revision \"A\" is not a head");
  EXPECT_EQ(not_head.detail(), "Revision \"A\" already has the children \"B\", \"C\".");
}

}  // namespace
