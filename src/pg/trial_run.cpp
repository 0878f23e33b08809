/*
 * trial_run.cpp: a revision's SQL inside the current transaction, for a
 * trial that is rolled back; statements that cannot run inside a
 * transaction are adapted or skipped (trial_run.h says which and why).
 */
#include "pg/trial_run.h"

#include "pg/execute.h"
#include "pg/statements.h"
#include "pg/stmt_context.h"

#define CONCURRENTLY_LEN 12

static bool ident_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || (unsigned char) c >= 0x80;
}

/*
 * Byte offset in text of the first (or, with last, the last) token that is
 * the keyword CONCURRENTLY, or -1.  Tokens come from the server's scanner:
 * a string, a quoted identifier or a comment never matches.
 */
static int find_concurrently(const char *text, bool last) {
  int nest = lg_lexer_pin(true);
  core_yy_extra_type extra;
  core_yyscan_t scanner = scanner_init(text, &extra, &ScanKeywords, ScanKeywordTokens);
  int found = -1;
  for (;;) {
    core_YYSTYPE val;
    YYLTYPE loc;
    if (core_yylex(&val, &loc, scanner) == 0) break;
    if (pg_strncasecmp(text + loc, "concurrently", CONCURRENTLY_LEN) == 0 &&
        !ident_char(text[loc + CONCURRENTLY_LEN])) {
      found = loc;
      if (!last) break;
    }
  }
  scanner_finish(scanner);
  lg_lexer_unpin(nest);
  return found;
}

/* A copy of a statement's tree with its CONCURRENTLY flag cleared. */
static Node *without_flag(Node *tree) {
  Node *copy = (Node *) copyObjectImpl(tree);
  switch (nodeTag(copy)) {
    case T_IndexStmt:
      ((IndexStmt *) copy)->concurrent = false;
      break;
    case T_DropStmt:
      ((DropStmt *) copy)->concurrent = false;
      break;
    case T_AlterTableStmt: {
      ListCell *lc;
      foreach (lc, ((AlterTableStmt *) copy)->cmds) {
        AlterTableCmd *cmd = (AlterTableCmd *) lfirst(lc);
        if (cmd->subtype == AT_DetachPartition && cmd->def != NULL && IsA(cmd->def, PartitionCmd))
          ((PartitionCmd *) cmd->def)->concurrent = false;
      }
      break;
    }
    default:
      return NULL;
  }
  return copy;
}

/*
 * The statement without its CONCURRENTLY keyword, in *out.  The keyword
 * follows INDEX in CREATE INDEX and DROP INDEX (the first one), and ends
 * DETACH PARTITION (the last one: a table may be named concurrently).  The
 * server parses the result, which must be the original statement but for
 * the flag; otherwise the trial cannot run it (0A000).
 */
static void drop_concurrently(const LgStatement *stmt, LgStatement *out) {
  Node *want = without_flag(stmt->parsetree);
  int at = want == NULL ? -1 : find_concurrently(stmt->text, IsA(want, AlterTableStmt));
  if (at >= 0) {
    size_t len = strlen(stmt->text);
    char *text = (char *) palloc(len + 1);
    memcpy(text, stmt->text, at);
    memcpy(text + at, stmt->text + at + CONCURRENTLY_LEN, len - at - CONCURRENTLY_LEN + 1);
    LgStatement *parsed;
    if (lg_split_statements(text, &parsed, true) == 1 && equal(parsed[0].parsetree, want)) {
      *out = parsed[0];
      return;
    }
  }
  ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                  errmsg("lg cannot run this statement without CONCURRENTLY for a trial"),
                  errdetail("A trial runs every statement inside one transaction, which "
                            "CONCURRENTLY cannot run in.")));
}

/* What a trial does with a statement of class c: run it, adapt it, skip it. */
typedef enum TrialAction { TRIAL_RUN, TRIAL_ADAPT, TRIAL_SKIP } TrialAction;

static TrialAction trial_action(const LgStatement *stmt, const LgStmtClass *c, const char **why) {
  *why = NULL;
  if (c->kind == LG_STMT_OK) return TRIAL_RUN;
  if (c->kind == LG_STMT_COMMIT) {
    *why = "skipped: the trial goes on in one transaction";
    return TRIAL_SKIP;
  }
  switch (nodeTag(stmt->parsetree)) {
    case T_IndexStmt:
    case T_DropStmt:
    case T_AlterTableStmt:
      *why = "run without CONCURRENTLY: the same catalog result";
      return TRIAL_ADAPT;
    case T_VacuumStmt:
    case T_ClusterStmt:
    case T_ReindexStmt:
    case T_DiscardStmt:
      *why = "skipped: it changes no definition";
      return TRIAL_SKIP;
    default:
      *why = "skipped: it acts outside this database's catalog, which a rollback cannot undo";
      return TRIAL_SKIP;
  }
}

static void note(LgTrialResult *res, int i, const char *what, const char *why) {
  char *line = psprintf("statement %d (%s) %s", i + 1, what, why);
  res->notes = res->notes == NULL ? line : psprintf("%s; %s", res->notes, line);
}

void lg_trial_run_sql(const char *revision, const char *which, const char *sql, bool verify,
                      LgTrialResult *res) {
  LgTrialResult scratch;
  if (res == NULL) res = &scratch;
  memset(res, 0, sizeof *res);
  LgStmtContext ctx;
  lg_stmt_context_push(&ctx, revision, which, sql);
  if (verify) {
    res->statements = lg_execute_sql(sql, &ctx, true);
    lg_stmt_context_pop(&ctx);
    return;
  }
  int nest = lg_execute_begin(false);
  LgStatement *stmts;
  int n = lg_split_statements(sql, &stmts, true);
  for (int i = 0; i < n; i++) {
    ctx.statement = i + 1;
    ctx.text = stmts[i].text;
    res->statement = i + 1;
    lg_check_runnable(&stmts[i]);
    LgStmtClass c = lg_classify_statement(stmts[i].parsetree);
    const char *why;
    TrialAction action = trial_action(&stmts[i], &c, &why);
    if (action == TRIAL_SKIP) {
      res->skipped++;
      note(res, i, c.what, why);
      continue;
    }
    LgStatement adapted = stmts[i];
    if (action == TRIAL_ADAPT) {
      drop_concurrently(&stmts[i], &adapted);
      ctx.text = adapted.text;
      res->adapted++;
      note(res, i, c.what, why);
    }
    lg_execute_statement(&adapted, &ctx, false);
    res->statements++;
    if (c.commit_after) res->added_enum_value = true;
  }
  ctx.statement = 0;
  res->statement = 0;
  lg_execute_end(nest, false);
  lg_stmt_context_pop(&ctx);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
