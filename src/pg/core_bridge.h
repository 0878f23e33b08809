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

#ifdef __cplusplus
#define LG_NOEXCEPT noexcept
extern "C" {
#else
#define LG_NOEXCEPT
#endif

/* Error kinds, in step with lg::ErrorKind (core/error.h). */
typedef enum LgErrorKind {
  LG_OK = 0,
  LG_ERR_INVALID_ID,
  LG_ERR_INVALID_TARGET,
  LG_ERR_UNKNOWN_REVISION,
  LG_ERR_AMBIGUOUS_REVISION,
  LG_ERR_MULTIPLE_HEADS,
  LG_ERR_UNKNOWN_PARENT,
  LG_ERR_CYCLE,
  LG_ERR_DUPLICATE_LABEL,
  LG_ERR_RELATIVE_OVERSHOOT,
  LG_ERR_AMBIGUOUS_WALK,
  LG_ERR_AMBIGUOUS_CURRENT,
  LG_ERR_INVALID_DOWNGRADE,
  LG_ERR_UNKNOWN_CURRENT_ROW,
  LG_ERR_OUT_OF_MEMORY,
  LG_ERR_INTERNAL
} LgErrorKind;

/* Fixed buffers: filling them never allocates, so reporting cannot fail. */
typedef struct LgCoreError {
  LgErrorKind kind;
  char message[1024];
  char detail[1024];
  char hint[512];
} LgCoreError;

/* One registry row, as read from lg.revision (strings borrowed, not owned). */
typedef struct LgRevisionIn {
  const char *id;
  const char *const *parents;
  int nparents;
  const char *const *depends_on;
  int ndepends_on;
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
int lg_graph_size(const LgGraph *g) LG_NOEXCEPT;
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
int lg_graph_applied(const LgGraph *g, const char *const *rows, int nrows,
                     unsigned char *applied, LgCoreError *err) LG_NOEXCEPT;

/* Fills order with every index, newest first (history walk); returns count. */
int lg_graph_history(const LgGraph *g, int *order, LgCoreError *err) LG_NOEXCEPT;

/* Plans an upgrade or downgrade; NULL with err filled on failure. */
LgPlan *lg_plan_build(const LgGraph *g, const char *const *rows, int nrows,
                      const char *target, LgDirection direction,
                      LgCoreError *err) LG_NOEXCEPT;
/* The same with a step order: 0 Alembic's walk, 1 registration order
 * (Kahn's order, docs/SEMANTICS.md "Step order"); lg_plan_build is order 0. */
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
int lg_graph_history_range(const LgGraph *g, const char *const *rows, int nrows,
                           const char *range, int *order, LgCoreError *err) LG_NOEXCEPT;

/* 1 when parents can be merged (each a head, no repeats, two or more);
 * 0 with err filled otherwise. */
int lg_check_merge(const LgGraph *g, const char *const *parents, int nparents,
                   LgCoreError *err) LG_NOEXCEPT;

/* Branch points (two or more children) into out; returns the count. */
int lg_graph_branch_points(const LgGraph *g, int *out) LG_NOEXCEPT;

/* Revisions applied only through depends_on into out; count or -1. */
int lg_graph_dependency_applied(const LgGraph *g, const char *const *rows, int nrows, int *out,
                                LgCoreError *err) LG_NOEXCEPT;

/* lg_adopt: the tips of the revisions marked in members (one byte per
 * revision) into tips, in registration order; with close, members is first
 * closed under down-revisions (and updated).  Without close, a member whose
 * down-revision is not a member is a gap: returns -2 with *gap_rev and
 * *gap_down set.  -1 with err filled on failure. */
int lg_graph_set_tips(const LgGraph *g, unsigned char *members, int close, int *tips,
                      int *gap_rev, int *gap_down, LgCoreError *err) LG_NOEXCEPT;

/* Per-revision facts. */
int lg_graph_is_real_head(const LgGraph *g, int index) LG_NOEXCEPT;
int lg_graph_nchildren(const LgGraph *g, int index) LG_NOEXCEPT;
int lg_graph_child(const LgGraph *g, int index, int i) LG_NOEXCEPT;
int lg_graph_nlabels(const LgGraph *g, int index) LG_NOEXCEPT;
const char *lg_graph_label(const LgGraph *g, int index, int i) LG_NOEXCEPT;

#ifdef __cplusplus
}
#endif
