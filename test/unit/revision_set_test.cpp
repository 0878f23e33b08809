// RevisionSet: the flat form of revisions that Graph is built from.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "test_support.h"

namespace {

using namespace lg_test;
using lg::NameList;
using lg::RevisionSet;

Names names(const NameList& list) {
  Names out;
  for (std::string_view s : list) out.emplace_back(s);
  return out;
}

TEST(RevisionSet, KeepsEachRevisionsNamesApart) {
  RevisionSet set({R("a"), R("b", {"a"}, {}, {"lib"}), R("m", {"a", "b"}, {"lib", "x"}), R("x")});
  ASSERT_EQ(set.size(), 4u);
  EXPECT_EQ(set.id(0), "a");
  EXPECT_TRUE(set.parents(0).empty());
  EXPECT_TRUE(set.labels(0).empty());
  EXPECT_EQ(names(set.parents(1)), Names{"a"});
  EXPECT_TRUE(set.depends_on(1).empty());
  EXPECT_EQ(names(set.labels(1)), Names{"lib"});
  EXPECT_EQ(set.id(2), "m");
  EXPECT_EQ(names(set.parents(2)), (Names{"a", "b"}));
  EXPECT_EQ(names(set.depends_on(2)), (Names{"lib", "x"}));
  EXPECT_TRUE(set.labels(2).empty());
  EXPECT_EQ(set.id(3), "x");
}

TEST(RevisionSet, AddCopiesTheNames) {
  RevisionSet set;
  set.reserve(1, 3, 8);
  {
    std::string id = "r1", parent = "r0", label = "main";
    std::string_view p[] = {parent}, l[] = {label};
    set.add(id, p, 1, nullptr, 0, l, 1);
    id = "zz";
    parent = "zz";
  }
  EXPECT_EQ(set.id(0), "r1");
  EXPECT_EQ(names(set.parents(0)), Names{"r0"});
  EXPECT_EQ(names(set.labels(0)), Names{"main"});
}

TEST(RevisionSet, AppendCopiesOneRevisionOfAnotherSet) {
  RevisionSet from({R("a", {}, {}, {"lib"}), R("m", {"a", "b"}, {"lib"}), R("b")});
  RevisionSet to;
  to.append(from, 2);
  to.append(from, 1);
  from = RevisionSet();  // the copies own their names
  ASSERT_EQ(to.size(), 2u);
  EXPECT_EQ(to.id(0), "b");
  EXPECT_TRUE(to.parents(0).empty());
  EXPECT_EQ(to.id(1), "m");
  EXPECT_EQ(names(to.parents(1)), (Names{"a", "b"}));
  EXPECT_EQ(names(to.depends_on(1)), Names{"lib"});
  EXPECT_TRUE(to.labels(1).empty());
}

TEST(RevisionSet, EmptySet) {
  RevisionSet set;
  EXPECT_EQ(set.size(), 0u);
  Graph g(set);
  EXPECT_EQ(g.size(), 0u);
}

}  // namespace
