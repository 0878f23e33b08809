// walk_order against a line-by-line transcription of Alembic's
// RevisionMap._topological_sort (full ancestor sets, recomputed at merges) on
// fixed examples and on random graphs with merges, branch points and
// dependencies, for history, upgrade and downgrade todo sets.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "core/traverse.h"
#include "core/walk.h"
#include "test_support.h"

namespace {

using namespace lg_test;
using lg::Via;

std::size_t at(RevIndex i) { return static_cast<std::size_t>(i); }

// Alembic's algorithm, transcribed (the oracle).
std::vector<RevIndex> alembic_walk(const Graph& g, std::vector<char> todo,
                                   std::vector<RevIndex> heads) {
  std::sort(heads.begin(), heads.end());
  heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
  std::vector<RevIndex> current;
  for (RevIndex h : heads)
    if (todo[at(h)]) current.push_back(h);
  std::vector<std::vector<char>> anc;
  for (RevIndex h : current) anc.push_back(lg::ancestors(g, {h}, Via::Down));
  std::vector<RevIndex> out;
  std::size_t idx = 0;
  while (!current.empty()) {
    const RevIndex cand = current[idx];
    bool switched = false;
    for (std::size_t j = 0; j < current.size(); ++j)
      if (j != idx && anc[j][at(cand)]) {
        idx = j;
        switched = true;
        break;
      }
    if (switched) continue;
    if (todo[at(cand)]) {
      out.push_back(cand);
      todo[at(cand)] = 0;
    }
    std::vector<RevIndex> add;
    for (RevIndex r : g.down(cand))
      if (todo[at(r)] && std::find(current.begin(), current.end(), r) == current.end())
        add.push_back(r);
    if (add.empty()) {
      current.erase(current.begin() + static_cast<std::ptrdiff_t>(idx));
      anc.erase(anc.begin() + static_cast<std::ptrdiff_t>(idx));
      idx = idx > 0 ? idx - 1 : 0;
    } else if (g.normalized_dependencies(cand).empty() && g.parents(cand).size() == 1) {
      current[idx] = add.front();
      anc[idx][at(cand)] = 0;
    } else {
      current[idx] = add.front();
      anc[idx] = lg::ancestors(g, {add.front()}, Via::Down);
      for (std::size_t k = 1; k < add.size(); ++k) {
        current.push_back(add[k]);
        anc.push_back(lg::ancestors(g, {add[k]}, Via::Down));
      }
    }
  }
  return out;
}

// A random DAG: a topological order, each revision with 0..3 parents among
// the previous ones (mostly recent ones), sometimes a dependency, and
// registered in a shuffled order.
Graph random_graph(std::mt19937& rng, int n) {
  std::vector<int> reg(static_cast<std::size_t>(n));
  std::iota(reg.begin(), reg.end(), 0);
  std::shuffle(reg.begin(), reg.end(), rng);
  auto name = [](int topo) { return "r" + std::to_string(topo); };
  std::vector<Revision> by_topo(static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k) {
    Revision& r = by_topo[static_cast<std::size_t>(k)];
    r.id = name(k);
    if (k == 0) continue;
    std::uniform_int_distribution<int> nparents(0, 9);
    int np = nparents(rng);
    np = np == 0 ? 0 : np <= 6 ? 1 : np <= 8 ? 2 : 3;
    for (int p = 0; p < np; ++p) {
      std::uniform_int_distribution<int> back(1, std::min(k, p == 0 ? 3 : k));
      std::string parent = name(k - back(rng));
      if (std::find(r.parents.begin(), r.parents.end(), parent) == r.parents.end())
        r.parents.push_back(parent);
    }
    if (std::uniform_int_distribution<int>(0, 5)(rng) == 0) {
      std::uniform_int_distribution<int> any(0, k - 1);
      r.depends_on.push_back(name(any(rng)));
      if (std::uniform_int_distribution<int>(0, 2)(rng) == 0)
        r.depends_on.push_back(name(any(rng)));
    }
  }
  std::vector<Revision> revs(static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k)
    revs[static_cast<std::size_t>(reg[static_cast<std::size_t>(k)])] =
        by_topo[static_cast<std::size_t>(k)];
  return Graph(std::move(revs));
}

std::vector<RevIndex> pick(std::mt19937& rng, const Graph& g, int count) {
  std::uniform_int_distribution<int> any(0, static_cast<int>(g.size()) - 1);
  std::vector<RevIndex> out;
  for (int i = 0; i < count; ++i) out.push_back(any(rng));
  return out;
}

TEST(WalkOrder, DiamondAndTwoHeads) {
  Graph d = diamond();
  EXPECT_EQ(ids(d, lg::walk_order(d, std::vector<char>(4, 1), {3})), (Names{"M", "B", "C", "A"}));
  // Heads outside todo are ignored; todo below them is reached from the others.
  EXPECT_EQ(ids(d, lg::walk_order(d, {1, 1, 0, 0}, {1, 3})), (Names{"B", "A"}));
  Graph t(
      {Revision{"A", {}, {}, {}}, Revision{"B1", {"A"}, {}, {}}, Revision{"B2", {"A"}, {}, {}}});
  EXPECT_EQ(ids(t, lg::walk_order(t, std::vector<char>(3, 1), {2, 1})), (Names{"B1", "B2", "A"}));
}

TEST(WalkOrder, MatchesAlembicOnRandomGraphs) {
  std::mt19937 rng(20240601);
  int compared = 0;
  for (int round = 0; round < 300; ++round) {
    const int n = 2 + static_cast<int>(rng() % 60);
    Graph g = random_graph(rng, n);

    // History: everything, from the real heads.
    std::vector<char> all(g.size(), 1);
    ASSERT_EQ(lg::walk_order(g, all, g.real_heads()), alembic_walk(g, all, g.real_heads()))
        << "history, round " << round;

    // Upgrade: targets and ancestors minus what the rows imply.
    std::vector<RevIndex> rows = pick(rng, g, static_cast<int>(rng() % 3));
    std::vector<char> applied = lg::ancestors(g, rows, Via::Down);
    std::vector<RevIndex> targets = pick(rng, g, 1 + static_cast<int>(rng() % 3));
    std::vector<char> todo = lg::ancestors(g, targets, Via::Down);
    for (std::size_t i = 0; i < g.size(); ++i)
      if (applied[i]) todo[i] = 0;
    ASSERT_EQ(lg::walk_order(g, todo, targets), alembic_walk(g, todo, targets))
        << "upgrade, round " << round;

    // Downgrade: applied descendants of a destination's children.
    std::vector<RevIndex> up_rows = pick(rng, g, 1 + static_cast<int>(rng() % 3));
    std::vector<char> up_applied = lg::ancestors(g, up_rows, Via::Down);
    RevIndex dest = pick(rng, g, 1).front();
    std::vector<RevIndex> roots =
        rng() % 4 == 0 ? g.bases() : std::vector<RevIndex>(g.children(dest));
    std::vector<char> gone = lg::descendants(g, roots, Via::Down);
    for (std::size_t i = 0; i < g.size(); ++i)
      if (!up_applied[i]) gone[i] = 0;
    ASSERT_EQ(lg::walk_order(g, gone, up_rows), alembic_walk(g, gone, up_rows))
        << "downgrade, round " << round;
    compared += 3;
  }
  EXPECT_EQ(compared, 900);
}

// One branch point with many children (the shape that made lg_history()
// quadratic: every child blocked on the same branch point, searched again
// for each): the order is Alembic's, and 20,000 children take one search.
TEST(WalkOrder, WideBranchPoint) {
  auto star = [](int children, int chain) {
    std::vector<Revision> revs{Revision{"root", {}, {}, {}}};
    for (int c = 0; c < children; ++c) {
      std::string below = "root";
      for (int k = 0; k < chain; ++k) {
        std::string id = "c" + std::to_string(c) + "_" + std::to_string(k);
        revs.push_back(Revision{id, {below}, {}, {}});
        below = id;
      }
    }
    return Graph(std::move(revs));
  };
  for (int chain : {1, 3}) {
    Graph g = star(150, chain);
    std::vector<char> all(g.size(), 1);
    EXPECT_EQ(lg::walk_order(g, all, g.real_heads()), alembic_walk(g, all, g.real_heads()))
        << "chains of " << chain;
  }
  Graph big = star(20000, 1);
  std::vector<RevIndex> order =
      lg::walk_order(big, std::vector<char>(big.size(), 1), big.real_heads());
  ASSERT_EQ(order.size(), big.size());
  for (std::size_t k = 0; k + 1 < order.size(); ++k)
    ASSERT_EQ(order[k], static_cast<RevIndex>(k + 1)) << "child " << k;
  EXPECT_EQ(order.back(), 0);
}

}  // namespace
