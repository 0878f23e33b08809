// Step order by registration (core/order.h) and the tips of an adopted set
// (core/adopt.h): Kahn's order with registration order as the tie-break,
// in plans of both directions, against Alembic's walk on the same graphs.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/adopt.h"
#include "core/order.h"
#include "core/planner.h"
#include "test_support.h"

namespace {

using namespace lg_test;
using lg::StepOrder;

TEST(RegistrationOrder, DiamondInRegistrationOrder) {
  Graph g = diamond();  // A -> B, A -> C, M(B, C)
  EXPECT_EQ(order(g, lg::plan_upgrade(g, {}, "head")), (Names{"A", "C", "B", "M"}));
  Plan p = lg::plan_upgrade(g, {}, "head", StepOrder::Registration);
  ASSERT_EQ(order(g, p), (Names{"A", "B", "C", "M"}));
  EXPECT_EQ(p.rows_after, Names{"M"});
  EXPECT_EQ(ids(g, p.rows_removed[3]), (Names{"B", "C"}));
  Plan d = lg::plan_downgrade(g, {"M"}, "base", StepOrder::Registration);
  EXPECT_EQ(order(g, d), (Names{"M", "C", "B", "A"}));
  EXPECT_TRUE(d.rows_after.empty());
}

TEST(RegistrationOrder, UnrelatedBranchesInterleaveByRegistration) {
  // Two independent lines registered alternately (versions 1..4).
  Graph g({R("v1"), R("v2"), R("v3", {"v1"}), R("v4", {"v2"})});
  EXPECT_EQ(order(g, lg::plan_upgrade(g, {}, "heads", StepOrder::Registration)),
            (Names{"v1", "v2", "v3", "v4"}));
  // Alembic's walk finishes one branch first.
  Names walk = order(g, lg::plan_upgrade(g, {}, "heads"));
  EXPECT_NE(walk, (Names{"v1", "v2", "v3", "v4"}));
  Plan d = lg::plan_downgrade(g, {"v3", "v4"}, "base", StepOrder::Registration);
  EXPECT_EQ(order(g, d), (Names{"v4", "v3", "v2", "v1"}));
  EXPECT_TRUE(d.rows_after.empty());
}

TEST(RegistrationOrder, DependenciesComeFirstWhateverTheirRegistration) {
  // c is registered first but depends on b, which needs a.
  Graph g({R("c", {}, {"b"}), R("a"), R("b", {"a"})});
  Plan p = lg::plan_upgrade(g, {}, "heads", StepOrder::Registration);
  EXPECT_EQ(order(g, p), (Names{"a", "b", "c"}));
  EXPECT_EQ(p.rows_after, Names{"c"});
  // Through a label too.
  Graph h({R("x", {}, {"right"}), R("a"), R("b", {"a"}, {}, {"right"})});
  EXPECT_EQ(order(h, lg::plan_upgrade(h, {}, "heads", StepOrder::Registration)),
            (Names{"a", "b", "x"}));
}

TEST(RegistrationOrder, PartialPlansSkipWhatIsApplied) {
  Graph g({R("v1"), R("v2"), R("v3", {"v1"}), R("v4", {"v2"}), R("v5", {"v3", "v4"})});
  Plan p = lg::plan_upgrade(g, {"v3"}, "head", StepOrder::Registration);
  EXPECT_EQ(order(g, p), (Names{"v2", "v4", "v5"}));
  EXPECT_EQ(p.rows_after, Names{"v5"});
  Plan d = lg::plan_downgrade(g, {"v5"}, "v3", StepOrder::Registration);
  // Only what descends from v3's children goes (as with the walk).
  EXPECT_EQ(order(g, d), Names{"v5"});
  EXPECT_EQ(d.rows_after, (Names{"v3", "v4"}));
  Plan b = lg::plan_downgrade(g, {"v5"}, "base", StepOrder::Registration);
  EXPECT_EQ(order(g, b), (Names{"v5", "v4", "v3", "v2", "v1"}));
}

// On random graphs: a topological order of the same plan set, the first
// ready revision first, and the same rows afterwards as Alembic's walk.
TEST(RegistrationOrder, RandomGraphsAgreeWithTheWalkOnRows) {
  std::mt19937 rng(20261201);
  for (int round = 0; round < 300; ++round) {
    const int n = 1 + static_cast<int>(rng() % 24);
    std::vector<Revision> revs;
    for (int i = 0; i < n; ++i) {
      Names parents, deps;
      for (int j = 0; j < i; ++j) {
        if (rng() % 5 == 0 && parents.size() < 2) parents.push_back("r" + std::to_string(j));
        else if (rng() % 13 == 0) deps.push_back("r" + std::to_string(j));
      }
      for (const std::string& p : parents)
        for (auto it = deps.begin(); it != deps.end();)
          it = *it == p ? deps.erase(it) : it + 1;
      revs.push_back(R("r" + std::to_string(i), parents, deps));
    }
    Graph g(revs);
    Plan walk = lg::plan_upgrade(g, {}, "heads");
    Plan reg = lg::plan_upgrade(g, {}, "heads", StepOrder::Registration);
    ASSERT_EQ(walk.steps.size(), reg.steps.size());
    EXPECT_EQ(walk.rows_after, reg.rows_after);
    std::vector<int> pos(static_cast<std::size_t>(n), -1);
    for (std::size_t k = 0; k < reg.steps.size(); ++k)
      pos[static_cast<std::size_t>(reg.steps[k].rev)] = static_cast<int>(k);
    for (int v = 0; v < n; ++v)
      for (RevIndex d : g.down(v)) EXPECT_LT(pos[static_cast<std::size_t>(d)], pos[static_cast<std::size_t>(v)]);
    Plan back = lg::plan_downgrade(g, reg.rows_after, "base", StepOrder::Registration);
    ASSERT_EQ(back.steps.size(), reg.steps.size());
    for (std::size_t k = 0; k < back.steps.size(); ++k)
      EXPECT_EQ(back.steps[k].rev, reg.steps[reg.steps.size() - 1 - k].rev);
    EXPECT_TRUE(back.rows_after.empty());
  }
}

TEST(SetTips, TipsOfAClosedSet) {
  Graph g = diamond();
  std::vector<char> members{1, 1, 1, 0};
  std::pair<RevIndex, RevIndex> gap{-1, -1};
  EXPECT_EQ(ids(g, lg::set_tips(g, members, false, &gap)), (Names{"B", "C"}));
  members = {1, 1, 1, 1};
  EXPECT_EQ(ids(g, lg::set_tips(g, members, false, &gap)), Names{"M"});
}

TEST(SetTips, AGapIsNamedUnlessClosed) {
  Graph g = diamond();
  std::vector<char> members{0, 1, 0, 0};  // B without A
  std::pair<RevIndex, RevIndex> gap{-1, -1};
  EXPECT_TRUE(lg::set_tips(g, members, false, &gap).empty());
  EXPECT_EQ(g.id(gap.first), "B");
  EXPECT_EQ(g.id(gap.second), "A");
  members = {0, 1, 1, 0};
  EXPECT_EQ(ids(g, lg::set_tips(g, members, true, &gap)), (Names{"B", "C"}));
  EXPECT_EQ(members, (std::vector<char>{1, 1, 1, 0}));
}

}  // namespace
