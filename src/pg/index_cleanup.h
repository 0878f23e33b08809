/*
 * index_cleanup.h: what an interrupted CREATE INDEX CONCURRENTLY left.
 *
 * A concurrent build that fails or is cancelled leaves its index behind,
 * INVALID (still maintained by every write, never used by a query); the
 * statement cannot simply run again (the name is taken).  Before CALL
 * lg_apply() resumes a revision at such a statement it calls
 * lg_index_cleanup: when the statement names its index and that index
 * exists on the statement's table, an INVALID one is dropped (DROP INDEX
 * CONCURRENTLY, in lg's worker, as the caller) and a valid one means the
 * statement had completed; either way a journal line (outcome 'cleanup')
 * says so.  Returns true when the statement is to be counted as done.
 */
#pragma once

#include "pg/pg_headers.h"
#include "pg/statements.h"

bool lg_index_cleanup(const LgStatement *stmt, const char *revision, const char *direction,
                      int statement);
