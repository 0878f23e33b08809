/*
 * fn_top_level_probe.cpp: a test hook for lg_run_top_level (top_level.h):
 * CALL lg_apply() reaches the worker only for statements that must run top
 * level, and test/shell/top_level_worker.sh checks the worker with any
 * statement (who it runs as, its settings, what it refuses, a caller that
 * holds a snapshot).  Not in the extension's SQL, so no role can call it
 * unless a superuser binds it (and a superuser can run any statement
 * anyway); the test creates it as
 *   CREATE PROCEDURE lg_top_level_probe(sql text, commit_first bool DEFAULT true)
 *     LANGUAGE C AS '$libdir/lg', 'lg_top_level_probe';
 * and CALLs it outside a transaction block.  commit_first => false skips
 * the commit, to prove that lg_run_top_level refuses a caller that holds a
 * snapshot.
 */
#include "pg/pg_headers.h"

#include "pg/top_level.h"

LG_FUNCTION(lg_top_level_probe) {
  char *sql = text_to_cstring(PG_GETARG_TEXT_PP(0));
  bool commit_first = PG_NARGS() < 2 || PG_ARGISNULL(1) || PG_GETARG_BOOL(1);
  SPI_connect_ext(SPI_OPT_NONATOMIC);
  sql = pstrdup(sql); /* in SPI's procedure context, which outlives the commit */
  /* nothing held: the precondition of lg_run_top_level */
  if (commit_first) SPI_commit();
  lg_run_top_level(sql);
  SPI_finish();
  PG_RETURN_VOID();
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
