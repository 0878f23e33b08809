/*
 * core_bridge.cpp: C-style, exception-free adapter over the C++ core.
 * This file includes no PostgreSQL header: it only translates between the
 * plain structs of core_bridge.h and lg's core types, and turns every
 * exception into an LgCoreError before returning.
 */
#include "bridge/core_bridge.h"

#include "core/adopt.h"
#include "core/error.h"
#include "core/graph.h"
#include "core/graph_render.h"
#include "core/current.h"
#include "core/history.h"
#include "core/planner.h"
#include "core/history_range.h"
#include "core/import.h"
#include "core/merge.h"
#include "core/revision.h"
#include "core/revision_set.h"
#include "core/stamp.h"
#include "core/unordered.h"
#include "core/views.h"

#include <algorithm>
#include <numeric>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

struct LgGraph {
  lg::Graph graph;
  std::vector<lg::RevIndex> heads;  // computed once: asked for per row
};

struct LgPlan {
  lg::Plan plan;
  const lg::Graph *graph;  // the plan's rows are indexes into it
};

struct LgStrings {
  std::vector<std::string> items;
};

namespace {

void copy_text(char *dst, std::size_t size, const std::string &src) {
  std::snprintf(dst, size, "%s", src.c_str());
}

LgErrorKind to_c_kind(lg::ErrorKind kind) {
  switch (kind) {
#define LG_TO_C_KIND(kind, c_name, sqlstate) \
  case lg::ErrorKind::kind:                  \
    return LG_ERR_##c_name;
    LG_ERROR_KINDS(LG_TO_C_KIND)
#undef LG_TO_C_KIND
  }
  return LG_ERR_INTERNAL;
}

void clear(LgCoreError *err) {
  err->kind = LG_OK;
  err->message[0] = err->detail[0] = err->hint[0] = '\0';
}

// Runs fn, converting any exception into err; returns false on failure.
template <typename Fn>
bool guarded(LgCoreError *err, Fn &&fn) noexcept {
  clear(err);
  try {
    fn();
    return true;
  } catch (const lg::Error &e) {
    err->kind = to_c_kind(e.kind());
    copy_text(err->message, sizeof err->message, e.what());
    copy_text(err->detail, sizeof err->detail, e.detail());
    copy_text(err->hint, sizeof err->hint, e.hint());
  } catch (const std::bad_alloc &) {
    err->kind = LG_ERR_OUT_OF_MEMORY;
    copy_text(err->message, sizeof err->message, "out of memory in lg core");
  } catch (const std::exception &e) {
    err->kind = LG_ERR_INTERNAL;
    copy_text(err->message, sizeof err->message, e.what());
  } catch (...) {
    err->kind = LG_ERR_INTERNAL;
    copy_text(err->message, sizeof err->message, "unexpected exception in lg core");
  }
  return false;
}

std::vector<std::string> to_strings(const char *const *items, int n) {
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(n > 0 ? n : 0));
  for (int i = 0; i < n; ++i) out.emplace_back(items[i]);
  return out;
}

const lg::Step &step(const LgPlan *p, int i) { return p->plan.steps[static_cast<std::size_t>(i)]; }

}  // namespace

int lg_core_check_id(const char *id, LgCoreError *err) noexcept {
  return guarded(err, [&] { lg::validate_revision_id(id); }) ? 1 : 0;
}

struct LgGraphBuilder {
  lg::RevisionSet revisions;
  std::vector<long long> ords;
  std::vector<std::string_view> names;  // scratch for one revision's lists
};

LgGraphBuilder *lg_graph_builder_new(int expected, LgCoreError *err) noexcept {
  LgGraphBuilder *out = nullptr;
  guarded(err, [&] {
    auto b = std::make_unique<LgGraphBuilder>();
    const std::size_t n = static_cast<std::size_t>(expected > 0 ? expected : 0);
    // Room for an id and a parent of ~16 characters each per revision.
    b->revisions.reserve(n, 2 * n, 32 * n);
    b->ords.reserve(n);
    out = b.release();
  });
  return out;
}

int lg_graph_builder_add(LgGraphBuilder *b, long long ord, const LgRevisionIn *r,
                         LgCoreError *err) noexcept {
  return guarded(err,
                 [&] {
                   std::vector<std::string_view> &v = b->names;
                   v.clear();
                   for (int k = 0; k < r->nparents; ++k) v.emplace_back(r->parents[k]);
                   for (int k = 0; k < r->ndepends_on; ++k) v.emplace_back(r->depends_on[k]);
                   for (int k = 0; k < r->nbranch_labels; ++k) v.emplace_back(r->branch_labels[k]);
                   const std::size_t np = static_cast<std::size_t>(r->nparents),
                                     nd = static_cast<std::size_t>(r->ndepends_on);
                   b->revisions.add(r->id, v.data(), np, v.data() + np, nd, v.data() + np + nd,
                                    v.size() - np - nd);
                   b->ords.push_back(ord);
                 })
             ? 1
             : 0;
}

LgGraph *lg_graph_builder_finish(LgGraphBuilder *b, int *order, LgCoreError *err) noexcept {
  LgGraph *out = nullptr;
  guarded(err, [&] {
    const std::size_t n = b->revisions.size();
    std::vector<int> by_ord(n);
    std::iota(by_ord.begin(), by_ord.end(), 0);
    // Rows usually come back in ord order (heap order is insertion order
    // until rows are updated or space is reused): then nothing is copied.
    if (!std::is_sorted(b->ords.begin(), b->ords.end())) {
      std::sort(by_ord.begin(), by_ord.end(),
                [&](int x, int y) { return b->ords[x] < b->ords[y]; });
      lg::RevisionSet sorted;
      for (int k : by_ord) sorted.append(b->revisions, static_cast<std::size_t>(k));
      b->revisions = std::move(sorted);
    }
    std::vector<long long>().swap(b->ords);
    lg::Graph graph(b->revisions);
    b->revisions = lg::RevisionSet();  // the names are resolved: free them now
    std::vector<lg::RevIndex> heads = graph.heads();
    out = new LgGraph{std::move(graph), std::move(heads)};
    if (order != nullptr) std::copy(by_ord.begin(), by_ord.end(), order);
  });
  return out;
}

void lg_graph_builder_free(LgGraphBuilder *b) noexcept { delete b; }

void lg_graph_free(LgGraph *g) noexcept { delete g; }

const char *lg_graph_id(const LgGraph *g, int index) noexcept { return g->graph.id(index).c_str(); }

int lg_graph_find(const LgGraph *g, const char *id) noexcept { return g->graph.find(id); }

int lg_graph_nheads(const LgGraph *g) noexcept { return static_cast<int>(g->heads.size()); }

int lg_graph_head(const LgGraph *g, int i) noexcept {
  return g->heads[static_cast<std::size_t>(i)];
}

int lg_graph_is_head(const LgGraph *g, int index) noexcept {
  return g->graph.children(index).empty() ? 1 : 0;
}

int lg_graph_nparents(const LgGraph *g, int index) noexcept {
  return static_cast<int>(g->graph.parents(index).size());
}

int lg_graph_parent(const LgGraph *g, int index, int i) noexcept {
  return g->graph.parents(index)[static_cast<std::size_t>(i)];
}

int lg_graph_applied(const LgGraph *g, const char *const *rows, int nrows, unsigned char *applied,
                     LgCoreError *err) noexcept {
  int count = -1;
  guarded(err, [&] {
    std::vector<bool> set = lg::applied_set(g->graph, to_strings(rows, nrows));
    count = 0;
    for (std::size_t i = 0; i < set.size(); ++i) {
      applied[i] = set[i] ? 1 : 0;
      count += set[i] ? 1 : 0;
    }
  });
  return count;
}

int lg_graph_history(const LgGraph *g, int *order, LgCoreError *err) noexcept {
  int count = -1;
  guarded(err, [&] {
    std::vector<lg::RevIndex> walk = lg::history_order(g->graph);
    for (std::size_t i = 0; i < walk.size(); ++i) order[i] = walk[i];
    count = static_cast<int>(walk.size());
  });
  return count;
}

LgPlan *lg_plan_build_ordered(const LgGraph *g, const char *const *rows, int nrows,
                              const char *target, LgDirection direction, int step_order,
                              LgCoreError *err) noexcept {
  LgPlan *out = nullptr;
  guarded(err, [&] {
    std::vector<std::string> current = to_strings(rows, nrows);
    const lg::StepOrder order =
        step_order == 1 ? lg::StepOrder::Registration : lg::StepOrder::Alembic;
    lg::Plan plan = direction == LG_UP ? lg::plan_upgrade(g->graph, current, target, order)
                                       : lg::plan_downgrade(g->graph, current, target, order);
    out = new LgPlan{std::move(plan), &g->graph};
  });
  return out;
}

int lg_graph_set_tips(const LgGraph *g, unsigned char *members, int close, int *tips, int *gap_rev,
                      int *gap_down, LgCoreError *err) noexcept {
  int count = -1;
  guarded(err, [&] {
    const std::size_t n = g->graph.size();
    std::vector<char> set(members, members + n);
    std::pair<lg::RevIndex, lg::RevIndex> gap{-1, -1};
    std::vector<lg::RevIndex> out = lg::set_tips(g->graph, set, close != 0, &gap);
    if (gap.first >= 0) {
      *gap_rev = gap.first;
      *gap_down = gap.second;
      count = -2;
      return;
    }
    for (std::size_t i = 0; i < n; ++i) members[i] = set[i] ? 1 : 0;
    for (std::size_t i = 0; i < out.size(); ++i) tips[i] = out[i];
    count = static_cast<int>(out.size());
  });
  return count;
}

struct LgVersionMatcher {
  lg::VersionMatcher matcher;
};

LgVersionMatcher *lg_version_matcher_new(const LgGraph *g, const char *const *messages,
                                         LgCoreError *err) noexcept {
  LgVersionMatcher *out = nullptr;
  guarded(err, [&] {
    std::vector<const char *> in(messages, messages + g->graph.size());
    out = new LgVersionMatcher{lg::VersionMatcher(g->graph, in)};
  });
  return out;
}

void lg_version_matcher_free(LgVersionMatcher *m) noexcept { delete m; }

int lg_version_matcher_match(const LgVersionMatcher *m, const char *version,
                             LgCoreError *err) noexcept {
  int index = -3;
  guarded(err, [&] { index = m->matcher.match(version); });
  return index;
}

int lg_version_matcher_mark_upto(const LgVersionMatcher *m, int index, const char *version,
                                 unsigned char *members, LgCoreError *err) noexcept {
  int ok = 0;
  guarded(err, [&] {
    const std::size_t n = m->matcher.size();
    std::vector<char> set(members, members + n);
    m->matcher.mark_upto(index, version, set);
    for (std::size_t i = 0; i < n; ++i) members[i] = set[i] ? 1 : 0;
    ok = 1;
  });
  return ok;
}

void lg_plan_free(LgPlan *p) noexcept { delete p; }

int lg_plan_nsteps(const LgPlan *p) noexcept { return static_cast<int>(p->plan.steps.size()); }

int lg_plan_step_revision(const LgPlan *p, int i) noexcept { return step(p, i).rev; }

LgDirection lg_plan_step_direction(const LgPlan *p, int i) noexcept {
  return step(p, i).direction == lg::Direction::Up ? LG_UP : LG_DOWN;
}

int lg_plan_step_nremoved(const LgPlan *p, int i) noexcept {
  return static_cast<int>(p->plan.rows_removed[static_cast<std::size_t>(i)].size());
}

const char *lg_plan_step_removed(const LgPlan *p, int i, int j) noexcept {
  return p->graph
      ->id(p->plan.rows_removed[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)])
      .c_str();
}

int lg_plan_step_nadded(const LgPlan *p, int i) noexcept {
  return static_cast<int>(p->plan.rows_added[static_cast<std::size_t>(i)].size());
}

int lg_plan_nrows_after(const LgPlan *p) noexcept {
  return static_cast<int>(p->plan.rows_after.size());
}

const char *lg_plan_row_after(const LgPlan *p, int i) noexcept {
  return p->plan.rows_after[static_cast<std::size_t>(i)].c_str();
}

const char *lg_plan_step_added(const LgPlan *p, int i, int j) noexcept {
  return p->graph->id(p->plan.rows_added[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)])
      .c_str();
}

int lg_strings_count(const LgStrings *s) noexcept { return static_cast<int>(s->items.size()); }

const char *lg_strings_get(const LgStrings *s, int i) noexcept {
  return s->items[static_cast<std::size_t>(i)].c_str();
}

void lg_strings_free(LgStrings *s) noexcept { delete s; }

LgStrings *lg_stamp_rows(const LgGraph *g, const char *const *rows, int nrows, const char *target,
                         int purge, LgCoreError *err) noexcept {
  LgStrings *out = nullptr;
  guarded(err, [&] {
    std::vector<std::string> after =
        lg::plan_stamp(g->graph, to_strings(rows, nrows), target, purge != 0);
    out = new LgStrings{std::move(after)};
  });
  return out;
}

int lg_graph_history_range(const LgGraph *g, const char *const *rows, int nrows, const char *range,
                           int *order, LgCoreError *err) noexcept {
  int count = -1;
  guarded(err, [&] {
    std::vector<lg::RevIndex> walk = lg::history_range(g->graph, to_strings(rows, nrows), range);
    for (std::size_t i = 0; i < walk.size(); ++i) order[i] = walk[i];
    count = static_cast<int>(walk.size());
  });
  return count;
}

int lg_check_merge(const LgGraph *g, const char *const *parents, int nparents,
                   LgCoreError *err) noexcept {
  return guarded(err, [&] { lg::check_merge_parents(g->graph, to_strings(parents, nparents)); })
             ? 1
             : 0;
}

int lg_graph_dependency_applied(const LgGraph *g, const char *const *rows, int nrows, int *out,
                                LgCoreError *err) noexcept {
  int count = -1;
  guarded(err, [&] {
    std::vector<lg::RevIndex> revs =
        lg::applied_through_dependencies(g->graph, to_strings(rows, nrows));
    for (std::size_t i = 0; i < revs.size(); ++i) out[i] = revs[i];
    count = static_cast<int>(revs.size());
  });
  return count;
}

LgStrings *lg_graph_render(const LgGraph *g, LgGraphFormat format, const char *const *messages,
                           const unsigned char *applied, const unsigned char *current,
                           const unsigned char *transactional, LgCoreError *err) noexcept {
  LgStrings *out = nullptr;
  guarded(err, [&] {
    const std::size_t n = g->graph.size();
    lg::GraphMarks marks;
    marks.messages.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      marks.messages.emplace_back(messages[i] != nullptr ? messages[i] : "");
      marks.applied.push_back(applied[i] != 0);
      marks.current.push_back(current[i] != 0);
      marks.transactional.push_back(transactional[i] != 0);
    }
    std::string text = lg::render_graph(
        g->graph, format == LG_GRAPH_MERMAID ? lg::GraphFormat::Mermaid : lg::GraphFormat::Dot,
        marks);
    out = new LgStrings{{std::move(text)}};
  });
  return out;
}

int lg_graph_is_real_head(const LgGraph *g, int index) noexcept {
  return g->graph.is_real_head(index) ? 1 : 0;
}

int lg_graph_nchildren(const LgGraph *g, int index) noexcept {
  return static_cast<int>(g->graph.children(index).size());
}

int lg_graph_child(const LgGraph *g, int index, int i) noexcept {
  return g->graph.children(index)[static_cast<std::size_t>(i)];
}

int lg_graph_nlabels(const LgGraph *g, int index) noexcept {
  return static_cast<int>(g->graph.labels(index).size());
}

const char *lg_graph_label(const LgGraph *g, int index, int i) noexcept {
  return g->graph.labels(index)[static_cast<std::size_t>(i)].c_str();
}

struct LgImport {
  lg::ImportResult result;
  std::vector<std::vector<const char *>> parents, depends_on;  // c_str() of result's lists
};

LgImport *lg_import_parse(const char *layout, const char *const *paths, const char *const *contents,
                          int nfiles, const char *const *option_names,
                          const char *const *option_values, int noptions,
                          LgCoreError *err) noexcept {
  LgImport *out = nullptr;
  guarded(err, [&] {
    std::vector<lg::ImportFile> files;
    files.reserve(static_cast<std::size_t>(nfiles > 0 ? nfiles : 0));
    for (int i = 0; i < nfiles; ++i) files.push_back({paths[i], contents[i]});
    lg::ImportOptions options;
    for (int i = 0; i < noptions; ++i) options.emplace_back(option_names[i], option_values[i]);
    auto imp = std::make_unique<LgImport>();
    imp->result = lg::import_folder(layout, files, options);
    for (const lg::ImportedRevision &r : imp->result.revisions) {
      std::vector<const char *> p, d;
      for (const std::string &s : r.parents) p.push_back(s.c_str());
      for (const std::string &s : r.depends_on) d.push_back(s.c_str());
      imp->parents.push_back(std::move(p));
      imp->depends_on.push_back(std::move(d));
    }
    out = imp.release();
  });
  return out;
}

void lg_import_free(LgImport *imp) noexcept { delete imp; }

int lg_import_nrevisions(const LgImport *imp) noexcept {
  return static_cast<int>(imp->result.revisions.size());
}

void lg_import_revision(const LgImport *imp, int i, LgImportedRevision *out) noexcept {
  const std::size_t k = static_cast<std::size_t>(i);
  const lg::ImportedRevision &r = imp->result.revisions[k];
  out->id = r.id.c_str();
  out->parents = imp->parents[k].data();
  out->nparents = static_cast<int>(r.parents.size());
  out->depends_on = imp->depends_on[k].data();
  out->ndepends_on = static_cast<int>(r.depends_on.size());
  out->message = r.message.c_str();
  out->up = r.up.c_str();
  out->down = r.down ? r.down->c_str() : nullptr;
  out->verify = r.verify ? r.verify->c_str() : nullptr;
  out->transactional = r.transactional ? 1 : 0;
  out->source = r.source.c_str();
}

int lg_import_nignored(const LgImport *imp) noexcept {
  return static_cast<int>(imp->result.ignored.size());
}

const char *lg_import_ignored(const LgImport *imp, int i) noexcept {
  return imp->result.ignored[static_cast<std::size_t>(i)].c_str();
}

struct LgUnordered {
  lg::StepAncestry ancestry;
  std::vector<lg::UnitTouch> touches;
  std::vector<lg::UnitConflict> conflicts;
};

LgUnordered *lg_unordered_new(const LgPlan *p, LgCoreError *err) noexcept {
  LgUnordered *out = nullptr;
  guarded(err, [&] {
    std::vector<lg::RevIndex> revs;
    revs.reserve(p->plan.steps.size());
    for (const lg::Step &s : p->plan.steps) revs.push_back(s.rev);
    out = new LgUnordered{lg::StepAncestry(*p->graph, revs), {}, {}};
  });
  return out;
}

void lg_unordered_free(LgUnordered *u) noexcept { delete u; }

int lg_unordered_in_pair(const LgUnordered *u, int i) noexcept {
  return u->ancestry.in_pair(static_cast<std::size_t>(i)) ? 1 : 0;
}

int lg_unordered_last_in_pair(const LgUnordered *u) noexcept {
  return static_cast<int>(u->ancestry.last_in_pair());
}

int lg_unordered_touch(LgUnordered *u, int i, int unit, int changes, LgCoreError *err) noexcept {
  return guarded(err, [&] { u->touches.push_back({i, unit, changes != 0}); }) ? 1 : 0;
}

int lg_unordered_conflicts(LgUnordered *u, LgCoreError *err) noexcept {
  int n = -1;
  guarded(err, [&] {
    u->conflicts = lg::unordered_conflicts(u->ancestry, u->touches);
    n = static_cast<int>(u->conflicts.size());
  });
  return n;
}

void lg_unordered_conflict(const LgUnordered *u, int i, LgUnorderedConflict *out) noexcept {
  const lg::UnitConflict &c = u->conflicts[static_cast<std::size_t>(i)];
  out->first = c.first;
  out->second = c.second;
  out->unit = c.unit;
  out->first_changes = c.first_changes ? 1 : 0;
  out->second_changes = c.second_changes ? 1 : 0;
}
