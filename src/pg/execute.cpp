/*
 * execute.cpp: the statement loop shared by migrations and verification.
 * Statements come from PostgreSQL's parser (statements.cpp), never from a
 * hand-written splitter, and run with the caller's privileges and
 * search_path.
 */
#include "pg/execute.h"

#include "pg/statements.h"

/* Fails unless every value of a boolean first column is true. */
static void check_verify_result(LgStmtContext *ctx) {
  SPITupleTable *tt = SPI_tuptable;
  if (tt == NULL || tt->tupdesc->natts < 1 || TupleDescAttr(tt->tupdesc, 0)->atttypid != BOOLOID)
    return;
  for (uint64 r = 0; r < SPI_processed; r++) {
    bool isnull;
    Datum d = SPI_getbinval(tt->vals[r], tt->tupdesc, 1, &isnull);
    if (isnull || !DatumGetBool(d))
      ereport(ERROR, (errcode(ERRCODE_CHECK_VIOLATION),
                      errmsg("verification of revision \"%s\" failed", ctx->revision),
                      errdetail("Statement %d returned %s.", ctx->statement,
                                isnull ? "null" : "false")));
  }
}

int lg_execute_sql(const char *sql, LgStmtContext *ctx, bool verify) {
  LgStatement *stmts;
  int n = lg_split_statements(sql, &stmts);
  for (int i = 0; i < n; i++) {
    ctx->statement = i + 1;
    ctx->text = stmts[i].text;
    lg_check_transactional(&stmts[i]);
    int rc = SPI_execute(stmts[i].text, false, 0);
    if (rc < 0)
      ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                      errmsg("statement cannot run through SPI: %s", SPI_result_code_string(rc))));
    if (verify) check_verify_result(ctx);
    SPI_freetuptable(SPI_tuptable);
    CHECK_FOR_INTERRUPTS();
  }
  ctx->statement = 0;
  return n;
}
