/*
 * verify_rules.h: verify SQL is a read-only health check.  At registration
 * every statement must be a plain query; at run time (inside a migration
 * step and in lg_verify()) each statement is parse-analyzed first and runs
 * only if it is a query that locks no row, modifies nothing and calls no
 * volatile function, with transaction_read_only on.  A first result column
 * of type boolean (or a domain over boolean) must be true in every row.
 */
#pragma once

#include "pg/pg_headers.h"
#include "pg/stmt_context.h"

/*
 * The search_path lg_verify() runs with, whatever the caller's (README):
 * public first, as in a default session, so current_schema() in verify SQL
 * is public there as during a default migration (with pg_catalog first it
 * was pg_catalog, and the lifegraph example's verify SQL failed); pg_temp
 * last.  Nothing found there can write: volatile functions are refused and
 * the rest runs read-only.
 */
#define LG_VERIFY_SEARCH_PATH "public, pg_catalog, pg_temp"

/*
 * Registration: refuses (ERRCODE_INSUFFICIENT_PRIVILEGE) verify SQL with a
 * statement that is not a plain query: SELECT, VALUES or TABLE, without
 * INTO, FOR UPDATE/SHARE or a data-modifying WITH.  The error context names
 * the revision and the statement.
 */
void lg_check_verify_sql(const char *revision, const char *sql);

/* Sets transaction_read_only = on at the current GUC nest level (the
 * caller's NewGUCNestLevel; popping it restores the caller's value). */
void lg_verify_read_only(void);

/*
 * Runs one verify statement through SPI after checking its analyzed form
 * (ERRCODE_INSUFFICIENT_PRIVILEGE: not a query, a row lock, a modifying
 * WITH, a volatile function anywhere, views included); returns the SPI
 * result code with the result in SPI_tuptable.
 */
int lg_verify_execute(const char *text);

/* Fails (ERRCODE_CHECK_VIOLATION) unless every value of a boolean first
 * column (a domain over boolean counts) in SPI_tuptable is true. */
void lg_check_verify_result(const LgStmtContext *ctx);
