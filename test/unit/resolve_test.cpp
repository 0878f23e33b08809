// Symbol resolution (resolve_symbol, resolve_one): ids, prefixes, labels,
// heads, and every way a symbol can fail to name one revision.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/resolve.h"
#include "core/planner.h"
#include "core/target.h"
#include "core/text.h"
#include "test_support.h"

namespace {

using namespace lg_test;

TEST(ResolveSymbol, HeadHeadsBase) {
  Graph g = chain();
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "head")), Names{"27c6a30d7c24"});
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "heads")), Names{"27c6a30d7c24"});
  EXPECT_TRUE(lg::resolve_symbol(g, "base").empty());
  EXPECT_EQ(lg::resolve_one(g, "base"), lg::kBase);
}

TEST(ResolveSymbol, ExactIdAndUniquePrefix) {
  Graph g = chain();
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "ae1027a6acf")), Names{"ae1027a6acf"});
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "ae1")), Names{"ae1027a6acf"});
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "2")), Names{"27c6a30d7c24"});
}

TEST(ResolveSymbol, UnknownRevision) {
  Graph g = chain();
  lg::Error e = error_of([&] { lg::resolve_symbol(g, "xyz"); });
  EXPECT_EQ(e.kind(), ErrorKind::UnknownRevision);
  EXPECT_STREQ(e.what(), "unknown revision \"xyz\"");
}

TEST(ResolveSymbol, ExactIdWinsOverLongerIdWithThatPrefix) {
  Graph g({R("ab"), R("abc", {"ab"})});
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "ab")), Names{"ab"});
}

TEST(ResolveSymbol, AmbiguousPrefixListsThreeCandidates) {
  Graph g({R("abc1"), R("abc2", {"abc1"}), R("abc3", {"abc2"}), R("abc4", {"abc3"})});
  lg::Error e = error_of([&] { lg::resolve_symbol(g, "abc"); });
  EXPECT_EQ(e.kind(), ErrorKind::AmbiguousRevision);
  EXPECT_STREQ(e.what(), "ambiguous revision \"abc\" matches \"abc1\", \"abc2\", \"abc3\", ...");
  Graph g2({R("abc1"), R("abc2", {"abc1"})});
  lg::Error e2 = error_of([&] { lg::resolve_symbol(g2, "ab"); });
  EXPECT_STREQ(e2.what(), "ambiguous revision \"ab\" matches \"abc1\", \"abc2\"");
}

TEST(ResolveSymbol, LabelExactAndPrefix) {
  Graph g = forked();
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "left")), Names{"l2"});
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "rig")), Names{"r1"});
}

TEST(ResolveSymbol, MultipleHeads) {
  Graph g = forked();
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "heads")), (Names{"r1", "l2"}));
  lg::Error e = error_of([&] { lg::resolve_symbol(g, "head"); });
  EXPECT_EQ(e.kind(), ErrorKind::MultipleHeads);
  EXPECT_STREQ(e.what(), "multiple heads are present");
  EXPECT_EQ(e.hint(), "Use \"heads\", \"<label>@head\" or a revision id.");
  EXPECT_NE(e.detail().find("\"r1\", \"l2\""), std::string::npos) << e.detail();
}

TEST(ResolveSymbol, BranchQualifiedForms) {
  Graph g = forked();
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "head", "left")), Names{"l2"});
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "heads", "right")), Names{"r1"});
  EXPECT_TRUE(lg::resolve_symbol(g, "base", "left").empty());
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "l1", "left")), Names{"l1"});
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "root", "right")), Names{"root"});
  // <id>@head: the head of the branch containing the id.
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "head", "l1")), Names{"l2"});
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "head", "r1")), Names{"r1"});
  // A prefix is matched only on the branch: "l" is ambiguous globally? no,
  // but "r" matches root and r1; on "left" only root qualifies.
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "r", "left")), Names{"root"});
}

TEST(ResolveSymbol, BranchErrors) {
  Graph g = forked();
  lg::Error off = error_of([&] { lg::resolve_symbol(g, "r1", "left"); });
  EXPECT_EQ(off.kind(), ErrorKind::UnknownRevision);
  EXPECT_STREQ(off.what(), "revision \"r1\" is not on branch \"left\"");
  lg::Error nobranch = error_of([&] { lg::resolve_symbol(g, "head", "nope"); });
  EXPECT_EQ(nobranch.kind(), ErrorKind::UnknownRevision);
  EXPECT_STREQ(nobranch.what(), "unknown branch \"nope\"");
  lg::Error several = error_of([&] { lg::resolve_symbol(g, "head", "root"); });
  EXPECT_EQ(several.kind(), ErrorKind::MultipleHeads);
  EXPECT_STREQ(several.what(), "multiple heads are present on branch \"root\"");
}

TEST(ResolveSymbol, EffectiveHeadCountsForHeadButNotHeads) {
  // b has no children but d depends on it.
  Graph g({R("a"), R("b", {"a"}), R("c"), R("d", {"c"}, {"b"})});
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "heads")), Names{"d"});
  EXPECT_EQ(error_of([&] { lg::resolve_symbol(g, "head"); }).kind(), ErrorKind::MultipleHeads);
}

}  // namespace
