/*
 * apply_step.h: one step of CALL lg_apply(), which commits as it goes.
 *
 * A transactional revision runs as one piece: its statements, its verify
 * SQL and its bookkeeping in one subtransaction of the step's transaction,
 * committed after it.  A non-transactional revision runs in parts: a part
 * is the statements up to the next commit point (a COMMIT or COMMIT AND
 * CHAIN of the revision, which becomes a commit of lg_apply's transaction;
 * the commit after an ALTER TYPE ... ADD VALUE; a statement that must run
 * top level, which runs alone in lg's background worker, top_level.h,
 * with lg's transaction committed and holding no snapshot).  lg.progress
 * (progress.h) is committed with each part, so a failed or interrupted
 * revision resumes at the first statement of the part that did not commit.
 * The revision counts as applied (its version-row change and journal line)
 * only in the transaction of its last part, after its verify SQL.
 */
#pragma once

#include "pg/pg_headers.h"
#include "pg/statements.h"
#include "pg/stmt_context.h"

typedef struct LgApplyStep {
  const char *revision;
  const char *direction; /* "up" or "down" */
  const char *sql;       /* the up or down SQL */
  const char *verify;    /* verify SQL on the way up, else NULL */
  bool transactional;
  int done;                  /* statements already committed (resuming), else 0 */
  bool resuming;             /* lg.progress had this revision and direction */
  const char *done_checksum; /* resuming: lg.progress's checksum of the done statements */
  /* The step's bookkeeping, run in the transaction of its last part. */
  void (*record)(struct LgApplyStep *step);
  void *record_arg;
  /* Notes the relations of statements run top level (schema_state.h). */
  struct LgSchemaRecord *schema;
  /* out */
  int statements;
  double ms;
  /* private */
  instr_time start;
  char *prefix; /* checksum of statements 1..hashed */
  int hashed;
  LgStatement *stmts;
  LgStmtClass *classes; /* of each statement, classified once */
  int n;
  int next;
  bool finished;
  bool commit_after;
  bool in_verify;
  bool skip; /* the resumed top-level statement had completed */
  LgStmtContext ctx;
} LgApplyStep;

/* Runs the step (SPI connected non-atomic, run lock held); on error the
 * step's work since its last commit is rolled back, lg.progress and lg.log
 * say where it failed (committed), and the error is re-raised. */
void lg_apply_step(LgApplyStep *step);
