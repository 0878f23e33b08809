// Relative targets (relative_from): +N / -N along a chain, refused at branch points
// and merges.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/relative.h"
#include "core/resolve.h"
#include "core/planner.h"
#include "core/target.h"
#include "core/text.h"
#include "test_support.h"

namespace {

using namespace lg_test;

TEST(RelativeFrom, UpAndDownAChain) {
  Graph g = chain();
  EXPECT_EQ(lg::relative_from(g, lg::kBase, 1), std::optional<RevIndex>(0));
  EXPECT_EQ(lg::relative_from(g, lg::kBase, 3), std::optional<RevIndex>(2));
  EXPECT_EQ(lg::relative_from(g, lg::kBase, 4), std::nullopt);
  EXPECT_EQ(lg::relative_from(g, 2, -2), std::optional<RevIndex>(0));
  EXPECT_EQ(lg::relative_from(g, 2, -3), std::optional<RevIndex>(lg::kBase));
  EXPECT_EQ(lg::relative_from(g, 2, -4), std::nullopt);
  EXPECT_EQ(lg::relative_from(g, 1, 0), std::optional<RevIndex>(1));
}

TEST(RelativeFrom, AmbiguousAtBranchPointAndMerge) {
  Graph g = forked();
  lg::Error e = error_of([&] { lg::relative_from(g, 0, 1); });
  EXPECT_EQ(e.kind(), ErrorKind::AmbiguousWalk);
  EXPECT_STREQ(e.what(), "ambiguous walk at revision \"root\"");
  // Restricted to a lineage, the walk is no longer ambiguous.
  EXPECT_EQ(lg::relative_from(g, 0, 2, g.find_label("left")), std::optional<RevIndex>(3));
  Graph d({R("a"), R("b", {"a"}), R("c", {"a"}), R("m", {"b", "c"})});
  lg::Error m = error_of([&] { lg::relative_from(d, 3, -1); });
  EXPECT_EQ(m.kind(), ErrorKind::AmbiguousWalk);
  EXPECT_NE(m.detail().find("\"b\", \"c\""), std::string::npos);
}

}  // namespace
