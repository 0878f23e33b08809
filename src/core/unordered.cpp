// Unordered steps of a plan and their conflicts (core/unordered.h).
#include "core/unordered.h"

#include <algorithm>
#include <tuple>

namespace lg {

namespace {

constexpr std::size_t kBlock = 64;

int popcount64(std::uint64_t x) { return __builtin_popcountll(x); }

}  // namespace

StepAncestry::StepAncestry(const Graph& g, const std::vector<RevIndex>& revs) : n_(revs.size()) {
  std::vector<int> pos(g.size(), -1);
  for (std::size_t i = 0; i < n_; ++i) pos[at(revs[i])] = static_cast<int>(i);
  // Predecessors: parents and dependencies (a dependency's whole lineage is
  // an ancestor too) that are in the plan, each once.
  std::vector<int> indegree(n_, 0);
  std::vector<char> seen(n_, 0);
  std::vector<int> mine;
  preds_.reserve(n_, n_);
  for (std::size_t i = 0; i < n_; ++i) {
    mine.clear();
    for (const IndexList& edges : {g.parents(revs[i]), g.dependencies(revs[i])})
      for (RevIndex r : edges) {
        const int p = pos[at(r)];
        if (p < 0 || seen[static_cast<std::size_t>(p)]) continue;
        seen[static_cast<std::size_t>(p)] = 1;
        mine.push_back(p);
      }
    for (int p : mine) {
      seen[static_cast<std::size_t>(p)] = 0;
      preds_.push(p);
    }
    indegree[i] = static_cast<int>(mine.size());
    preds_.close();
  }
  succs_ = preds_.transposed(n_);
  // Kahn's order (an upgrade plan is already one; a downgrade is reversed).
  topo_.reserve(n_);
  for (std::size_t i = 0; i < n_; ++i)
    if (indegree[i] == 0) topo_.push_back(static_cast<int>(i));
  for (std::size_t k = 0; k < topo_.size(); ++k)
    for (int s : succs_[static_cast<std::size_t>(topo_[k])])
      if (--indegree[static_cast<std::size_t>(s)] == 0) topo_.push_back(s);
  // Related steps of each: ancestors and descendants; the rest are unordered.
  std::vector<std::size_t> related(n_, 0);
  for_each_block([&](std::size_t, std::size_t, const std::vector<std::uint64_t>& anc,
                     const std::vector<std::uint64_t>& desc) {
    for (std::size_t v = 0; v < n_; ++v)
      related[v] += static_cast<std::size_t>(popcount64(anc[v] | desc[v]));
  });
  in_pair_.assign(n_, 0);
  for (std::size_t v = 0; v < n_; ++v)
    if (related[v] + 1 < n_) {
      in_pair_[v] = 1;
      last_in_pair_ = static_cast<long>(v);
    }
}

template <class Fn>
void StepAncestry::for_each_block(Fn&& fn) const {
  std::vector<std::uint64_t> anc(n_), desc(n_);
  for (std::size_t lo = 0; lo < n_; lo += kBlock) {
    const std::size_t hi = std::min(n_, lo + kBlock);
    auto own = [&](int p) -> std::uint64_t {
      const std::size_t q = static_cast<std::size_t>(p);
      return q >= lo && q < hi ? std::uint64_t{1} << (q - lo) : 0;
    };
    for (int v : topo_) {
      std::uint64_t m = 0;
      for (int p : preds_[static_cast<std::size_t>(v)])
        m |= anc[static_cast<std::size_t>(p)] | own(p);
      anc[static_cast<std::size_t>(v)] = m;
    }
    for (auto it = topo_.rbegin(); it != topo_.rend(); ++it) {
      std::uint64_t m = 0;
      for (int s : succs_[static_cast<std::size_t>(*it)])
        m |= desc[static_cast<std::size_t>(s)] | own(s);
      desc[static_cast<std::size_t>(*it)] = m;
    }
    fn(lo, hi, anc, desc);
  }
}

std::vector<char> StepAncestry::unordered(const std::vector<std::pair<int, int>>& queries) const {
  std::vector<char> out(queries.size(), 0);
  // Each query is answered in the block of its first step: j is related to
  // i when it is one of i's ancestors or descendants.
  std::vector<std::vector<std::size_t>> by_block((n_ + kBlock - 1) / kBlock);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const auto [i, j] = queries[q];
    if (i == j || i < 0 || j < 0 || static_cast<std::size_t>(i) >= n_ ||
        static_cast<std::size_t>(j) >= n_)
      continue;
    by_block[static_cast<std::size_t>(i) / kBlock].push_back(q);
  }
  for_each_block([&](std::size_t lo, std::size_t, const std::vector<std::uint64_t>& anc,
                     const std::vector<std::uint64_t>& desc) {
    for (std::size_t q : by_block[lo / kBlock]) {
      const std::size_t i = static_cast<std::size_t>(queries[q].first);
      const std::size_t j = static_cast<std::size_t>(queries[q].second);
      const std::uint64_t bit = std::uint64_t{1} << (i - lo);
      out[q] = ((anc[j] | desc[j]) & bit) == 0 ? 1 : 0;
    }
  });
  return out;
}

std::vector<std::pair<int, int>> StepAncestry::pairs() const {
  std::vector<std::pair<int, int>> out;
  for_each_block([&](std::size_t lo, std::size_t hi, const std::vector<std::uint64_t>& anc,
                     const std::vector<std::uint64_t>& desc) {
    for (std::size_t v = lo + 1; v < n_; ++v) {
      const std::size_t top = std::min(hi, v);  // i < v only
      if (top <= lo) continue;
      const std::uint64_t related = anc[v] | desc[v];
      for (std::size_t i = lo; i < top; ++i)
        if (!(related >> (i - lo) & 1)) out.emplace_back(static_cast<int>(i), static_cast<int>(v));
    }
  });
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second, a.first) < std::tie(b.second, b.first);
  });
  return out;
}

std::vector<UnitConflict> unordered_conflicts(const StepAncestry& a,
                                              const std::vector<UnitTouch>& touches) {
  // One touch per (unit, step), changes winning over depends.
  std::vector<UnitTouch> t(touches);
  std::sort(t.begin(), t.end(), [](const UnitTouch& x, const UnitTouch& y) {
    return std::tie(x.unit, x.step, y.changes) < std::tie(y.unit, y.step, x.changes);
  });
  std::vector<UnitTouch> u;
  for (const UnitTouch& x : t)
    if (u.empty() || u.back().unit != x.unit || u.back().step != x.step) u.push_back(x);
  // Candidates: within each unit, pairs of distinct steps one of which changes it.
  std::vector<UnitConflict> cand;
  std::vector<std::pair<int, int>> queries;
  for (std::size_t b = 0; b < u.size();) {
    std::size_t e = b;
    while (e < u.size() && u[e].unit == u[b].unit) ++e;
    for (std::size_t i = b; i < e; ++i)
      for (std::size_t j = i + 1; j < e; ++j) {
        if (!u[i].changes && !u[j].changes) continue;
        cand.push_back({u[i].step, u[j].step, u[b].unit, u[i].changes, u[j].changes});
        queries.emplace_back(u[i].step, u[j].step);
      }
    b = e;
  }
  const std::vector<char> unord = a.unordered(queries);
  std::vector<UnitConflict> out;
  for (std::size_t q = 0; q < cand.size(); ++q)
    if (unord[q]) out.push_back(cand[q]);
  std::sort(out.begin(), out.end(), [](const UnitConflict& x, const UnitConflict& y) {
    return std::tie(x.second, x.first, x.unit) < std::tie(y.second, y.first, y.unit);
  });
  return out;
}

}  // namespace lg
