/* execute.h: running revision SQL statement by statement through SPI. */
#pragma once

#include "pg/pg_headers.h"
#include "pg/stmt_context.h"

/*
 * Splits sql with the parser and runs each statement through SPI as the
 * calling role, keeping ctx's statement number and text current for error
 * context lines.  With verify, a statement whose first result column is
 * boolean must return only true: a false or null fails with
 * ERRCODE_CHECK_VIOLATION.  Returns the number of statements run.
 */
int lg_execute_sql(const char *sql, LgStmtContext *ctx, bool verify);
