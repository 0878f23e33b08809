/*
 * stmt_context.cpp: "lg revision "002" (up), statement 3: <text>" context
 * lines, and syntax error positions moved into the revision SQL (as SPI
 * does for its queries) instead of pointing into the caller's query.
 */
#include "pg/stmt_context.h"

#include "pg/script_text.h"

/* Longest piece of statement text (in characters) quoted in an error context. */
#define LG_CONTEXT_TEXT_MAX 200

const char *lg_skip_comments(const char *text) {
  const char *p = text;
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') p++;
    if (p[0] == '-' && p[1] == '-') {
      while (*p && *p != '\n' && *p != '\r') p++;
      continue;
    }
    if (p[0] == '/' && p[1] == '*') {
      int depth = 0;
      while (*p) {
        if (p[0] == '/' && p[1] == '*') depth++, p += 2;
        else if (p[0] == '*' && p[1] == '/') {
          p += 2;
          if (--depth == 0) break;
        } else
          p++;
      }
      continue;
    }
    /* a statement that is only comments: show it whole */
    return *p ? p : text;
  }
}

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
  /* The statement from its first token (not the comments above it), cut
   * after LG_CONTEXT_TEXT_MAX characters (never inside one: a client in
   * another encoding would fail to convert a half character and get that
   * error instead of this one), control characters made visible. */
  const char *text = lg_skip_comments(ctx->text);
  int len = (int) strlen(text);
  int clip = pg_mbcharcliplen(text, len, LG_CONTEXT_TEXT_MAX);
  char *shown = lg_inert_text(clip < len ? pnstrdup(text, clip) : text, true);
  errcontext("lg revision \"%s\" (%s), statement %d: %s%s", ctx->revision, ctx->what,
             ctx->statement, shown, clip < len ? "..." : "");
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
