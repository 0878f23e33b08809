/*
 * stmt_context.h: the error context line that names the revision, what is
 * being done with it, and the statement in progress, for errors raised
 * while revision SQL is parsed or run.
 */
#pragma once

#include "pg/pg_headers.h"

typedef struct LgStmtContext {
  const char *revision;
  const char *what;        /* "up", "down", "up SQL", ... */
  const char *sql;         /* the whole revision SQL, for syntax error positions */
  int statement;           /* 1-based; 0 while no statement is current */
  const char *text;        /* the current statement's text */
  ErrorContextCallback callback;
} LgStmtContext;

/* Pushes ctx on error_context_stack. */
void lg_stmt_context_push(LgStmtContext *ctx, const char *revision, const char *what,
                          const char *sql);

/* Pops ctx (it must be the top of the stack). */
void lg_stmt_context_pop(LgStmtContext *ctx);

/*
 * text after its leading whitespace and comments ("--" to the end of the
 * line, nested slash-star comments), as the server's scanner skips them;
 * text itself if nothing else is left.
 */
const char *lg_skip_comments(const char *text);
