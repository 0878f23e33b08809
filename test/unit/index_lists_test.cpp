// IndexLists: the flat per-revision lists behind Graph's edges.
#include <gtest/gtest.h>

#include "core/index_lists.h"

#include <vector>

using lg::IndexLists;
using V = std::vector<int>;

namespace {

IndexLists make(const std::vector<V>& lists) {
  IndexLists out;
  for (const V& l : lists) {
    for (int v : l) out.push(v);
    out.close();
  }
  return out;
}

V vec(lg::IndexList l) { return V(l); }

}  // namespace

TEST(IndexLists, KeepsEachListInWrittenOrder) {
  IndexLists l = make({{2, 0}, {}, {1}, {}});
  ASSERT_EQ(l.size(), 4u);
  EXPECT_EQ(vec(l[0]), (V{2, 0}));
  EXPECT_TRUE(l[1].empty());
  EXPECT_EQ(vec(l[2]), V{1});
  EXPECT_EQ(l[0].front(), 2);
  EXPECT_EQ(l[0].back(), 0);
  EXPECT_EQ(l[0][1], 0);
  EXPECT_TRUE(l[3].empty());
}

TEST(IndexLists, PushUniqueLooksOnlyAtTheOpenList) {
  IndexLists l;
  l.push_unique(1);
  l.push_unique(1);
  l.push_unique(0);
  l.close();
  l.push_unique(1);  // in list 0, not yet in list 1
  l.close();
  EXPECT_EQ(vec(l[0]), (V{1, 0}));
  EXPECT_EQ(vec(l[1]), V{1});
}

TEST(IndexLists, TransposedListsSourcesInIncreasingOrder) {
  // 0 <- 1, 0 <- 2, {1, 2} <- 3 (parents); children are the transpose
  IndexLists parents = make({{}, {0}, {0}, {2, 1}});
  IndexLists children = parents.transposed(4);
  ASSERT_EQ(children.size(), 4u);
  EXPECT_EQ(vec(children[0]), (V{1, 2}));
  EXPECT_EQ(vec(children[1]), V{3});
  EXPECT_EQ(vec(children[2]), V{3});
  EXPECT_TRUE(children[3].empty());
  // transposing twice gives the lists back, sorted
  IndexLists back = children.transposed(4);
  EXPECT_EQ(vec(back[3]), (V{1, 2}));
}

TEST(IndexLists, AllBelowOwnIndex) {
  IndexLists up;  // list i holds only indexes below i
  up.close();
  up.push(0);
  up.close();
  up.push(0);
  up.push(1);
  up.close();
  EXPECT_TRUE(up.all_below_own_index());
  IndexLists self;
  self.push(0);
  self.close();
  EXPECT_FALSE(self.all_below_own_index());
  IndexLists later;
  later.push(1);
  later.close();
  later.close();
  EXPECT_FALSE(later.all_below_own_index());
}

TEST(IndexLists, EmptyRegistry) {
  IndexLists l;
  EXPECT_EQ(l.size(), 0u);
  EXPECT_EQ(l.transposed(0).size(), 0u);
}
