/*
 * fn_lint.cpp: lg_lint(target) reads every statement of the plan to target
 * (as lg_plan(target, 'up') lists it), in step order, and reports what each
 * will do and what could go wrong, from the parse tree and the live
 * catalog, without running them (lint_rules.h); then the
 * unordered_conflict pass (lint_unordered.cpp), which does run the plan's
 * up SQL as the caller, in a subtransaction that is rolled back, when the
 * plan has revisions with no ancestry between them.  Rows come out in step
 * order, then statement, then rule.
 */
#include "pg/pg_headers.h"

#include "pg/lint_rules.h"
#include "pg/plan_util.h"
#include "pg/registry.h"
#include "pg/runner.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"
#include "pg/srf.h"
#include "pg/stmt_context.h"
#include "pg/subxact.h"

static int cmp_ids(const void *a, const void *b) {
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The step of revision in the plan, INT_MAX when it is not a step. */
static int step_of(const LgLintOut *out, const char *revision) {
  int lo = 0, hi = out->nsteps - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    int c = strcmp(revision, out->step_ids[mid]);
    if (c == 0) return out->step_of[mid];
    if (c < 0)
      hi = mid - 1;
    else
      lo = mid + 1;
  }
  return INT_MAX;
}

static char *copy_or_null(MemoryContext cxt, const char *s) {
  return s == NULL ? NULL : MemoryContextStrdup(cxt, s);
}

void lg_lint_add(LgLintOut *out, const LgFinding *f) {
  if (lg_lint_allowed(out, f->revision, f->statement, f->rule)) return;
  if (out->nrows == out->cap) {
    out->cap = out->cap ? out->cap * 2 : 64;
    out->rows = out->rows == NULL
                    ? (LgLintRow *) MemoryContextAlloc(out->cxt, sizeof(LgLintRow) * out->cap)
                    : (LgLintRow *) repalloc(out->rows, sizeof(LgLintRow) * out->cap);
  }
  LgLintRow *row = &out->rows[out->nrows];
  row->f.revision = copy_or_null(out->cxt, f->revision);
  row->f.statement = f->statement;
  row->f.rule = copy_or_null(out->cxt, f->rule);
  row->f.severity = f->severity;
  row->f.lock = copy_or_null(out->cxt, f->lock);
  row->f.relation = copy_or_null(out->cxt, f->relation);
  row->f.detail = copy_or_null(out->cxt, f->detail);
  row->step = step_of(out, f->revision);
  row->seq = out->nrows++;
}

static int cmp_rows(const void *a, const void *b) {
  const LgLintRow *x = (const LgLintRow *) a, *y = (const LgLintRow *) b;
  if (x->step != y->step) return x->step < y->step ? -1 : 1;
  if (x->f.statement != y->f.statement) return x->f.statement < y->f.statement ? -1 : 1;
  int c = strcmp(x->f.rule, y->f.rule);
  if (c != 0) return c;
  return x->seq < y->seq ? -1 : (x->seq > y->seq ? 1 : 0);
}

static const char *severity_name(LgSeverity s) {
  return s == LG_SEV_ERROR ? "error" : (s == LG_SEV_WARNING ? "warning" : "info");
}

/* The plan's revision ids sorted, for step_of. */
static void index_steps(LgLintOut *out, const LgRegistry *reg, const LgPlan *plan) {
  int n = lg_plan_nsteps(plan);
  out->nsteps = n;
  out->step_ids = (const char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  out->step_of = (int *) palloc(sizeof(int) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) out->step_ids[i] = reg->ids[lg_plan_step_revision(plan, i)];
  qsort(out->step_ids, n, sizeof(char *), cmp_ids);
  for (int i = 0; i < n; i++) {
    const char *id = reg->ids[lg_plan_step_revision(plan, i)];
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) / 2;
      int c = strcmp(id, out->step_ids[mid]);
      if (c == 0) {
        out->step_of[mid] = i;
        break;
      }
      if (c < 0)
        hi = mid - 1;
      else
        lo = mid + 1;
    }
  }
}

static void run_rules(void *arg) { lg_lint_statement((LgLintStmt *) arg); }

/*
 * The rules of one statement in a subtransaction that is rolled back: a
 * catalog lookup that raises (a type modifier the type does not take, a
 * name with too many dots) costs that statement's remaining findings, not
 * the whole lint; it becomes a not_linted row.  Cancels and shortages of
 * resources are raised again.
 */
static void lint_statement_guarded(LgLintStmt *s) {
  ErrorData *e = lg_run_in_subxact(run_rules, s, false, false);
  if (e == NULL) return;
  int cls = ERRCODE_TO_CATEGORY(e->sqlerrcode);
  if (cls == ERRCODE_OPERATOR_INTERVENTION || cls == ERRCODE_INSUFFICIENT_RESOURCES ||
      cls == ERRCODE_PROGRAM_LIMIT_EXCEEDED)
    ReThrowError(e);
  char *detail =
      psprintf("lg could not read this statement against the catalog: %s (SQLSTATE %s)",
               lg_inert_text(e->message ? e->message : "", false), unpack_sql_state(e->sqlerrcode));
  LgFinding f = {s->revision, s->statement, "not_linted", LG_SEV_WARNING, NULL, NULL, detail};
  lg_lint_add(s->out, &f);
  FreeErrorData(e);
}

/* The statements of step i, in a context reset after the step (the plan's
 * facts live in their own). */
static void lint_step(LgLintOut *out, LgLintPlan *lp, const LgRegistry *reg, const LgPlan *plan,
                      int i, const LgStepSql *step, const char *down) {
  const char *revision = reg->ids[lg_plan_step_revision(plan, i)];
  LgStmtContext ctx;
  lg_stmt_context_push(&ctx, revision, "up SQL (lint)", step->sql);
  LgStatement *stmts;
  int n = lg_split_statements(step->sql, &stmts, true);
  for (int k = 0; k < n; k++) {
    ctx.statement = k + 1;
    ctx.text = stmts[k].text;
    CHECK_FOR_INTERRUPTS();
    lg_lint_allow_note(out, revision, k + 1, &stmts[k]);
    LgLintStmt s = {out, lp, revision, i, k + 1, step->transactional, &stmts[k], false};
    lint_statement_guarded(&s);
  }
  lg_stmt_context_pop(&ctx);
  if (step->transactional || down == NULL) return;
  lg_stmt_context_push(&ctx, revision, "down SQL (lint)", down);
  lg_lint_down_sql(out, revision, down);
  lg_stmt_context_pop(&ctx);
}

/* lg_lint(target): see the top of the file. */
LG_FUNCTION(lg_lint) {
  char *target = lg_target_arg(fcinfo, 0, LG_UP);
  LgSrf srf;
  lg_srf_begin_read(fcinfo, &srf, false);
  LgRegistry *reg = srf.reg;
  LgPlan *plan = lg_build_plan(reg, target, LG_UP);
  int n = lg_plan_nsteps(plan);
  LgStepSql *steps = lg_prepare_steps(reg, plan);

  LgLintOut out;
  memset(&out, 0, sizeof(out));
  out.cxt = CurrentMemoryContext;
  index_steps(&out, reg, plan);
  bool uses_apply = false;
  for (int i = 0; i < n; i++)
    if (!steps[i].transactional) uses_apply = true;
  LgLintPlan *lp = lg_lint_plan_new(uses_apply);
  /* the down SQL of non-transactional revisions (prefer_robust_stmts) */
  char **down = uses_apply ? lg_plan_down_sql(reg, plan) : NULL;

  /* lg's lexing rule for the statements' tokens (lint_rules_plan.cpp),
   * quiet: the parser's notices come when the statements run */
  int nest = lg_lexer_pin(true);
  MemoryContext step_cxt =
      AllocSetContextCreate(CurrentMemoryContext, "lg_lint step", ALLOCSET_DEFAULT_SIZES);
  for (int i = 0; i < n; i++) {
    MemoryContext outer = MemoryContextSwitchTo(step_cxt);
    lint_step(&out, lp, reg, plan, i, &steps[i], down != NULL ? down[i] : NULL);
    MemoryContextSwitchTo(outer);
    MemoryContextReset(step_cxt);
    CHECK_FOR_INTERRUPTS();
  }
  MemoryContextDelete(step_cxt);
  lg_lexer_unpin(nest);

  lg_lint_unordered(reg, plan, &out);

  if (out.nrows > 1) qsort(out.rows, out.nrows, sizeof(LgLintRow), cmp_rows);
  for (int r = 0; r < out.nrows; r++) {
    const LgFinding *f = &out.rows[r].f;
    Datum values[7] = {CStringGetTextDatum(f->revision),
                       Int32GetDatum(f->statement),
                       CStringGetTextDatum(f->rule),
                       CStringGetTextDatum(severity_name(f->severity)),
                       f->lock ? CStringGetTextDatum(f->lock) : (Datum) 0,
                       f->relation ? CStringGetTextDatum(f->relation) : (Datum) 0,
                       f->detail ? CStringGetTextDatum(f->detail) : (Datum) 0};
    bool nulls[7] = {
        false, false, false, false, f->lock == NULL, f->relation == NULL, f->detail == NULL};
    lg_srf_put(&srf, values, nulls);
  }
  return lg_srf_end(&srf);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
