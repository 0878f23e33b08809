// Planning benchmarks of the core (bench/README.md, "Planning (core)"):
// graph construction, upgrade to heads from nothing, downgrade to base from
// the heads, and the whole history, on a main line of N revisions where
// every block of 50 opens a side branch at its start and merges it at its
// end (Alembic needs 143 s to plan "heads" at N = 50,000), and construction
// and upgrade once more with depends_on edges.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/graph.h"
#include "core/history_range.h"
#include "core/planner.h"
#include "core/stamp.h"
#include "core/unordered.h"

// Google Benchmark's loop variable is never read by design.
// NOLINTBEGIN(clang-analyzer-deadcode.DeadStores)
namespace {

// N revisions r0..r<N-1>: a main line where, in every block of 50, r<50k+1>
// forks from the main line (branch point) and r<50k+49> merges the main
// line with it. N a multiple of 50 leaves one head.
std::vector<lg::Revision> merge_every_50(int n) {
  std::vector<lg::Revision> revs;
  revs.reserve(static_cast<std::size_t>(n));
  std::string main_tip, side;
  for (int i = 0; i < n; ++i) {
    lg::Revision r{"r" + std::to_string(i), {}, {}, {}};
    if (!main_tip.empty()) r.parents.push_back(main_tip);
    if (i % 50 == 1) {
      side = r.id;
      revs.push_back(std::move(r));
      continue;
    }
    if (i % 50 == 49 && !side.empty()) {
      r.parents.push_back(side);
      side.clear();
    }
    main_tip = r.id;
    revs.push_back(std::move(r));
  }
  return revs;
}

// The same graph with depends_on: every 25th revision depends on the
// revision 60 before it and on the first revision of its block of 1,000
// (a dependency shared by 40 revisions, which normalization has to thin).
std::vector<lg::Revision> merge_every_50_with_deps(int n) {
  std::vector<lg::Revision> revs = merge_every_50(n);
  for (int i = 100; i < n; i += 25) {
    lg::Revision& r = revs[static_cast<std::size_t>(i)];
    r.depends_on.push_back("r" + std::to_string(i - 60));
    if (i % 1000 != 0) r.depends_on.push_back("r" + std::to_string(i / 1000 * 1000));
  }
  return revs;
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int n : {1000, 10000, 50000, 100000}) b->Arg(n);
  b->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
}

void BM_GraphBuild(benchmark::State& state) {
  // The flat form the extension builds from lg.revision.
  const lg::RevisionSet revs(merge_every_50(static_cast<int>(state.range(0))));
  for (auto _ : state) {
    lg::Graph g(revs);
    benchmark::DoNotOptimize(g.size());
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(revs.size()));
}
BENCHMARK(BM_GraphBuild)->Apply(sizes);

void BM_GraphBuildWithDeps(benchmark::State& state) {
  const lg::RevisionSet revs(merge_every_50_with_deps(static_cast<int>(state.range(0))));
  for (auto _ : state) {
    lg::Graph g(revs);
    benchmark::DoNotOptimize(g.size());
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(revs.size()));
}
BENCHMARK(BM_GraphBuildWithDeps)->Apply(sizes);

void BM_UpgradeHeadsFromEmptyWithDeps(benchmark::State& state) {
  const lg::Graph g(merge_every_50_with_deps(static_cast<int>(state.range(0))));
  for (auto _ : state) {
    lg::Plan p = lg::plan_upgrade(g, {}, "heads");
    benchmark::DoNotOptimize(p.steps.data());
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(g.size()));
}
BENCHMARK(BM_UpgradeHeadsFromEmptyWithDeps)->Apply(sizes);

void BM_UpgradeHeadsFromEmpty(benchmark::State& state) {
  const lg::Graph g(merge_every_50(static_cast<int>(state.range(0))));
  for (auto _ : state) {
    lg::Plan p = lg::plan_upgrade(g, {}, "heads");
    benchmark::DoNotOptimize(p.steps.data());
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(g.size()));
}
BENCHMARK(BM_UpgradeHeadsFromEmpty)->Apply(sizes);

// lg_lint's unordered_conflict pass, core side: which steps of the upgrade
// to heads have no ancestry between them (the N / 50 side branches).
void BM_UnorderedPairs(benchmark::State& state) {
  const lg::Graph g(merge_every_50(static_cast<int>(state.range(0))));
  std::vector<lg::RevIndex> revs;
  for (const lg::Step& s : lg::plan_upgrade(g, {}, "heads").steps) revs.push_back(s.rev);
  for (auto _ : state) {
    const lg::StepAncestry a(g, revs);
    benchmark::DoNotOptimize(a.last_in_pair());
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(g.size()));
}
BENCHMARK(BM_UnorderedPairs)->Apply(sizes);

void BM_DowngradeBaseFromHeads(benchmark::State& state) {
  const lg::Graph g(merge_every_50(static_cast<int>(state.range(0))));
  const std::vector<std::string> rows = lg::plan_upgrade(g, {}, "heads").rows_after;
  for (auto _ : state) {
    lg::Plan p = lg::plan_downgrade(g, rows, "base");
    benchmark::DoNotOptimize(p.steps.data());
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(g.size()));
}
BENCHMARK(BM_DowngradeBaseFromHeads)->Apply(sizes);

void BM_HistoryAll(benchmark::State& state) {
  const lg::Graph g(merge_every_50(static_cast<int>(state.range(0))));
  for (auto _ : state) {
    std::vector<lg::RevIndex> h = lg::history_range(g, {}, ":");
    benchmark::DoNotOptimize(h.data());
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(g.size()));
}
BENCHMARK(BM_HistoryAll)->Apply(sizes);

void BM_StampHeadsFromBase(benchmark::State& state) {
  const lg::Graph g(merge_every_50(static_cast<int>(state.range(0))));
  const std::vector<std::string> rows{g.id(0)};
  for (auto _ : state) {
    std::vector<std::string> r = lg::plan_stamp(g, rows, "heads", false);
    benchmark::DoNotOptimize(r.data());
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(g.size()));
}
BENCHMARK(BM_StampHeadsFromBase)->Apply(sizes);

}  // namespace
// NOLINTEND(clang-analyzer-deadcode.DeadStores)
