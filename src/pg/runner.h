/* runner.h: executing a plan's steps inside the caller's transaction. */
#pragma once

#include "bridge/core_bridge.h"
#include "pg/pg_headers.h"
#include "pg/registry.h"

/*
 * Runs every step of plan in order, in the caller's one transaction
 * (lg_migrate, lg_downgrade, lg_apply inside a transaction block; SPI
 * connected, run lock held), statement by statement, with no
 * subtransaction per step (runner.cpp says why).  A failure keeps its
 * SQLSTATE, gets a context naming the revision, direction, statement
 * number and text, and the caller's transaction rolls everything back.
 * Each step updates lg.version, appends to lg.log, raises a NOTICE and,
 * when store is not NULL, adds a (revision, direction, duration_ms,
 * statements) row to it.  Refuses (55000) while CALL lg_apply() left a
 * revision unfinished.
 */
void lg_run_plan(const LgRegistry *reg, const LgPlan *plan, Tuplestorestate *store,
                 TupleDesc tupdesc);

/* The SQL of one step, fetched before the run. */
typedef struct LgStepSql {
  char *sql;    /* up or down SQL */
  char *verify; /* verify SQL on the way up, else NULL */
  char *checksum;
  char *down_checksum;   /* of the down and verify SQL, journaled with the */
  char *verify_checksum; /* step (NULL when the columns are not there yet) */
  bool transactional;    /* lg.revision.transactional */
} LgStepSql;

/*
 * Fetches the SQL of every step in one query (copied into the current
 * memory context) and refuses, before anything runs, a plan that downgrades
 * through a revision without down SQL.
 */
LgStepSql *lg_prepare_steps(const LgRegistry *reg, const LgPlan *plan);

/* The down SQL of every step of plan (an upgrade's, for lg_check and
 * lg_lint), in step order, in one query as the owner; NULL where there is
 * none.  Copied into the current memory context. */
char **lg_plan_down_sql(const LgRegistry *reg, const LgPlan *plan);

/*
 * CALL lg_apply(): runs every step of plan, committing after each; a
 * non-transactional revision commits part by part (apply_step.h), a
 * partly applied one (partial, NULL if none) resumes where it stopped.  A
 * failed step is rolled back, journaled as failed and committed, and its
 * error re-raised.  SPI connected non-atomic, session run lock held.
 */
void lg_run_plan_committing(const LgRegistry *reg, const LgPlan *plan, bool down,
                            const struct LgProgress *partial);

/* The version-row change and journal line of step i of plan. */
void lg_record_plan_step(const LgPlan *plan, int step, const char *revision, const char *direction,
                         double ms, int statements, const char *checksum, const char *down_checksum,
                         const char *verify_checksum);

/*
 * For a plan with no step: deletes the version rows that are not tips of
 * the applied set (overlapping rows, one an ancestor of another, as
 * Alembic's bug #1373 leaves them), so every run ends at the tips.  A plan
 * with steps does this in its first step.
 */
void lg_tidy_rows(const LgRegistry *reg, const LgPlan *plan);

/*
 * Moves the version rows (deletes removed, inserts added) and appends the
 * step's journal line, naming the caller; duration_ms is NULL unless has_ms.
 * Shared by runs and lg_script_step().
 */
void lg_record_step(char **removed, int nrem, char **added, int nadd, const char *revision,
                    const char *direction, bool has_ms, double ms, int statements,
                    const char *checksum, const char *down_checksum, const char *verify_checksum);
