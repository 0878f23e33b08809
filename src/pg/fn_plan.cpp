/*
 * fn_plan.cpp: reading a plan before running it.  lg_plan() lists the
 * steps; lg_sql() writes the whole script a run would execute (statements
 * as PostgreSQL's parser splits them, plus the version-row and journal
 * bookkeeping), to review or to run with psql -1 -f, as Alembic's --sql.
 * Nothing is executed.
 */
#include "pg/pg_headers.h"

#include "pg/plan_util.h"
#include "pg/registry.h"
#include "pg/runner.h"
#include "pg/spi_util.h"
#include "pg/srf.h"
#include "pg/statements.h"
#include "pg/stmt_context.h"
#include "pg/verify_rules.h"

/* lg_plan(target, direction): step number, revision, direction. */
LG_FUNCTION(lg_plan) {
  LgDirection direction = lg_parse_direction(PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1)));
  char *target = lg_target_arg(fcinfo, 0, direction);
  TupleDesc tupdesc;
  Tuplestorestate *store = lg_srf_materialize(fcinfo, &tupdesc);

  SPI_connect();
  LgRegistry *reg = lg_registry_load(true);
  LgPlan *plan = lg_build_plan(reg, target, direction);
  int n = lg_plan_nsteps(plan);
  for (int i = 0; i < n; i++) {
    Datum values[3] = {Int32GetDatum(i + 1),
                       CStringGetTextDatum(reg->ids[lg_plan_step_revision(plan, i)]),
                       CStringGetTextDatum(lg_plan_step_direction(plan, i) == LG_UP ? "up" : "down")};
    bool nulls[3] = {false, false, false};
    tuplestore_putvalues(store, tupdesc, values, nulls);
  }
  SPI_finish();
  return (Datum) 0;
}

/* Appends the statements of sql, each ended by ';' on a line that no
 * trailing "--" comment can swallow; returns how many. */
static int append_statements(StringInfo out, const char *revision, const char *what,
                              const char *sql) {
  LgStmtContext ctx;
  lg_stmt_context_push(&ctx, revision, what, sql);
  LgStatement *stmts;
  int n = lg_split_statements(sql, &stmts);
  for (int i = 0; i < n; i++) {
    char *text = stmts[i].text;
    int len = (int) strlen(text);
    while (len > 0 && isspace((unsigned char) text[len - 1])) len--;
    const char *last_line = text;
    for (int k = 0; k < len; k++)
      if (text[k] == '\n') last_line = text + k + 1;
    bool comment = strstr(last_line, "--") != NULL;
    appendStringInfo(out, "%.*s%s;\n", len, text, comment ? "\n" : "");
  }
  lg_stmt_context_pop(&ctx);
  return n;
}

/* Appends "('a'), ('b')"-style bookkeeping for the rows of step i. */
static void append_row_change(StringInfo out, const LgPlan *plan, int i) {
  int nrem = lg_plan_step_nremoved(plan, i);
  for (int j = 0; j < nrem; j++)
    appendStringInfo(out, "DELETE FROM lg.version WHERE revision = %s;\n",
                     quote_literal_cstr(lg_plan_step_removed(plan, i, j)));
  int nadd = lg_plan_step_nadded(plan, i);
  for (int j = 0; j < nadd; j++)
    appendStringInfo(out, "INSERT INTO lg.version (revision) VALUES (%s);\n",
                     quote_literal_cstr(lg_plan_step_added(plan, i, j)));
}

static int compare_ids(const void *a, const void *b) {
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* lg_sql(target, direction): the script of the run, as text. */
LG_FUNCTION(lg_sql) {
  LgDirection direction = lg_parse_direction(PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1)));
  char *target = lg_target_arg(fcinfo, 0, direction);
  MemoryContext caller = CurrentMemoryContext;

  SPI_connect();
  LgRegistry *reg = lg_registry_load(true);
  LgPlan *plan = lg_build_plan(reg, target, direction);
  int n = lg_plan_nsteps(plan);

  StringInfoData out;
  initStringInfo(&out);
  appendStringInfo(&out, "-- lg: %s to %s, %d step%s\n", direction == LG_UP ? "upgrade" : "downgrade",
                   quote_literal_cstr(target), n, n == 1 ? "" : "s");
  appendStringInfoString(&out, "-- run it in one transaction: psql -X -1 -v ON_ERROR_STOP=1 -f <file>\n");
  appendStringInfo(&out, "SELECT pg_catalog.pg_advisory_xact_lock(" INT64_FORMAT ");\n",
                   LG_RUN_LOCK_KEY);

  /* The same fetch (and irreversibility check) as a real run. */
  LgStepSql *steps = lg_prepare_steps(reg, plan);
  /* No step, overlapping rows: the run drops the redundant ones (lg_tidy_rows). */
  if (n == 0 && lg_plan_nrows_after(plan) != reg->nrows) {
    bool *kept = (bool *) palloc0(sizeof(bool) * reg->nrows);
    for (int k = 0; k < lg_plan_nrows_after(plan); k++) {
      const char *row = lg_plan_row_after(plan, k);
      /* the rows are sorted in "C" collation, strcmp's order */
      char **hit = (char **) bsearch(&row, reg->rows, reg->nrows, sizeof(char *), compare_ids);
      if (hit != NULL) kept[hit - reg->rows] = true;
    }
    for (int r = 0; r < reg->nrows; r++)
      if (!kept[r])
        appendStringInfo(&out, "DELETE FROM lg.version WHERE revision = %s;\n",
                         quote_literal_cstr(reg->rows[r]));
  }
  for (int i = 0; i < n; i++) {
    int index = lg_plan_step_revision(plan, i);
    const char *revision = reg->ids[index];
    const char *message = reg->messages[index];
    bool up = lg_plan_step_direction(plan, i) == LG_UP;
    const char *verify = steps[i].verify;
    const char *checksum = steps[i].checksum;

    appendStringInfo(&out, "\n-- %s %s%s%s\n", up ? "upgrade" : "downgrade", revision,
                     message ? ": " : "", message ? message : "");
    int nstatements = append_statements(&out, revision, up ? "up" : "down", steps[i].sql);
    if (verify != NULL) {
      /* plain queries only, as at registration (verify SQL edited by hand) */
      lg_check_verify_sql(revision, verify);
      appendStringInfoString(&out, "-- verify (an error fails the script; a false result is "
                                   "only checked by lg_migrate)\n");
      append_statements(&out, revision, "verify", verify);
    }
    append_row_change(&out, plan, i);
    appendStringInfo(&out,
                     "INSERT INTO lg.log (revision, direction, statements, checksum, "
                     "down_checksum, verify_checksum) VALUES (%s, %s, %d, %s, %s, %s);\n",
                     quote_literal_cstr(revision), quote_literal_cstr(up ? "up" : "down"),
                     nstatements, quote_literal_cstr(checksum),
                     quote_literal_cstr(steps[i].down_checksum),
                     quote_literal_cstr(steps[i].verify_checksum));
    CHECK_FOR_INTERRUPTS();
  }

  MemoryContextSwitchTo(caller);
  text *result = cstring_to_text_with_len(out.data, out.len);
  SPI_finish();
  PG_RETURN_TEXT_P(result);
}
