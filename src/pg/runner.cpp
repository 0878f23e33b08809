/*
 * runner.cpp: applies or reverts revisions.  Revision SQL is split by
 * PostgreSQL's parser and every statement runs through SPI as the calling
 * role with the caller's search_path; lg's own bookkeeping statements are
 * schema-qualified and parameterized.
 */
#include "pg/runner.h"

#include "pg/spi_util.h"
#include "pg/statements.h"
#include "pg/stmt_context.h"

/* Refuses, before anything runs, a downgrade through a revision without down SQL. */
static void check_reversible(const LgRegistry *reg, const LgPlan *plan) {
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

/* Runs the statements of sql; returns how many ran. */
static int run_statements(const char *sql, LgStmtContext *st) {
  LgStatement *stmts;
  int n = lg_split_statements(sql, &stmts);
  for (int i = 0; i < n; i++) {
    st->statement = i + 1;
    st->text = stmts[i].text;
    lg_check_transactional(&stmts[i]);
    int rc = SPI_execute(stmts[i].text, false, 0);
    if (rc < 0)
      ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                      errmsg("statement %d of revision \"%s\" cannot run through SPI: %s", i + 1,
                             st->revision, SPI_result_code_string(rc))));
    SPI_freetuptable(SPI_tuptable);
    CHECK_FOR_INTERRUPTS();
  }
  st->statement = 0;
  return n;
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

/* Runs one step in its own subtransaction; returns the statement count. */
static int run_step(const char *revision, const char *direction, const char *sql,
                    const char *checksum, const LgPlan *plan, int step, double *ms) {
  MemoryContext cxt = CurrentMemoryContext;
  ResourceOwner owner = CurrentResourceOwner;
  LgStmtContext st;
  volatile int nstatements = 0;
  instr_time start, elapsed;

  INSTR_TIME_SET_CURRENT(start);
  BeginInternalSubTransaction(NULL);
  MemoryContextSwitchTo(cxt);

  lg_stmt_context_push(&st, revision, direction, sql);
  PG_TRY();
  {
    nstatements = run_statements(sql, &st);
    change_rows(plan, step);
    INSTR_TIME_SET_CURRENT(elapsed);
    INSTR_TIME_SUBTRACT(elapsed, start);
    *ms = INSTR_TIME_GET_MILLISEC(elapsed);
    journal(revision, direction, *ms, nstatements, checksum);

    ReleaseCurrentSubTransaction();
    MemoryContextSwitchTo(cxt);
    CurrentResourceOwner = owner;
  }
  PG_CATCH();
  {
    /* Keep the error (with its context lines), undo the step, re-raise. */
    lg_stmt_context_pop(&st);
    MemoryContextSwitchTo(cxt);
    ErrorData *edata = CopyErrorData();
    FlushErrorState();
    RollbackAndReleaseCurrentSubTransaction();
    MemoryContextSwitchTo(cxt);
    CurrentResourceOwner = owner;
    ReThrowError(edata);
  }
  PG_END_TRY();
  /* After PG_END_TRY, which restores the stack as PG_TRY found it. */
  lg_stmt_context_pop(&st);
  return nstatements;
}

void lg_run_plan(const LgRegistry *reg, const LgPlan *plan, Tuplestorestate *store,
                 TupleDesc tupdesc) {
  int n = lg_plan_nsteps(plan);
  check_reversible(reg, plan);
  for (int i = 0; i < n; i++) {
    const char *revision = reg->ids[lg_plan_step_revision(plan, i)];
    bool up = lg_plan_step_direction(plan, i) == LG_UP;
    const char *direction = up ? "up" : "down";

    Oid types[1] = {TEXTOID};
    Datum values[1] = {CStringGetTextDatum(revision)};
    if (lg_spi_exec("SELECT up_sql, down_sql, checksum FROM lg.revision "
                    "WHERE id OPERATOR(pg_catalog.=) $1",
                    1, types, values, NULL, false) != 1)
      ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                      errmsg("revision \"%s\" disappeared from lg.revision during the run",
                             revision)));
    char *sql = lg_spi_text(0, up ? 1 : 2);
    char *checksum = lg_spi_text(0, 3);
    SPI_freetuptable(SPI_tuptable);

    double ms = 0;
    int nstatements = run_step(revision, direction, sql ? sql : "", checksum, plan, i, &ms);

    ereport(NOTICE, (errmsg("lg: %s revision \"%s\"", up ? "applied" : "reverted", revision),
                     errdetail("%d statement%s in %.3f ms.", nstatements,
                               nstatements == 1 ? "" : "s", ms)));
    if (store != NULL) {
      Datum row[4] = {CStringGetTextDatum(revision), CStringGetTextDatum(direction),
                      Float8GetDatum(ms), Int32GetDatum(nstatements)};
      bool nulls[4] = {false, false, false, false};
      tuplestore_putvalues(store, tupdesc, row, nulls);
    }
    CHECK_FOR_INTERRUPTS();
  }
}
