/*
 * fn_verify.cpp: lg_verify(), the health check.  Re-runs the verify SQL of
 * every applied revision, each in a subtransaction that is always rolled
 * back, so the check changes nothing; reports each result instead of
 * stopping at the first failure.  Verify SQL runs read-only
 * (verify_rules.h) with search_path LG_VERIFY_SEARCH_PATH.
 */
#include "pg/pg_headers.h"

#include "pg/column_types.h"
#include "pg/errors.h"
#include "pg/execute.h"
#include "pg/registry.h"
#include "pg/spi_util.h"
#include "pg/srf.h"
#include "pg/subxact.h"
#include "pg/verify_rules.h"

typedef struct VerifyRun {
  const char *revision;
  const char *sql;
  LgStmtContext ctx; /* here, not in verify_body: read after an error */
  int statements;    /* out: how many ran, the failing one included */
} VerifyRun;

static void verify_body(void *arg) {
  VerifyRun *run = (VerifyRun *) arg;
  lg_stmt_context_push(&run->ctx, run->revision, "verify", run->sql);
  run->statements = lg_execute_sql(run->sql, &run->ctx, true);
  lg_stmt_context_pop(&run->ctx);
}

/* lg_verify(): (revision, ok, statements, error) per applied revision with verify SQL. */
LG_FUNCTION(lg_verify) {
  TupleDesc tupdesc;
  Tuplestorestate *store = lg_srf_materialize(fcinfo, &tupdesc);
  SPI_connect();
  /* A fixed search_path, so the result does not depend on the caller's;
   * popping the nest level restores the caller's. */
  int nest = NewGUCNestLevel();
  (void) set_config_option("search_path", LG_VERIFY_SEARCH_PATH, PGC_USERSET, PGC_S_SESSION,
                           GUC_ACTION_SAVE, true, 0, false);
  LgRegistry *reg = lg_registry_load(false);
  unsigned char *applied;
  lg_registry_applied(reg, &applied);

  uint64 n = lg_spi_exec(
      "SELECT r.id, s.verify_sql FROM lg.revision r "
      "JOIN lg.script s ON s.revision OPERATOR(pg_catalog.=) r.id "
      "WHERE s.verify_sql IS NOT NULL ORDER BY r.ord",
      0, NULL, NULL, NULL, false);
  static const LgColumn cols[2] = {{"lg.revision.id", TEXTOID}, {"lg.script.verify_sql", TEXTOID}};
  lg_expect_columns(cols, 2);
  SPITupleTable *tt = SPI_tuptable;
  for (uint64 i = 0; i < n; i++) {
    CHECK_FOR_INTERRUPTS();
    VerifyRun run;
    bool isnull;
    run.revision = TextDatumGetCString(SPI_getbinval(tt->vals[i], tt->tupdesc, 1, &isnull));
    run.sql = TextDatumGetCString(SPI_getbinval(tt->vals[i], tt->tupdesc, 2, &isnull));
    run.statements = 0;
    int index = lg_graph_find(reg->graph, run.revision);
    if (index < 0 || !applied[index]) continue;

    ErrorData *edata = lg_run_in_subxact(verify_body, &run, false, false);
    if (edata != NULL) run.statements = run.ctx.statement;
    char *error = NULL;
    if (edata != NULL)
      error = edata->detail ? psprintf("%s: %s", edata->message, edata->detail)
                            : pstrdup(edata->message);
    Datum values[4] = {CStringGetTextDatum(run.revision), BoolGetDatum(edata == NULL),
                       Int32GetDatum(run.statements), error ? CStringGetTextDatum(error) : 0};
    bool nulls[4] = {false, false, false, error == NULL};
    tuplestore_putvalues(store, tupdesc, values, nulls);
    if (edata) FreeErrorData(edata);
    CHECK_FOR_INTERRUPTS();
  }
  AtEOXact_GUC(true, nest);
  SPI_finish();
  return (Datum) 0;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
