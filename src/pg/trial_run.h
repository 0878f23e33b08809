/*
 * trial_run.h: a revision's SQL run inside the current transaction, for a
 * trial that the caller rolls back (lg_check, unordered conflicts).
 *
 * A trial never commits: every statement runs inside the caller's
 * transaction, as the calling role, through lg's statement loop
 * (execute.h: the lexing rule, lg.lock_timeout and its retries,
 * lg.statement_timeout, the context line naming revision and statement).
 * A statement that cannot run inside a transaction (statements.h) is
 * adapted, so that a non-transactional revision can be tried too:
 *   - CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and ALTER TABLE
 *     ... DETACH PARTITION ... CONCURRENTLY run without CONCURRENTLY: the
 *     same catalog result (the server's parse of the statement without the
 *     keyword is checked to be the original's but for that flag), under a
 *     stronger lock, released at the rollback;
 *   - COMMIT (AND CHAIN) is skipped: the trial goes on in the same
 *     transaction;
 *   - VACUUM, CLUSTER without a table, REINDEX CONCURRENTLY and REINDEX
 *     SCHEMA / SYSTEM / DATABASE, DISCARD ALL are skipped: they change no
 *     definition of any object;
 *   - CREATE / DROP DATABASE, ALTER DATABASE SET TABLESPACE, CREATE / DROP
 *     TABLESPACE, ALTER SYSTEM and the subscription commands that need a
 *     top-level statement are skipped: they act outside this database's
 *     catalog, and no rollback could undo them.
 * ALTER TYPE ... ADD VALUE runs; a later statement that uses the new value
 * fails with 55P04 (unsafe use of new enum value), as it would in any one
 * transaction: a trial cannot go past it (added_enum_value tells).
 * Statements that can never run in a revision raise as at registration.
 */
#pragma once

#include "pg/pg_headers.h"

typedef struct LgTrialResult {
  int statements;        /* statements run, adapted ones included */
  int adapted;           /* run without CONCURRENTLY */
  int skipped;           /* not run */
  int statement;         /* the statement running or failed (1-based), 0 once all ran */
  char *notes;           /* "statement 2 (VACUUM) skipped: ..." lines joined by "; ", or NULL */
  bool added_enum_value; /* an ALTER TYPE ... ADD VALUE ran before the statement that failed */
} LgTrialResult;

/*
 * Runs sql, the which SQL ("up", "down", ...) of revision, for a trial;
 * with verify, sql is verify SQL (execute.h), which holds only statements
 * that run inside a transaction.  The first error is raised, with lg's
 * context line; *res (may be NULL) is filled as statements run, so a
 * caller that catches the error (subxact.h) reads how far it got.
 */
void lg_trial_run_sql(const char *revision, const char *which, const char *sql, bool verify,
                      LgTrialResult *res);
