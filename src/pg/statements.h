/* statements.h: revision SQL split into statements by PostgreSQL's parser. */
#pragma once

#include "pg/pg_headers.h"

typedef struct LgStatement {
  char *text;   /* the statement's own text, palloc'd */
  Node *parsetree;
} LgStatement;

/*
 * Splits sql into its statements with raw_parser, using each statement's
 * location and length (never a hand-written splitter).  Syntax errors are
 * raised by the parser itself.  Returns the count; *out is palloc'd.
 */
int lg_split_statements(const char *sql, LgStatement **out);

/*
 * Refuses (ERRCODE_ACTIVE_SQL_TRANSACTION) a statement that cannot run
 * through SPI inside lg's transaction: CREATE INDEX CONCURRENTLY, VACUUM,
 * transaction control, COPY FROM STDIN, ...  The caller's error context
 * names the revision and the statement.
 */
void lg_check_transactional(const LgStatement *stmt);

/*
 * Parses a revision's SQL at registration: syntax errors come from the
 * parser, positioned inside sql, and statements that cannot run inside
 * lg's transaction are refused; the context names revision and which.
 */
void lg_check_revision_sql(const char *revision, const char *which, const char *sql);
