// Target syntax (parse_target) and symbol resolution (resolve_symbol,
// resolve_one, walk): every form, and every way a target can be wrong.
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

// root -> l1 -> l2 (label "left" on l2), root -> r1 (label "right").
Graph fork() {
  return Graph({R("root"), R("l1", {"root"}), R("r1", {"root"}, {}, {"right"}),
                R("l2", {"l1"}, {}, {"left"})});
}

TEST(ParseTarget, AbsoluteForms) {
  lg::Target t = lg::parse_target("head");
  EXPECT_EQ(t.symbol, "head");
  EXPECT_TRUE(t.branch.empty());
  EXPECT_FALSE(t.relative);
  t = lg::parse_target("left@heads");
  EXPECT_EQ(t.branch, "left");
  EXPECT_EQ(t.symbol, "heads");
  t = lg::parse_target("ae1027a6acf");
  EXPECT_EQ(t.symbol, "ae1027a6acf");
  EXPECT_EQ(t.text, "ae1027a6acf");
}

TEST(ParseTarget, RelativeForms) {
  lg::Target t = lg::parse_target("+2");
  EXPECT_TRUE(t.relative);
  EXPECT_TRUE(t.from_current());
  EXPECT_EQ(t.steps, 2);
  t = lg::parse_target("-3");
  EXPECT_EQ(t.steps, -3);
  EXPECT_TRUE(t.from_current());
  t = lg::parse_target("ae10+1");
  EXPECT_EQ(t.symbol, "ae10");
  EXPECT_EQ(t.steps, 1);
  EXPECT_FALSE(t.from_current());
  t = lg::parse_target("head-2");
  EXPECT_EQ(t.symbol, "head");
  EXPECT_EQ(t.steps, -2);
  t = lg::parse_target("left@-1");
  EXPECT_EQ(t.branch, "left");
  EXPECT_TRUE(t.from_current());
  EXPECT_EQ(t.steps, -1);
  t = lg::parse_target("left@l1+1");
  EXPECT_EQ(t.branch, "left");
  EXPECT_EQ(t.symbol, "l1");
  EXPECT_EQ(t.steps, 1);
  t = lg::parse_target("+2147483647");
  EXPECT_EQ(t.steps, 2147483647);
  t = lg::parse_target("abc+0");
  EXPECT_EQ(t.steps, 0);
}

TEST(ParseTarget, MalformedTargetsQuoteTheTarget) {
  for (const std::string& bad : std::vector<std::string>{"", "+", "-", "@", "head@@", "a@b@c", "lbl@", "@head", "+x", "+1x",
                          "-1-1", "a+", "+2147483648", "+99999999999999999999", "a b",
                          "a:b", "a;drop", "x\ty", "+0", "-0", "lb-l@head"}) {
    lg::Error e = error_of([&] { lg::parse_target(bad); });
    EXPECT_EQ(e.kind(), ErrorKind::InvalidTarget) << bad;
    // a tab (any control character) is shown as an escape
    const std::string shown = bad == "x\ty" ? "x\\ty" : bad;
    EXPECT_EQ(std::string(e.what()), "invalid target \"" + shown + "\"");
    EXPECT_FALSE(e.detail().empty()) << bad;
  }
}

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
  Graph g = fork();
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "left")), Names{"l2"});
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "rig")), Names{"r1"});
}

TEST(ResolveSymbol, MultipleHeads) {
  Graph g = fork();
  EXPECT_EQ(ids(g, lg::resolve_symbol(g, "heads")), (Names{"r1", "l2"}));
  lg::Error e = error_of([&] { lg::resolve_symbol(g, "head"); });
  EXPECT_EQ(e.kind(), ErrorKind::MultipleHeads);
  EXPECT_STREQ(e.what(), "multiple heads are present");
  EXPECT_EQ(e.hint(), "Use \"heads\", \"<label>@head\" or a revision id.");
  EXPECT_NE(e.detail().find("\"r1\", \"l2\""), std::string::npos) << e.detail();
}

TEST(ResolveSymbol, BranchQualifiedForms) {
  Graph g = fork();
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
  Graph g = fork();
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

TEST(Walk, UpAndDownAChain) {
  Graph g = chain();
  EXPECT_EQ(lg::walk(g, lg::kBase, 1), std::optional<RevIndex>(0));
  EXPECT_EQ(lg::walk(g, lg::kBase, 3), std::optional<RevIndex>(2));
  EXPECT_EQ(lg::walk(g, lg::kBase, 4), std::nullopt);
  EXPECT_EQ(lg::walk(g, 2, -2), std::optional<RevIndex>(0));
  EXPECT_EQ(lg::walk(g, 2, -3), std::optional<RevIndex>(lg::kBase));
  EXPECT_EQ(lg::walk(g, 2, -4), std::nullopt);
  EXPECT_EQ(lg::walk(g, 1, 0), std::optional<RevIndex>(1));
}

TEST(Walk, AmbiguousAtBranchPointAndMerge) {
  Graph g = fork();
  lg::Error e = error_of([&] { lg::walk(g, 0, 1); });
  EXPECT_EQ(e.kind(), ErrorKind::AmbiguousWalk);
  EXPECT_STREQ(e.what(), "ambiguous walk at revision \"root\"");
  // Restricted to a lineage, the walk is no longer ambiguous.
  EXPECT_EQ(lg::walk(g, 0, 2, g.find_label("left")), std::optional<RevIndex>(3));
  Graph d({R("a"), R("b", {"a"}), R("c", {"a"}), R("m", {"b", "c"})});
  lg::Error m = error_of([&] { lg::walk(d, 3, -1); });
  EXPECT_EQ(m.kind(), ErrorKind::AmbiguousWalk);
  EXPECT_NE(m.detail().find("\"b\", \"c\""), std::string::npos);
}

}  // namespace

TEST(TargetText, LongTargetIsCutInTheMessage) {
  lg::Graph g({lg::Revision{"a", {}, {}, {}}});
  std::string huge(1000000, 'x');
  try {
    lg::plan_upgrade(g, {}, huge);
    FAIL() << "expected an error";
  } catch (const lg::Error& e) {
    EXPECT_EQ(e.kind(), lg::ErrorKind::UnknownRevision);
    EXPECT_LT(std::string(e.what()).size(), 300u);
    EXPECT_NE(std::string(e.what()).find("...\""), std::string::npos);
  }
}

TEST(TargetText, CutKeepsUtf8CharactersWhole) {
  std::string s(lg::kMaxQuoted - 1, 'a');
  s += "\xC3\xA9\xC3\xA9";  // two two-byte characters straddling the limit
  std::string q = lg::quote(s);
  EXPECT_EQ(q, "\"" + std::string(lg::kMaxQuoted - 1, 'a') + "...\"");
}

TEST(TargetText, QuoteEscapesLineBreaksAndControls) {
  EXPECT_EQ(lg::quote("a\nb\r\x1b[2K\\! x\t"), "\"a\\nb\\r\\x1B[2K\\! x\\t\"");
  EXPECT_EQ(lg::quote("x\xE2\x80\xA8y\xE2\x80\xAEz\xC2\x9B"), "\"x\\u2028y\\u202Ez\\u009B\"");
  EXPECT_EQ(lg::quote("caf\xC3\xA9 \xE2\x82\xAC"), "\"caf\xC3\xA9 \xE2\x82\xAC\"");
}
