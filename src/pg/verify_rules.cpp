/*
 * verify_rules.cpp: what verify SQL may do (verify_rules.h).  lg_verify()
 * is a health check that anyone granted it may run; it must not become a
 * way to run code (a write, COPY ... TO PROGRAM, a sequence bump, an
 * advisory lock) as whoever calls it.  Three layers: plain queries only at
 * registration (raw parse), the analyzed query checked before it runs
 * (which sees through views and catches volatile functions, e.g. nextval,
 * pg_advisory_lock, or a user function declared VOLATILE; PostgreSQL runs
 * non-volatile functions read-only), and transaction_read_only on while
 * it runs.
 */
#include "pg/verify_rules.h"

#include "pg/statements.h"

extern "C" {
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "tcop/cmdtag.h"
#include "tcop/utility.h"
#include "utils/lsyscache.h"
#include "utils/plancache.h"
}

#define VERIFY_HINT                                                                       \
  "Verify SQL is a read-only check: plain SELECT (or VALUES, TABLE) statements without "  \
  "INTO, FOR UPDATE/SHARE, data-modifying WITH or volatile functions; changes belong in " \
  "the up SQL."

/* Why a raw SelectStmt is not a plain query, or NULL. */
static const char *select_problem(SelectStmt *s) {
  if (s == NULL) return NULL;
  if (s->intoClause != NULL) return "SELECT INTO creates a table";
  if (s->lockingClause != NIL) return "FOR UPDATE/SHARE locks rows";
  if (s->withClause != NULL) {
    ListCell *lc;
    foreach (lc, s->withClause->ctes) {
      Node *q = ((CommonTableExpr *) lfirst(lc))->ctequery;
      if (q == NULL || !IsA(q, SelectStmt)) return "a WITH query modifies data";
      const char *inner = select_problem((SelectStmt *) q);
      if (inner != NULL) return inner;
    }
  }
  if (s->op != SETOP_NONE) {
    const char *left = select_problem(s->larg);
    return left != NULL ? left : select_problem(s->rarg);
  }
  return NULL;
}

void lg_check_verify_sql(const char *revision, const char *sql) {
  LgStmtContext ctx;
  lg_stmt_context_push(&ctx, revision, "verify SQL", sql);
  LgStatement *stmts;
  int n = lg_split_statements(sql, &stmts, true);
  for (int i = 0; i < n; i++) {
    ctx.statement = i + 1;
    ctx.text = stmts[i].text;
    Node *tree = stmts[i].parsetree;
    const char *problem =
        IsA(tree, SelectStmt)
            ? select_problem((SelectStmt *) tree)
            : psprintf("%s is not a query", GetCommandTagName(CreateCommandTag(tree)));
    if (problem != NULL)
      ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                      errmsg("verify SQL of revision \"%s\" must be read-only", revision),
                      errdetail("Statement %d: %s.", i + 1, problem), errhint(VERIFY_HINT)));
    CHECK_FOR_INTERRUPTS();
  }
  ctx.statement = 0;
  lg_stmt_context_pop(&ctx);
}

void lg_verify_read_only(void) {
  /* GUC_ACTION_SET, not SAVE: from PostgreSQL 16 on, transaction_read_only
   * cannot be saved at a nest level ("cannot be set locally in functions").
   * The caller pops its nest level with isCommit false, which undoes it. */
  (void) set_config_option("transaction_read_only", "on", PGC_USERSET, PGC_S_SESSION,
                           GUC_ACTION_SET, true, 0, false);
}

/* True when a query or any query below it (subqueries, sublinks, CTEs)
 * locks rows. */
static bool row_marks_walker(Node *node, void *context) {
  if (node == NULL) return false;
  if (IsA(node, Query)) {
    Query *q = (Query *) node;
    if (q->rowMarks != NIL) return true;
    return query_tree_walker(q, LG_WALKER(row_marks_walker), context, 0);
  }
  return expression_tree_walker(node, LG_WALKER(row_marks_walker), context);
}

static void refuse(const char *problem) {
  ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE), errmsg("verify SQL must be read-only"),
                  errdetail("%s.", problem), errhint(VERIFY_HINT)));
}

static void check_analyzed(Query *q) {
  if (q->commandType != CMD_SELECT || q->utilityStmt != NULL)
    refuse("The statement is not a query");
  if (q->hasModifyingCTE) refuse("A WITH query modifies data");
  if (row_marks_walker((Node *) q, NULL)) refuse("The query locks rows (FOR UPDATE/SHARE)");
  if (contain_volatile_functions((Node *) q))
    refuse(
        "The query calls a volatile function (such as nextval or pg_advisory_lock), "
        "directly or through a view");
}

int lg_verify_execute(const char *text) {
  SPIPlanPtr plan = SPI_prepare(text, 0, NULL);
  if (plan == NULL)
    ereport(ERROR,
            (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
             errmsg("statement cannot run through SPI: %s", SPI_result_code_string(SPI_result))));
  ListCell *lc;
  foreach (lc, SPI_plan_get_plan_sources(plan)) {
    CachedPlanSource *source = (CachedPlanSource *) lfirst(lc);
    ListCell *qc;
    foreach (qc, source->query_list) check_analyzed(lfirst_node(Query, qc));
  }
  int rc = SPI_execute_plan(plan, NULL, NULL, false, 0);
  SPI_freeplan(plan);
  return rc;
}

void lg_check_verify_result(const LgStmtContext *ctx) {
  SPITupleTable *tt = SPI_tuptable;
  if (tt == NULL || tt->tupdesc->natts < 1 ||
      getBaseType(TupleDescAttr(tt->tupdesc, 0)->atttypid) != BOOLOID)
    return;
  for (uint64 r = 0; r < SPI_processed; r++) {
    CHECK_FOR_INTERRUPTS();
    bool isnull;
    Datum d = SPI_getbinval(tt->vals[r], tt->tupdesc, 1, &isnull);
    if (isnull || !DatumGetBool(d))
      ereport(ERROR,
              (errcode(ERRCODE_CHECK_VIOLATION),
               errmsg("verification of revision \"%s\" failed", ctx->revision),
               errdetail("Statement %d returned %s.", ctx->statement, isnull ? "null" : "false")));
  }
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
