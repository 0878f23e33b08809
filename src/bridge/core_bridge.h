/*
 * core_bridge.h: the only door between the PostgreSQL boundary and the
 * C++ core.  Everything here has a C-style signature: plain structs, char
 * pointers and ints, no C++ type and no PostgreSQL type.  Every function is
 * noexcept: core exceptions are caught inside and reported through
 * LgCoreError, so the caller (which may ereport) never has a C++ object or
 * an exception in flight.  Objects returned as opaque handles are owned by
 * the core and released with the matching *_free function; the boundary
 * ties that call to a memory context reset callback so an ereport never
 * leaks them.
 */
#pragma once

#include "core/error_kinds.h"

#ifdef __cplusplus
#define LG_NOEXCEPT noexcept
extern "C" {
#else
#define LG_NOEXCEPT
#endif

/* Error kinds: LG_OK, one LG_ERR_<C_NAME> per core kind of
 * core/error_kinds.h, then two the bridge adds itself. */
typedef enum LgErrorKind {
  LG_OK = 0,
#define LG_C_KIND(kind, c_name, sqlstate) LG_ERR_##c_name,
  LG_ERROR_KINDS(LG_C_KIND)
#undef LG_C_KIND
      LG_ERR_OUT_OF_MEMORY, /* std::bad_alloc in the core */
  LG_ERR_INTERNAL           /* any other exception: a bug (XX000) */
} LgErrorKind;

/* Fixed buffers: filling them never allocates, so reporting cannot fail. */
typedef struct LgCoreError {
  LgErrorKind kind;
  char message[1024];
  char detail[1024];
  char hint[512];
} LgCoreError;

/* The edges of a revision as the core reads them: id, parents and
 * depends_on (LgRevisionIn, LgImportedRevision). */
#define LG_REVISION_EDGES        \
  const char *id;                \
  const char *const *parents;    \
  int nparents;                  \
  const char *const *depends_on; \
  int ndepends_on;

/* One registry row, as read from lg.revision (strings borrowed, not owned). */
typedef struct LgRevisionIn {
  LG_REVISION_EDGES
  const char *const *branch_labels;
  int nbranch_labels;
} LgRevisionIn;

typedef enum LgDirection { LG_UP = 0, LG_DOWN = 1 } LgDirection;

typedef struct LgGraph LgGraph; /* a validated registry graph */
typedef struct LgPlan LgPlan;   /* an ordered plan with row changes */

/* Validates a revision id; returns 0 and fills err when it is not valid. */
int lg_core_check_id(const char *id, LgCoreError *err) LG_NOEXCEPT;

/*
 * The graph is built from revisions added one at a time, so the boundary
 * can read lg.revision in batches and free each batch once it is added:
 * the builder copies what it is given.
 */
typedef struct LgGraphBuilder LgGraphBuilder;
LgGraphBuilder *lg_graph_builder_new(int expected, LgCoreError *err) LG_NOEXCEPT;
/* Adds a revision with its registration order (revisions may come in any
 * order); returns 0 with err filled on failure (out of memory). */
int lg_graph_builder_add(LgGraphBuilder *b, long long ord, const LgRevisionIn *rev,
                         LgCoreError *err) LG_NOEXCEPT;
/* Validates and builds the graph from what was added, graph index i being
 * the i-th by ord, leaving the builder empty; order[i] (when order is not
 * NULL, room for every revision) is the 0-based position in which graph
 * index i was added.  NULL with err filled when the registry is not a
 * valid graph. */
LgGraph *lg_graph_builder_finish(LgGraphBuilder *b, int *order, LgCoreError *err) LG_NOEXCEPT;
void lg_graph_builder_free(LgGraphBuilder *b) LG_NOEXCEPT;
void lg_graph_free(LgGraph *g) LG_NOEXCEPT;
const char *lg_graph_id(const LgGraph *g, int index) LG_NOEXCEPT;
/* Index of an id, -1 when absent. */
int lg_graph_find(const LgGraph *g, const char *id) LG_NOEXCEPT;
/* Heads (real and effective) in registration order: count, then the i-th. */
int lg_graph_nheads(const LgGraph *g) LG_NOEXCEPT;
int lg_graph_head(const LgGraph *g, int i) LG_NOEXCEPT;
int lg_graph_is_head(const LgGraph *g, int index) LG_NOEXCEPT;
/* Parents of a revision, as indexes. */
int lg_graph_nparents(const LgGraph *g, int index) LG_NOEXCEPT;
int lg_graph_parent(const LgGraph *g, int index, int i) LG_NOEXCEPT;

/*
 * Marks applied[i] = 1 for every revision the version rows imply applied
 * (applied must have room for lg_graph_size entries).  Returns the number
 * applied, or -1 with err filled (unknown row).
 */
int lg_graph_applied(const LgGraph *g, const char *const *rows, int nrows, unsigned char *applied,
                     LgCoreError *err) LG_NOEXCEPT;

/* Fills order with every index, newest first (history walk); returns count. */
int lg_graph_history(const LgGraph *g, int *order, LgCoreError *err) LG_NOEXCEPT;

/* Plans an upgrade or downgrade with a step order: 0 Alembic's walk, 1
 * registration order (Kahn's order, docs/SEMANTICS.md "Step order"); NULL
 * with err filled on failure. */
LgPlan *lg_plan_build_ordered(const LgGraph *g, const char *const *rows, int nrows,
                              const char *target, LgDirection direction, int step_order,
                              LgCoreError *err) LG_NOEXCEPT;
void lg_plan_free(LgPlan *p) LG_NOEXCEPT;
int lg_plan_nsteps(const LgPlan *p) LG_NOEXCEPT;
/* Graph index of step i's revision. */
int lg_plan_step_revision(const LgPlan *p, int i) LG_NOEXCEPT;
LgDirection lg_plan_step_direction(const LgPlan *p, int i) LG_NOEXCEPT;
/* Version rows removed / added by step i. */
int lg_plan_step_nremoved(const LgPlan *p, int i) LG_NOEXCEPT;
const char *lg_plan_step_removed(const LgPlan *p, int i, int j) LG_NOEXCEPT;
int lg_plan_step_nadded(const LgPlan *p, int i) LG_NOEXCEPT;
const char *lg_plan_step_added(const LgPlan *p, int i, int j) LG_NOEXCEPT;

/* The version rows once every step ran (the tips of the applied set). */
int lg_plan_nrows_after(const LgPlan *p) LG_NOEXCEPT;
const char *lg_plan_row_after(const LgPlan *p, int i) LG_NOEXCEPT;

/* A list of strings owned by the core (rows after a stamp). */
typedef struct LgStrings LgStrings;
int lg_strings_count(const LgStrings *s) LG_NOEXCEPT;
const char *lg_strings_get(const LgStrings *s, int i) LG_NOEXCEPT;
void lg_strings_free(LgStrings *s) LG_NOEXCEPT;

/* The version rows after stamping target (docs/SEMANTICS.md "Stamp"); NULL with
 * err filled on failure. */
LgStrings *lg_stamp_rows(const LgGraph *g, const char *const *rows, int nrows, const char *target,
                         int purge, LgCoreError *err) LG_NOEXCEPT;

/* Alembic's history -r range, newest first, into order (room for every
 * revision); returns the count, or -1 with err filled. */
int lg_graph_history_range(const LgGraph *g, const char *const *rows, int nrows, const char *range,
                           int *order, LgCoreError *err) LG_NOEXCEPT;

/* 1 when parents can be merged (each a head, no repeats, two or more);
 * 0 with err filled otherwise. */
int lg_check_merge(const LgGraph *g, const char *const *parents, int nparents,
                   LgCoreError *err) LG_NOEXCEPT;

/* Revisions applied only through depends_on into out; count or -1. */
int lg_graph_dependency_applied(const LgGraph *g, const char *const *rows, int nrows, int *out,
                                LgCoreError *err) LG_NOEXCEPT;

/* lg_adopt: the tips of the revisions marked in members (one byte per
 * revision) into tips, in registration order; with close, members is first
 * closed under down-revisions (and updated).  Without close, a member whose
 * down-revision is not a member is a gap: returns -2 with *gap_rev and
 * *gap_down set.  -1 with err filled on failure. */
int lg_graph_set_tips(const LgGraph *g, unsigned char *members, int close, int *tips, int *gap_rev,
                      int *gap_down, LgCoreError *err) LG_NOEXCEPT;

/* lg_adopt: which registered revision a version of another tool names
 * (core/adopt.h VersionMatcher).  messages[i] is revision i's message or
 * NULL, borrowed for the call.  NULL with err filled on failure. */
typedef struct LgVersionMatcher LgVersionMatcher;
LgVersionMatcher *lg_version_matcher_new(const LgGraph *g, const char *const *messages,
                                         LgCoreError *err) LG_NOEXCEPT;
void lg_version_matcher_free(LgVersionMatcher *m) LG_NOEXCEPT;
/* Graph index of the revision version names; -1 when none, -2 when several
 * match (or on failure, with err filled: -3). */
int lg_version_matcher_match(const LgVersionMatcher *m, const char *version,
                             LgCoreError *err) LG_NOEXCEPT;
/* Sets members[i] = 1 for every revision up to the version of the row
 * version, matched to index (-1: not matched); 0 with err filled on
 * failure. */
int lg_version_matcher_mark_upto(const LgVersionMatcher *m, int index, const char *version,
                                 unsigned char *members, LgCoreError *err) LG_NOEXCEPT;

/* Per-revision facts. */
int lg_graph_is_real_head(const LgGraph *g, int index) LG_NOEXCEPT;
int lg_graph_nchildren(const LgGraph *g, int index) LG_NOEXCEPT;
int lg_graph_child(const LgGraph *g, int index, int i) LG_NOEXCEPT;
int lg_graph_nlabels(const LgGraph *g, int index) LG_NOEXCEPT;
const char *lg_graph_label(const LgGraph *g, int index, int i) LG_NOEXCEPT;

/* lg_graph(): the registry drawn as text (core/graph_render.h), in one
 * string (lg_strings_get(s, 0)).  Per revision (graph index): messages[i]
 * (NULL: none, as given: the caller shortens and makes it inert),
 * applied[i], current[i] (a version row), transactional[i] (0: marked
 * non-transactional).  NULL with err filled on failure. */
typedef enum LgGraphFormat { LG_GRAPH_DOT = 0, LG_GRAPH_MERMAID = 1 } LgGraphFormat;
LgStrings *lg_graph_render(const LgGraph *g, LgGraphFormat format, const char *const *messages,
                           const unsigned char *applied, const unsigned char *current,
                           const unsigned char *transactional, LgCoreError *err) LG_NOEXCEPT;

/*
 * lg_lint's unordered_conflict pass (core/unordered.h): the steps of a plan
 * whose revisions have no ancestry between them (parents and
 * dependencies), and, once the caller has said what each step touches, the
 * unordered pairs that share a unit one of them changes.  Units are ints
 * the caller assigns.
 */
typedef struct LgUnordered LgUnordered;
/* NULL with err filled on failure. */
LgUnordered *lg_unordered_new(const LgPlan *p, LgCoreError *err) LG_NOEXCEPT;
void lg_unordered_free(LgUnordered *u) LG_NOEXCEPT;
/* 1 when step i is unordered with some other step. */
int lg_unordered_in_pair(const LgUnordered *u, int i) LG_NOEXCEPT;
/* The last step in a pair, -1 when the plan has no unordered pair. */
int lg_unordered_last_in_pair(const LgUnordered *u) LG_NOEXCEPT;
/* Step i changes (changes = 1) or depends on (0) unit; 0 with err filled
 * on failure (out of memory). */
int lg_unordered_touch(LgUnordered *u, int i, int unit, int changes, LgCoreError *err) LG_NOEXCEPT;
/* One unit shared by two unordered steps (first < second in step order). */
typedef struct LgUnorderedConflict {
  int first;
  int second;
  int unit;
  int first_changes; /* 0: depends on it */
  int second_changes;
} LgUnorderedConflict;
/* Computes the conflicts of what was touched, ordered by second, first,
 * unit; returns their count, or -1 with err filled. */
int lg_unordered_conflicts(LgUnordered *u, LgCoreError *err) LG_NOEXCEPT;
void lg_unordered_conflict(const LgUnordered *u, int i, LgUnorderedConflict *out) LG_NOEXCEPT;

/*
 * lg_import: a migration folder of another tool, parsed into revisions
 * (core/import.h).  Files and options are borrowed for the call; the
 * result is owned by the handle, and so is every string it hands out.
 */
typedef struct LgImport LgImport;
typedef struct LgImportedRevision {
  LG_REVISION_EDGES
  const char *message;
  const char *up;
  const char *down;   /* NULL: irreversible */
  const char *verify; /* NULL: none */
  int transactional;
  const char *source; /* the file or directory it came from */
} LgImportedRevision;
/* NULL with err filled when the folder does not fit the layout. */
LgImport *lg_import_parse(const char *layout, const char *const *paths, const char *const *contents,
                          int nfiles, const char *const *option_names,
                          const char *const *option_values, int noptions,
                          LgCoreError *err) LG_NOEXCEPT;
void lg_import_free(LgImport *imp) LG_NOEXCEPT;
/* Revisions in registration order (parents first). */
int lg_import_nrevisions(const LgImport *imp) LG_NOEXCEPT;
void lg_import_revision(const LgImport *imp, int i, LgImportedRevision *out) LG_NOEXCEPT;
/* Files the layout does not read. */
int lg_import_nignored(const LgImport *imp) LG_NOEXCEPT;
const char *lg_import_ignored(const LgImport *imp, int i) LG_NOEXCEPT;

#ifdef __cplusplus
}
#endif
