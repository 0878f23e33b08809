/* execute.h: running revision SQL statement by statement through SPI. */
#pragma once

#include "pg/pg_headers.h"
#include "pg/statements.h"
#include "pg/stmt_context.h"

/*
 * Splits sql with the parser and runs each statement through SPI as the
 * calling role, keeping ctx's statement number and text current for error
 * context lines.  With verify, a statement whose first result column is
 * boolean must return only true: a false or null fails with
 * ERRCODE_CHECK_VIOLATION.  Returns the number of statements run.
 */
int lg_execute_sql(const char *sql, LgStmtContext *ctx, bool verify);

/*
 * The same in parts, for a caller that commits between statements (CALL
 * lg_apply running a non-transactional revision): lg_execute_begin pins
 * the lexing rule and lg.lock_timeout at a new GUC nest level (and, with
 * verify, read-only) and returns it; lg_execute_statement runs one
 * statement as lg_execute_sql does (retries, timer, lexer check);
 * lg_execute_end pops the nest level, which must happen before a commit.
 */
int lg_execute_begin(bool verify);
void lg_execute_statement(const LgStatement *stmt, LgStmtContext *ctx, bool verify);
void lg_execute_end(int nest, bool verify);
