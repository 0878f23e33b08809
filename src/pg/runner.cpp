/*
 * runner.cpp: applies or reverts the steps of a plan.  Each revision runs
 * in its own internal subtransaction (subxact.cpp): its statements
 * (execute.cpp), then its verify SQL on the way up, then the version-row
 * change and the journal line.  lg's own bookkeeping statements are
 * schema-qualified and take every value as a parameter.
 */
#include "pg/runner.h"

#include "pg/execute.h"
#include "pg/spi_util.h"
#include "pg/stmt_context.h"
#include "pg/subxact.h"

void lg_check_reversible(const LgRegistry *reg, const LgPlan *plan) {
  int n = lg_plan_nsteps(plan);
  char **ids = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  int nd = 0;
  for (int i = 0; i < n; i++)
    if (lg_plan_step_direction(plan, i) == LG_DOWN)
      ids[nd++] = reg->ids[lg_plan_step_revision(plan, i)];
  if (nd == 0) return;
  Oid types[1] = {TEXTARRAYOID};
  Datum values[1] = {lg_text_array(ids, nd)};
  if (lg_spi_exec("SELECT id FROM lg.revision WHERE id OPERATOR(pg_catalog.=) ANY ($1) "
                  "AND down_sql IS NULL ORDER BY ord DESC LIMIT 1",
                  1, types, values, NULL, false) > 0)
    ereport(ERROR,
            (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
             errmsg("revision \"%s\" cannot be downgraded: it has no down SQL", lg_spi_text(0, 1)),
             errdetail("Nothing was run."),
             errhint("Register the revision again with down => '...' (an empty string for a "
                     "revision whose downgrade does nothing).")));
}

/* Applies the step's version-row change: delete, then insert. */
static void change_rows(const LgPlan *plan, int step) {
  Oid types[1] = {TEXTARRAYOID};
  int nrem = lg_plan_step_nremoved(plan, step);
  if (nrem > 0) {
    char **ids = (char **) palloc(sizeof(char *) * nrem);
    for (int j = 0; j < nrem; j++) ids[j] = (char *) lg_plan_step_removed(plan, step, j);
    Datum values[1] = {lg_text_array(ids, nrem)};
    lg_spi_exec("DELETE FROM lg.version WHERE revision OPERATOR(pg_catalog.=) ANY ($1)", 1,
                types, values, NULL, false);
  }
  int nadd = lg_plan_step_nadded(plan, step);
  if (nadd > 0) {
    char **ids = (char **) palloc(sizeof(char *) * nadd);
    for (int j = 0; j < nadd; j++) ids[j] = (char *) lg_plan_step_added(plan, step, j);
    Datum values[1] = {lg_text_array(ids, nadd)};
    lg_spi_exec("INSERT INTO lg.version (revision) SELECT pg_catalog.unnest($1)", 1, types,
                values, NULL, false);
  }
}

static void journal(const char *revision, const char *direction, double ms, int statements,
                    const char *checksum) {
  Oid types[5] = {TEXTOID, TEXTOID, FLOAT8OID, INT4OID, TEXTOID};
  Datum values[5] = {CStringGetTextDatum(revision), CStringGetTextDatum(direction),
                     Float8GetDatum(ms), Int32GetDatum(statements),
                     CStringGetTextDatum(checksum)};
  lg_spi_exec("INSERT INTO lg.log (revision, direction, duration_ms, statements, checksum) "
              "VALUES ($1, $2, $3, $4, $5)",
              5, types, values, NULL, false);
}

/* One step: what it runs, and what it reports back. */
typedef struct Step {
  const LgPlan *plan;
  int index;
  const char *revision;
  const char *direction;
  const char *sql;
  const char *verify_sql;  /* NULL: nothing to verify */
  const char *checksum;
  int statements;          /* out */
  double ms;               /* out */
} Step;

static void run_step_body(void *arg) {
  Step *step = (Step *) arg;
  instr_time start, elapsed;
  INSTR_TIME_SET_CURRENT(start);

  LgStmtContext ctx;
  lg_stmt_context_push(&ctx, step->revision, step->direction, step->sql);
  step->statements = lg_execute_sql(step->sql, &ctx, false);
  lg_stmt_context_pop(&ctx);
  if (step->verify_sql != NULL) {
    lg_stmt_context_push(&ctx, step->revision, "verify", step->verify_sql);
    lg_execute_sql(step->verify_sql, &ctx, true);
    lg_stmt_context_pop(&ctx);
  }
  change_rows(step->plan, step->index);

  INSTR_TIME_SET_CURRENT(elapsed);
  INSTR_TIME_SUBTRACT(elapsed, start);
  step->ms = INSTR_TIME_GET_MILLISEC(elapsed);
  journal(step->revision, step->direction, step->ms, step->statements, step->checksum);
}

void lg_run_step(const LgRegistry *reg, const LgPlan *plan, int i, Tuplestorestate *store,
                 TupleDesc tupdesc) {
  /* Everything a step allocates (parse trees, texts) goes when it ends, so
   * a run of thousands of revisions needs the memory of one. */
  MemoryContext step_cxt =
      AllocSetContextCreate(CurrentMemoryContext, "lg step", ALLOCSET_DEFAULT_SIZES);
  MemoryContext outer = MemoryContextSwitchTo(step_cxt);
  Step step;
  memset(&step, 0, sizeof step);
  step.plan = plan;
  step.index = i;
  step.revision = reg->ids[lg_plan_step_revision(plan, i)];
  bool up = lg_plan_step_direction(plan, i) == LG_UP;
  step.direction = up ? "up" : "down";

  Oid types[1] = {TEXTOID};
  Datum values[1] = {CStringGetTextDatum(step.revision)};
  if (lg_spi_exec("SELECT up_sql, down_sql, checksum, verify_sql FROM lg.revision "
                  "WHERE id OPERATOR(pg_catalog.=) $1",
                  1, types, values, NULL, false) != 1)
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("revision \"%s\" disappeared from lg.revision during the run",
                           step.revision)));
  char *sql = lg_spi_text(0, up ? 1 : 2);
  step.sql = sql ? sql : "";
  step.checksum = lg_spi_text(0, 3);
  step.verify_sql = up ? lg_spi_text(0, 4) : NULL;
  SPI_freetuptable(SPI_tuptable);

  lg_run_in_subxact(run_step_body, &step, true, true);

  ereport(NOTICE, (errmsg("lg: %s revision \"%s\"", up ? "applied" : "reverted", step.revision),
                   errdetail("%d statement%s in %.3f ms.", step.statements,
                             step.statements == 1 ? "" : "s", step.ms)));
  if (store != NULL) {
    Datum row[4] = {CStringGetTextDatum(step.revision), CStringGetTextDatum(step.direction),
                    Float8GetDatum(step.ms), Int32GetDatum(step.statements)};
    bool nulls[4] = {false, false, false, false};
    tuplestore_putvalues(store, tupdesc, row, nulls);
  }
  MemoryContextSwitchTo(outer);
  MemoryContextDelete(step_cxt);
}

void lg_run_plan(const LgRegistry *reg, const LgPlan *plan, Tuplestorestate *store,
                 TupleDesc tupdesc) {
  int n = lg_plan_nsteps(plan);
  lg_check_reversible(reg, plan);
  for (int i = 0; i < n; i++) {
    lg_run_step(reg, plan, i, store, tupdesc);
    CHECK_FOR_INTERRUPTS();
  }
}
