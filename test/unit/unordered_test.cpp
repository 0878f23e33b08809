// StepAncestry and unordered_conflicts (core/unordered.h): fixed graphs, a
// dependency that orders two branches, random DAGs against an oracle made
// of full ancestor sets (traverse.h), and the bench shape at 1,000 and
// 50,000 steps (a branch every 50).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/traverse.h"
#include "core/unordered.h"
#include "test_support.h"

namespace {

using namespace lg_test;
using lg::StepAncestry;
using lg::UnitConflict;
using lg::UnitTouch;
using Pairs = std::vector<std::pair<int, int>>;

std::vector<RevIndex> revs_of(const Plan& p) {
  std::vector<RevIndex> out;
  for (const lg::Step& s : p.steps) out.push_back(s.rev);
  return out;
}

// The upgrade plan from nothing to every head.
std::vector<RevIndex> upgrade_all(const Graph& g) {
  return revs_of(lg::plan_upgrade(g, {}, "heads"));
}

// Positions of ids in the steps, as a pair (first, second).
std::pair<int, int> P(const Graph& g, const std::vector<RevIndex>& steps, const std::string& a,
                      const std::string& b) {
  int pa = -1, pb = -1;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (g.id(steps[i]) == a) pa = static_cast<int>(i);
    if (g.id(steps[i]) == b) pb = static_cast<int>(i);
  }
  return pa < pb ? std::make_pair(pa, pb) : std::make_pair(pb, pa);
}

// The bench shape of bench/lib/gen.py: blocks of 50, the 48th and 49th
// parallel on the 47th, the 50th merging them.
Graph bench_dag(int n) {
  std::vector<Revision> revs;
  std::string prev, branch;
  std::vector<std::string> side;
  for (int i = 1; i <= n; ++i) {
    const std::string id = "r" + std::to_string(i);
    const int pos = (i - 1) % 50 + 1;
    Names parents;
    if (pos == 48) {
      branch = prev;
      parents = branch.empty() ? Names{} : Names{branch};
      side = {id};
    } else if (pos == 49) {
      parents = branch.empty() ? Names{} : Names{branch};
      side.push_back(id);
    } else if (pos == 50) {
      parents = side;
    } else if (!prev.empty()) {
      parents = {prev};
    }
    revs.push_back(R(id, parents));
    prev = id;
  }
  return Graph(revs);
}

TEST(Unordered, ChainHasNone) {
  const Graph g = chain();
  const StepAncestry a(g, upgrade_all(g));
  EXPECT_EQ(a.size(), 3u);
  EXPECT_TRUE(a.pairs().empty());
  EXPECT_EQ(a.last_in_pair(), -1);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_FALSE(a.in_pair(i));
}

TEST(Unordered, DiamondHasItsTwoSides) {
  const Graph g = diamond();
  const auto steps = upgrade_all(g);
  const StepAncestry a(g, steps);
  EXPECT_EQ(a.pairs(), (Pairs{P(g, steps, "B", "C")}));
  const auto bc = P(g, steps, "B", "C");
  EXPECT_EQ(a.last_in_pair(), bc.second);
  EXPECT_TRUE(a.in_pair(static_cast<std::size_t>(bc.first)));
  EXPECT_FALSE(a.in_pair(static_cast<std::size_t>(P(g, steps, "A", "M").first)));
  EXPECT_EQ(a.unordered({bc, {bc.second, bc.first}, P(g, steps, "A", "B"), {0, 0}}),
            (std::vector<char>{1, 1, 0, 0}));
}

TEST(Unordered, TwoHeadsAndForked) {
  const Graph g = two_heads();
  const auto steps = upgrade_all(g);
  EXPECT_EQ(StepAncestry(g, steps).pairs(), (Pairs{P(g, steps, "B1", "B2")}));
  const Graph f = forked();
  const auto fs = upgrade_all(f);
  EXPECT_EQ(StepAncestry(f, fs).pairs().size(), 2u);  // r1 with l1 and with l2
}

TEST(Unordered, ADependencyOrdersTwoBranches) {
  // b2 depends on a1's branch: a1 is an ancestor of b2, not of b1.
  const Graph g({R("root"), R("a1", {"root"}), R("b1", {"root"}), R("b2", {"b1"}, {"a1"})});
  const auto steps = upgrade_all(g);
  const StepAncestry a(g, steps);
  EXPECT_EQ(a.pairs(), (Pairs{P(g, steps, "a1", "b1")}));
}

TEST(Unordered, PartialPlanLeavesAppliedOut) {
  // With root and a1 applied, only b1 and b2 remain, and they are a chain.
  const Graph g({R("root"), R("a1", {"root"}), R("b1", {"root"}), R("b2", {"b1"})});
  const auto steps = revs_of(lg::plan_upgrade(g, {"a1"}, "b2"));
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_TRUE(StepAncestry(g, steps).pairs().empty());
}

TEST(Unordered, DowngradeOrderIsHandled) {
  const Graph g = diamond();
  auto steps = upgrade_all(g);
  std::reverse(steps.begin(), steps.end());
  const StepAncestry a(g, steps);
  EXPECT_EQ(a.pairs(), (Pairs{P(g, steps, "B", "C")}));
}

TEST(Unordered, ConflictsNeedAChangeAndNoAncestry) {
  const Graph g({R("root"), R("a", {"root"}), R("b", {"root"}), R("c", {"a"})});
  const auto steps = upgrade_all(g);
  const StepAncestry a(g, steps);
  const int root = P(g, steps, "root", "root").first, pa = P(g, steps, "a", "a").first,
            pb = P(g, steps, "b", "b").first, pc = P(g, steps, "c", "c").first;
  const std::vector<UnitTouch> touches = {
      {root, 1, true},                                  // root and a are ordered: nothing
      {pa, 1, true},   {pb, 2, false},                  // a changes 1 (and depends on 2 below)
      {pa, 2, false},                                   // both only depend on 2: nothing
      {pb, 3, true},   {pc, 3, false},                  // b changes 3, c (after a) depends on it
      {pb, 4, true},   {pc, 4, true},  {pc, 4, false},  // both change 4 (changes wins)
      {pb, 5, true},   {pb, 5, false},                  // one step alone: nothing
  };
  const auto c = lg::unordered_conflicts(a, touches);
  ASSERT_EQ(c.size(), 2u);
  const auto bc = P(g, steps, "b", "c");
  for (const UnitConflict& x : c) {
    EXPECT_EQ(std::make_pair(x.first, x.second), bc);
  }
  EXPECT_EQ(c[0].unit, 3);
  EXPECT_EQ(c[0].first == pb ? c[0].first_changes : c[0].second_changes, true);
  EXPECT_EQ(c[0].first == pc ? c[0].first_changes : c[0].second_changes, false);
  EXPECT_EQ(c[1].unit, 4);
  EXPECT_TRUE(c[1].first_changes && c[1].second_changes);
}

// Random DAGs with merges and dependencies against full ancestor sets.
TEST(Unordered, RandomAgainstAncestorSets) {
  std::mt19937 rng(14);
  for (int round = 0; round < 40; ++round) {
    const int n = 5 + static_cast<int>(rng() % 150);
    std::vector<Revision> revs;
    for (int i = 0; i < n; ++i) {
      Names parents, deps;
      if (i > 0) {
        parents.push_back("v" + std::to_string(rng() % static_cast<unsigned>(i)));
        if (rng() % 5 == 0) {
          const std::string q = "v" + std::to_string(rng() % static_cast<unsigned>(i));
          if (q != parents[0]) parents.push_back(q);
        }
        if (rng() % 7 == 0) deps.push_back("v" + std::to_string(rng() % static_cast<unsigned>(i)));
      }
      revs.push_back(R("v" + std::to_string(i), parents, deps));
    }
    const Graph g(revs);
    const auto steps = upgrade_all(g);
    ASSERT_EQ(steps.size(), static_cast<std::size_t>(n));
    Pairs want;
    std::vector<std::vector<char>> anc;
    for (RevIndex r : steps) anc.push_back(lg::ancestors(g, {r}, lg::Via::Down));
    for (std::size_t j = 0; j < steps.size(); ++j)
      for (std::size_t i = 0; i < j; ++i)
        if (!anc[j][lg::at(steps[i])] && !anc[i][lg::at(steps[j])])
          want.emplace_back(static_cast<int>(i), static_cast<int>(j));
    const StepAncestry a(g, steps);
    EXPECT_EQ(a.pairs(), want) << "round " << round;
    long last = -1;
    for (const auto& pr : want) last = std::max(last, static_cast<long>(pr.second));
    EXPECT_EQ(a.last_in_pair(), last);
  }
}

TEST(Unordered, BenchShape) {
  for (int n : {1000, 50000}) {
    const Graph g = bench_dag(n);
    const auto steps = upgrade_all(g);
    const StepAncestry a(g, steps);
    std::vector<UnitTouch> touches;
    for (int i = 0; i < n; ++i) touches.push_back({i, i, true});  // each its own table
    touches.push_back({static_cast<int>(n - 2), 0, false});       // ordered after step 0
    const auto c = lg::unordered_conflicts(a, touches);
    EXPECT_TRUE(c.empty());
    int in_pair = 0;
    for (std::size_t i = 0; i < a.size(); ++i) in_pair += a.in_pair(i);
    EXPECT_EQ(in_pair, n / 50 * 2);
    EXPECT_EQ(a.last_in_pair(), n - 2);  // the 49th of the last block
    if (n == 1000) {
      EXPECT_EQ(a.pairs().size(), 20u);
    }
  }
}

}  // namespace
