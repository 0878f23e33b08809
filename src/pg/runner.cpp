/*
 * runner.cpp: applies or reverts the steps of a plan.  Each step runs its
 * statements (execute.cpp), then its verify SQL on the way up, then the
 * version-row change and the journal line.  lg's own bookkeeping statements
 * are schema-qualified and take every value as a parameter.
 *
 * Steps run directly in the caller's transaction, not each in a
 * subtransaction as lg's first brief planned: an error context callback
 * names revision and statement without one, the run fails as a whole
 * anyway, and a subtransaction per step makes long runs quadratic in
 * PostgreSQL itself (every subcommit walks all pending relation deletes,
 * AtSubCommit_smgr, and reassigns every lock held, LockReassignCurrentOwner:
 * measured 5x the psql floor at 10,000 revisions).  Subtransactions remain
 * where an error is caught and the work goes on: lock retries and
 * lg_verify().
 */
#include "pg/runner.h"

#include "pg/column_types.h"
#include "pg/execute.h"
#include "pg/journal.h"
#include "pg/owner.h"
#include "pg/progress.h"
#include "pg/schema_state.h"
#include "pg/spi_util.h"
#include "pg/stmt_context.h"
#include "pg/text_array.h"

/*
 * Refuses, before anything runs, a plan whose scripts came back without a
 * row (column 1 null) or that downgrades through an irreversible revision
 * (column 2, the down SQL, null).
 */
static void refuse_unrunnable(SPITupleTable *tt, char **ids, int n) {
  for (int i = 0; i < n; i++) {
    bool isnull;
    (void) SPI_getbinval(tt->vals[i], tt->tupdesc, 1, &isnull);
    if (isnull)
      ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                      errmsg("revision \"%s\" has no script in lg.script", ids[i]),
                      errdetail("Nothing was run."),
                      errhint("Register it again with lg_revision(), which writes its SQL.")));
  }
  for (int i = n - 1; i >= 0; i--) {
    bool isnull;
    (void) SPI_getbinval(tt->vals[i], tt->tupdesc, 2, &isnull);
    if (isnull)
      ereport(ERROR,
              (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
               errmsg("revision \"%s\" cannot be downgraded: it has no down SQL", ids[i]),
               errdetail("Nothing was run."),
               errhint("Register the revision again with down => '...' (an empty string for a "
                       "revision whose downgrade does nothing).")));
  }
}

LgStepSql *lg_prepare_steps(const LgRegistry *reg, const LgPlan *plan) {
  lg_require_current_schema();
  int n = lg_plan_nsteps(plan);
  LgStepSql *out = (LgStepSql *) palloc0(sizeof(LgStepSql) * (n > 0 ? n : 1));
  if (n == 0) return out;
  char **ids = (char **) palloc(sizeof(char *) * n);
  char **dirs = (char **) palloc(sizeof(char *) * n);
  for (int i = 0; i < n; i++) {
    ids[i] = reg->ids[lg_plan_step_revision(plan, i)];
    dirs[i] = (char *) (lg_plan_step_direction(plan, i) == LG_UP ? "up" : "down");
  }
  Oid types[2] = {TEXTARRAYOID, TEXTARRAYOID};
  Datum values[2] = {lg_text_array(ids, n), lg_text_array(dirs, n)};
  /* One query for the whole plan, in step order. */
  uint64 found = lg_spi_exec(
      "SELECT s.revision, "
      "CASE WHEN p.dir OPERATOR(pg_catalog.=) 'up' THEN s.up_sql ELSE s.down_sql END, "
      "CASE WHEN p.dir OPERATOR(pg_catalog.=) 'up' THEN s.verify_sql END, s.checksum, "
      "s.down_checksum, s.verify_checksum, r.transactional "
      "FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) WITH ORDINALITY AS p(id, dir, n) "
      "LEFT JOIN lg.script s ON s.revision OPERATOR(pg_catalog.=) p.id "
      "LEFT JOIN lg.revision r ON r.id OPERATOR(pg_catalog.=) p.id ORDER BY p.n",
      2, types, values, NULL, false);
  if (found != (uint64) n) elog(ERROR, "lg: the plan's scripts came back incomplete");
  static const LgColumn cols[7] = {
      {"lg.script.revision", TEXTOID},       {"lg.script.up_sql", TEXTOID},
      {"lg.script.verify_sql", TEXTOID},     {"lg.script.checksum", TEXTOID},
      {"lg.script.down_checksum", TEXTOID},  {"lg.script.verify_checksum", TEXTOID},
      {"lg.revision.transactional", BOOLOID}};
  lg_expect_columns(cols, 7);
  SPITupleTable *tt = SPI_tuptable;
  refuse_unrunnable(tt, ids, n);
  for (int i = 0; i < n; i++) {
    bool isnull;
    out[i].sql = lg_spi_text(i, 2);
    out[i].verify = lg_spi_text(i, 3);
    out[i].checksum = lg_spi_text(i, 4);
    out[i].down_checksum = lg_spi_text(i, 5);
    out[i].verify_checksum = lg_spi_text(i, 6);
    Datum tx = SPI_getbinval(tt->vals[i], tt->tupdesc, 7, &isnull);
    out[i].transactional = isnull || DatumGetBool(tx);
  }
  SPI_freetuptable(tt);
  return out;
}

char **lg_plan_down_sql(const LgRegistry *reg, const LgPlan *plan) {
  int n = lg_plan_nsteps(plan);
  char **out = (char **) palloc0(sizeof(char *) * (n > 0 ? n : 1));
  if (n == 0) return out;
  char **ids = (char **) palloc(sizeof(char *) * n);
  for (int i = 0; i < n; i++) ids[i] = reg->ids[lg_plan_step_revision(plan, i)];
  Oid types[1] = {TEXTARRAYOID};
  Datum values[1] = {lg_text_array(ids, n)};
  uint64 found = lg_spi_exec(
      "SELECT s.down_sql FROM ROWS FROM (pg_catalog.unnest($1)) WITH ORDINALITY AS p(id, n) "
      "LEFT JOIN lg.script s ON s.revision OPERATOR(pg_catalog.=) p.id ORDER BY p.n",
      1, types, values, NULL, true);
  if (found != (uint64) n) elog(ERROR, "lg: the plan's down SQL came back incomplete");
  static const LgColumn cols[1] = {{"lg.script.down_sql", TEXTOID}};
  lg_expect_columns(cols, 1);
  for (int i = 0; i < n; i++) out[i] = lg_spi_text(i, 1);
  SPI_freetuptable(SPI_tuptable);
  return out;
}

/*
 * The version-row change and the journal line of a step, in one statement:
 * the one definition, for runs and for lg_script_step() in reviewed
 * scripts.  The journal names the caller (current and session role, taken
 * here, before the statement switches to the owner).
 */
void lg_record_step(char **removed, int nrem, char **added, int nadd, const char *revision,
                    const char *direction, bool has_ms, double ms, int statements,
                    const char *checksum, const char *down_checksum, const char *verify_checksum) {
  lg_require_current_schema();
  LgJournalLine line;
  lg_journal_line_init(&line, direction);
  line.has_duration = has_ms;
  line.duration_ms = ms;
  line.statements = statements;
  line.checksum = checksum;
  line.down_checksum = down_checksum;
  line.verify_checksum = verify_checksum;
  lg_journal_step(&line, revision, removed, nrem, added, nadd);
}

void lg_record_plan_step(const LgPlan *plan, int step, const char *revision, const char *direction,
                         double ms, int statements, const char *checksum, const char *down_checksum,
                         const char *verify_checksum) {
  int nrem = lg_plan_step_nremoved(plan, step);
  int nadd = lg_plan_step_nadded(plan, step);
  char **removed = (char **) palloc(sizeof(char *) * (nrem > 0 ? nrem : 1));
  char **added = (char **) palloc(sizeof(char *) * (nadd > 0 ? nadd : 1));
  for (int j = 0; j < nrem; j++) removed[j] = (char *) lg_plan_step_removed(plan, step, j);
  for (int j = 0; j < nadd; j++) added[j] = (char *) lg_plan_step_added(plan, step, j);
  lg_record_step(removed, nrem, added, nadd, revision, direction, true, ms, statements, checksum,
                 down_checksum, verify_checksum);
}

/* One step: what it runs, and what it reports back. */
typedef struct Step {
  const LgPlan *plan;
  int index;
  const char *revision;
  const char *direction;
  const char *sql;
  const char *verify_sql; /* NULL: nothing to verify */
  const char *checksum;
  const char *down_checksum;
  const char *verify_checksum;
  int statements; /* out */
  double ms;      /* out */
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
  INSTR_TIME_SET_CURRENT(elapsed);
  INSTR_TIME_SUBTRACT(elapsed, start);
  step->ms = INSTR_TIME_GET_MILLISEC(elapsed);
  lg_record_plan_step(step->plan, step->index, step->revision, step->direction, step->ms,
                      step->statements, step->checksum, step->down_checksum, step->verify_checksum);
}

static void run_step(const LgRegistry *reg, const LgPlan *plan, int i, const LgStepSql *sql,
                     Tuplestorestate *store, TupleDesc tupdesc, LgSchemaRecord *schema) {
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

  step.sql = sql[i].sql ? sql[i].sql : "";
  step.checksum = sql[i].checksum;
  step.down_checksum = sql[i].down_checksum;
  step.verify_checksum = sql[i].verify_checksum;
  step.verify_sql = sql[i].verify;

  run_step_body(&step);
  lg_schema_record_note(schema, step.revision, step.direction);

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

void lg_tidy_rows(const LgRegistry *reg, const LgPlan *plan) {
  int n = lg_plan_nrows_after(plan);
  if (n == reg->nrows) return; /* no step: the rows after are a subset of the rows */
  char **keep = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) keep[i] = (char *) lg_plan_row_after(plan, i);
  Oid types[1] = {TEXTARRAYOID};
  Datum values[1] = {lg_text_array(keep, n)};
  lg_spi_exec("DELETE FROM lg.version WHERE revision OPERATOR(pg_catalog.<>) ALL ($1)", 1, types,
              values, NULL, false);
}

void lg_run_plan(const LgRegistry *reg, const LgPlan *plan, Tuplestorestate *store,
                 TupleDesc tupdesc) {
  int n = lg_plan_nsteps(plan);
  /* A revision that CALL lg_apply() left unfinished is resumed or reverted
   * only by it (apply_run.cpp). */
  lg_progress_refuse_any();
  LgStepSql *sql = lg_prepare_steps(reg, plan);
  if (n == 0) {
    lg_tidy_rows(reg, plan);
    return;
  }
  /* What the steps touch is recorded once, at the end (schema_state.h). */
  LgSchemaRecord schema;
  lg_schema_record_begin(&schema);
  PG_TRY();
  {
    for (int i = 0; i < n; i++) {
      run_step(reg, plan, i, sql, store, tupdesc, &schema);
      CHECK_FOR_INTERRUPTS();
    }
    lg_schema_record_save(&schema);
  }
  PG_CATCH();
  {
    lg_schema_record_end(&schema);
    PG_RE_THROW();
  }
  PG_END_TRY();
  lg_schema_record_end(&schema);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
