// Graph construction: validation errors (each naming the revisions
// involved), derived edges, heads/bases and normalized down-revisions.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace {

using namespace lg_test;

// The lg::Error that building revs throws (a test failure if none).
lg::Error build_error(std::vector<Revision> revs) {
  return error_of([&] { Graph g(std::move(revs)); });
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(ValidateId, AcceptsWellFormedIds) {
  EXPECT_NO_THROW(lg::validate_revision_id("a"));
  EXPECT_NO_THROW(lg::validate_revision_id("ae1027a6acf"));
  EXPECT_NO_THROW(lg::validate_revision_id("v1.2_final"));
  EXPECT_NO_THROW(lg::validate_revision_id(std::string(128, 'x')));
  EXPECT_NO_THROW(lg::validate_revision_id("headx"));
}

TEST(ValidateId, RejectsMalformedAndReservedIds) {
  for (const std::string& bad :
       std::vector<std::string>{"", "head", "heads", "base", "a-b", "a+b", "a@b", "a:b", "a b",
                                "\xc3\xa9t\xc3\xa9", std::string(129, 'x')}) {
    try {
      lg::validate_revision_id(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const lg::Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidId) << bad;
      EXPECT_EQ(std::string(e.what()), "invalid revision id \"" + bad + "\"");
      EXPECT_FALSE(e.detail().empty());
    }
  }
}

TEST(GraphValidation, InvalidIdInRegistry) {
  lg::Error e = build_error({R("a"), R("heads", {"a"})});
  EXPECT_EQ(e.kind(), ErrorKind::InvalidId);
  EXPECT_STREQ(e.what(), "invalid revision id \"heads\"");
}

TEST(GraphValidation, DuplicateId) {
  lg::Error e = build_error({R("a"), R("b", {"a"}), R("a")});
  EXPECT_EQ(e.kind(), ErrorKind::InvalidId);
  EXPECT_STREQ(e.what(), "duplicate revision id \"a\"");
}

TEST(GraphValidation, UnknownParent) {
  lg::Error e = build_error({R("a"), R("b", {"x"})});
  EXPECT_EQ(e.kind(), ErrorKind::UnknownParent);
  EXPECT_STREQ(e.what(), "revision \"b\" has unknown parent \"x\"");
}

TEST(GraphValidation, ParentMustBeAnIdNotALabel) {
  lg::Error e = build_error({R("a", {}, {}, {"lbl"}), R("b", {"lbl"})});
  EXPECT_EQ(e.kind(), ErrorKind::UnknownParent);
  EXPECT_STREQ(e.what(), "revision \"b\" has unknown parent \"lbl\"");
}

TEST(GraphValidation, UnknownDependency) {
  lg::Error e = build_error({R("a"), R("b", {"a"}, {"zz"})});
  EXPECT_EQ(e.kind(), ErrorKind::UnknownParent);
  EXPECT_STREQ(e.what(), "revision \"b\" depends on unknown revision \"zz\"");
}

TEST(GraphValidation, SelfLoopThroughParent) {
  lg::Error e = build_error({R("a"), R("b", {"a", "b"})});
  EXPECT_EQ(e.kind(), ErrorKind::Cycle);
  EXPECT_STREQ(e.what(), "revision \"b\" lists itself as a parent");
}

TEST(GraphValidation, SelfLoopThroughDependencyOrOwnLabel) {
  lg::Error e = build_error({R("a"), R("b", {"a"}, {"b"})});
  EXPECT_EQ(e.kind(), ErrorKind::Cycle);
  EXPECT_STREQ(e.what(), "revision \"b\" depends on itself");
  lg::Error e2 = build_error({R("a"), R("b", {"a"}, {"mine"}, {"mine"})});
  EXPECT_EQ(e2.kind(), ErrorKind::Cycle);
  EXPECT_STREQ(e2.what(), "revision \"b\" depends on itself");
}

TEST(GraphValidation, CycleThroughParentsListsItsRevisions) {
  // base -> x; a -> b -> c -> a is a cycle hanging off nothing.
  lg::Error e =
      build_error({R("base0"), R("x", {"base0"}), R("a", {"c"}), R("b", {"a"}), R("c", {"b"})});
  EXPECT_EQ(e.kind(), ErrorKind::Cycle);
  EXPECT_STREQ(e.what(), "revisions \"a\", \"b\", \"c\" form a cycle");
  EXPECT_TRUE(contains(e.detail(), "\"a\" -> \"b\" -> \"c\" -> \"a\"")) << e.detail();
}

TEST(GraphValidation, CycleThroughParentsAndDependencies) {
  // a -> b -> c through parents; a depends on c.
  lg::Error e = build_error({R("a", {}, {"c"}), R("b", {"a"}), R("c", {"b"})});
  EXPECT_EQ(e.kind(), ErrorKind::Cycle);
  EXPECT_STREQ(e.what(), "revisions \"a\", \"b\", \"c\" form a dependency cycle");
}

TEST(GraphValidation, LabelUsedTwice) {
  lg::Error e = build_error({R("a", {}, {}, {"x"}), R("b", {"a"}, {}, {"x"})});
  EXPECT_EQ(e.kind(), ErrorKind::DuplicateLabel);
  EXPECT_STREQ(e.what(), "branch label \"x\" is used by revisions \"a\" and \"b\"");
}

TEST(GraphValidation, LabelEqualToAnId) {
  lg::Error e = build_error({R("a"), R("b", {"a"}, {}, {"a"})});
  EXPECT_EQ(e.kind(), ErrorKind::DuplicateLabel);
  EXPECT_STREQ(e.what(), "branch label \"a\" on revision \"b\" equals a revision id");
}

TEST(GraphValidation, LabelWithTargetSyntaxIsInvalid) {
  lg::Error e = build_error({R("a", {}, {}, {"my@label"})});
  EXPECT_EQ(e.kind(), ErrorKind::InvalidId);
  EXPECT_STREQ(e.what(), "invalid branch label \"my@label\" on revision \"a\"");
}

TEST(Graph, EmptyRegistry) {
  Graph g(std::vector<Revision>{});
  EXPECT_EQ(g.size(), 0u);
  EXPECT_TRUE(g.heads().empty());
  EXPECT_TRUE(g.bases().empty());
}

TEST(Graph, ChainEdgesAndLookups) {
  Graph g({R("a"), R("b", {"a"}), R("c", {"b"}, {}, {"top"})});
  EXPECT_EQ(g.find("b"), 1);
  EXPECT_EQ(g.find("zz"), -1);
  EXPECT_EQ(g.find_label("top"), 2);
  EXPECT_EQ(g.find_label("c"), -1);
  EXPECT_EQ(ids(g, g.parents(1)), Names{"a"});
  EXPECT_EQ(ids(g, g.children(0)), Names{"b"});
  EXPECT_EQ(ids(g, g.down(2)), Names{"b"});
  EXPECT_EQ(ids(g, g.heads()), Names{"c"});
  EXPECT_EQ(ids(g, g.real_heads()), Names{"c"});
  EXPECT_EQ(ids(g, g.bases()), Names{"a"});
}

TEST(Graph, RegistrationOrderIsKeptEvenWhenChildrenComeFirst) {
  Graph g({R("m", {"b", "c"}), R("c", {"a"}), R("b", {"a"}), R("a")});
  EXPECT_EQ(ids(g, g.children(3)), (Names{"c", "b"}));
  EXPECT_EQ(ids(g, g.down(0)), (Names{"b", "c"}));
  EXPECT_EQ(ids(g, g.bases()), Names{"a"});
  EXPECT_EQ(ids(g, g.heads()), Names{"m"});
}

TEST(Graph, RepeatedParentsAndDependenciesCountOnce) {
  Graph g({R("a"), R("b", {"a", "a"}, {"a", "a"})});
  EXPECT_EQ(ids(g, g.parents(1)), Names{"a"});
  EXPECT_EQ(ids(g, g.dependencies(1)), Names{"a"});
  EXPECT_EQ(ids(g, g.children(0)), Names{"b"});
}

TEST(Graph, EffectiveHeadsAndDependents) {
  // b is a head (no children) that d depends on: a head, not a real head.
  Graph g({R("a"), R("b", {"a"}), R("c"), R("d", {"c"}, {"b"})});
  EXPECT_EQ(ids(g, g.heads()), (Names{"b", "d"}));
  EXPECT_EQ(ids(g, g.real_heads()), Names{"d"});
  EXPECT_EQ(ids(g, g.bases()), (Names{"a", "c"}));
  EXPECT_EQ(ids(g, g.dependents(1)), Names{"d"});
  EXPECT_EQ(ids(g, g.down(3)), (Names{"c", "b"}));
}

TEST(Graph, DependencyByLabelResolvesToItsRevision) {
  Graph g({R("a", {}, {}, {"lib"}), R("b"), R("c", {"b"}, {"lib"})});
  EXPECT_EQ(ids(g, g.dependencies(2)), Names{"a"});
  EXPECT_EQ(ids(g, g.down(2)), (Names{"b", "a"}));
}

TEST(Graph, NormalizationDropsDependencyAlreadyDeclaredByAnAncestor) {
  // a depends on x; b (child of a) also depends on x: b's copy is dropped.
  Graph g({R("x"), R("a", {}, {"x"}), R("b", {"a"}, {"x", "y"}), R("y")});
  EXPECT_EQ(ids(g, g.down(1)), Names{"x"});
  EXPECT_EQ(ids(g, g.normalized_dependencies(2)), Names{"y"});
  EXPECT_EQ(ids(g, g.down(2)), (Names{"a", "y"}));
}

TEST(Graph, NormalizationKeepsDependencyDeclaredOnlyBySiblings) {
  // p -> s1, p -> s2; both depend on x; neither is the other's ancestor.
  Graph g({R("x"), R("p"), R("s1", {"p"}, {"x"}), R("s2", {"p"}, {"x"})});
  EXPECT_EQ(ids(g, g.down(2)), (Names{"p", "x"}));
  EXPECT_EQ(ids(g, g.down(3)), (Names{"p", "x"}));
}

TEST(Graph, NormalizationOfADependencyThatIsAlsoAParent) {
  Graph g({R("a"), R("b", {"a"}, {"a"})});
  EXPECT_EQ(ids(g, g.down(1)), Names{"a"});
  EXPECT_EQ(ids(g, g.normalized_dependencies(1)), Names{"a"});
}

// Registered parents-first, the graph skips the cycle search and ranks by
// registration order; registered children-first, it runs Boost's search and
// topological sort. Both must normalize alike.
TEST(Graph, NormalizationIsTheSameInEitherRegistrationOrder) {
  const std::vector<Revision> revs{R("x"),
                                   R("a", {}, {"x"}),
                                   R("b", {"a"}, {"x"}),
                                   R("c", {"b"}, {"x"}),
                                   R("s", {"a"}, {"x"}),
                                   R("m", {"c", "s"}, {"x"})};
  Graph forward(revs);
  Graph backward(std::vector<Revision>(revs.rbegin(), revs.rend()));
  for (const Revision& r : revs)
    EXPECT_EQ(ids(forward, forward.down(forward.find(r.id))),
              ids(backward, backward.down(backward.find(r.id))))
        << r.id;
  EXPECT_EQ(ids(forward, forward.down(forward.find("b"))), Names{"a"});
  EXPECT_EQ(ids(forward, forward.down(forward.find("s"))), Names{"a"});
  EXPECT_EQ(ids(forward, forward.down(forward.find("m"))), (Names{"c", "s"}));
}

TEST(GraphValidation, CycleFoundWhateverTheRegistrationOrder) {
  // Any cycle has an edge to an earlier registration, so the search runs.
  for (const std::vector<Revision>& revs :
       {std::vector<Revision>{R("a", {"c"}), R("b", {"a"}), R("c", {"b"})},
        std::vector<Revision>{R("c", {"b"}), R("b", {"a"}), R("a", {"c"})}})
    EXPECT_EQ(build_error(revs).kind(), lg::ErrorKind::Cycle);
}

TEST(Graph, LongChainAllDependingOnOneRevisionNormalizes) {
  const int n = 20000;
  std::vector<Revision> revs{R("lib")};
  for (int i = 0; i < n; ++i)
    revs.push_back(
        R("c" + std::to_string(i), i == 0 ? Names{} : Names{"c" + std::to_string(i - 1)}, {"lib"}));
  Graph g(std::move(revs));
  EXPECT_EQ(ids(g, g.down(1)), Names{"lib"});
  EXPECT_EQ(ids(g, g.down(2)), Names{"c0"});
  EXPECT_EQ(ids(g, g.down(n)), Names{"c" + std::to_string(n - 2)});
  EXPECT_EQ(ids(g, g.real_heads()), Names{"c" + std::to_string(n - 1)});
}

}  // namespace
