/*
 * lg.cpp: module entry of lg, schema migrations that run inside PostgreSQL.
 *
 * Design in brief (docs/DESIGN.md has the whole):
 *  - Revisions live in lg.revision; applied tips in lg.version; every step
 *    is journalled in lg.log.
 *  - Planning is done by the PostgreSQL-free C++ core (src/core), reached
 *    only through core_bridge.h, whose functions never throw.
 *  - The files here are the boundary: fmgr entry points, SPI, the runner
 *    that executes revision SQL statement by statement (split by
 *    PostgreSQL's own parser, under one lexing rule) in the run's
 *    transaction, without a subtransaction per revision (runner.cpp), the
 *    run lock that serializes runs (run_lock.cpp), and the mapping of core errors to
 *    SQLSTATEs.  No C++ object with a destructor lives in a scope here that
 *    can ereport, and no exception reaches PostgreSQL.
 */
#include "pg/pg_headers.h"

#include "pg/catalog_watch.h"
#include "pg/guc.h"
#include "pg/lint.h"

extern "C" {
PG_MODULE_MAGIC;
PGDLLEXPORT void _PG_init(void);
}

void _PG_init(void) {
  lg_define_gucs();
  lg_watch_init();
  lg_lint_hooks_init();
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
