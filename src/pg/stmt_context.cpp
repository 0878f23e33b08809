/*
 * stmt_context.cpp: "lg revision "002" (up), statement 3: <text>" context
 * lines, and syntax error positions moved into the revision SQL (as SPI
 * does for its queries) instead of pointing into the caller's query.
 */
#include "pg/stmt_context.h"

/* Longest piece of statement text quoted in an error context. */
#define LG_CONTEXT_TEXT_MAX 200

static void stmt_error_context(void *arg) {
  LgStmtContext *ctx = (LgStmtContext *) arg;

  /* A parser error position counts from the start of the revision SQL. */
  int pos = geterrposition();
  if (pos > 0 && ctx->statement == 0 && ctx->sql != NULL) {
    errposition(0);
    internalerrposition(pos);
    internalerrquery(ctx->sql);
  }

  if (ctx->statement <= 0) {
    errcontext("lg revision \"%s\" (%s)", ctx->revision, ctx->what);
    return;
  }
  int len = (int) strlen(ctx->text);
  if (len > LG_CONTEXT_TEXT_MAX)
    errcontext("lg revision \"%s\" (%s), statement %d: %.*s...", ctx->revision, ctx->what,
               ctx->statement, LG_CONTEXT_TEXT_MAX, ctx->text);
  else
    errcontext("lg revision \"%s\" (%s), statement %d: %s", ctx->revision, ctx->what,
               ctx->statement, ctx->text);
}

void lg_stmt_context_push(LgStmtContext *ctx, const char *revision, const char *what,
                          const char *sql) {
  ctx->revision = revision;
  ctx->what = what;
  ctx->sql = sql;
  ctx->statement = 0;
  ctx->text = NULL;
  ctx->callback.callback = stmt_error_context;
  ctx->callback.arg = ctx;
  ctx->callback.previous = error_context_stack;
  error_context_stack = &ctx->callback;
}

void lg_stmt_context_pop(LgStmtContext *ctx) { error_context_stack = ctx->callback.previous; }
