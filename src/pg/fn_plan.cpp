/*
 * fn_plan.cpp: reading a plan before running it.  lg_plan() lists the
 * steps; lg_sql() writes the whole script a run would execute (statements
 * as PostgreSQL's parser splits them, plus a call of lg_script_step() per
 * step for the version rows and the journal), to review or to run with
 * psql -1 -f, as Alembic's --sql.
 * Nothing is executed.
 *
 * The script is run by psql, often as a superuser, so nothing a user wrote
 * may become a line of its own: messages and targets go into "--" comments
 * with line breaks and control characters escaped (script_text.h); ids obey
 * the core's id rule ([A-Za-z0-9_.]); statements are emitted as the
 * server's lexer split them under lg's lexing rule, which the script pins
 * first (SET standard_conforming_strings = on), so psql's lexer, which
 * follows the server's setting, splits them the same way.  A backslash
 * outside quotes and comments is a syntax error to the server, so a
 * registered statement holds no psql meta-command; a ':' that psql would
 * read as a variable reference gets a space after it.
 */
#include "pg/pg_headers.h"

extern "C" {
#include "utils/lsyscache.h"
}

#include "pg/owner.h"
#include "pg/plan_util.h"
#include "pg/registry.h"
#include "pg/script_text.h"
#include "pg/run_lock.h"
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
  /* Registered before lg refused them: not printed, however inert. */
  lg_check_displayable_sql(sql, "revision SQL");
  LgStatement *stmts;
  int n = lg_split_statements(sql, &stmts, false);
  for (int i = 0; i < n; i++) {
    char *text = lg_psql_safe_statement(stmts[i].full);
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

/* Appends ARRAY['a', 'b']::pg_catalog.text[] of the given rows. */
static void append_rows(StringInfo out, int n, const char *(*row)(const LgPlan *, int, int),
                        const LgPlan *plan, int i) {
  appendStringInfoString(out, "ARRAY[");
  for (int j = 0; j < n; j++)
    appendStringInfo(out, "%s%s", j ? ", " : "", quote_literal_cstr(row(plan, i, j)));
  appendStringInfoString(out, "]::pg_catalog.text[]");
}

/* The bookkeeping of step i: lg_script_step() moves the version rows and
 * journals the step, as a run does (no role may write lg's tables); it is
 * named with lg's schema (schema), whatever the search_path of the script. */
static void append_step_record(StringInfo out, const char *schema, const LgPlan *plan, int i,
                               const char *revision, bool up) {
  appendStringInfo(out, "SELECT %s.lg_script_step(%s, %s, ", schema, quote_literal_cstr(revision),
                   quote_literal_cstr(up ? "up" : "down"));
  append_rows(out, lg_plan_step_nremoved(plan, i), lg_plan_step_removed, plan, i);
  appendStringInfoString(out, ", ");
  append_rows(out, lg_plan_step_nadded(plan, i), lg_plan_step_added, plan, i);
  appendStringInfoString(out, ");\n");
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
  appendStringInfo(&out, "-- lg: %s to '%s', %d step%s\n", direction == LG_UP ? "upgrade" : "downgrade",
                   lg_inert_text(target, false), n, n == 1 ? "" : "s");
  appendStringInfoString(&out, "-- run it in one transaction: psql -X -1 -v ON_ERROR_STOP=1 -f <file>\n");
  /* lg's lexing rule, for the server and for psql's own lexer. */
  appendStringInfoString(&out, "SET standard_conforming_strings = on;\n"
                               "SET backslash_quote = safe_encoding;\n");

  Oid owner, nsp;
  if (!lg_extension_find(&owner, &nsp))
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("extension \"lg\" is not installed in this database")));
  const char *schema = quote_identifier(get_namespace_name(nsp));
  /* lg's run lock has a tag no SQL function but this one takes (run_lock.h). */
  appendStringInfo(&out, LG_RUN_LOCK_SQL_FMT "\n", schema);

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
    /* A script cannot write lg.version (no role may): it says what a run
     * would do instead. */
    for (int r = 0; r < reg->nrows; r++)
      if (!kept[r])
        appendStringInfo(&out,
                         "-- the version row %s is below another row: lg_migrate() or "
                         "CALL lg_apply() would drop it; this script leaves it\n",
                         lg_inert_text(reg->rows[r], false));
  }
  for (int i = 0; i < n; i++) {
    int index = lg_plan_step_revision(plan, i);
    const char *revision = reg->ids[index];
    const char *message = reg->messages[index];
    bool up = lg_plan_step_direction(plan, i) == LG_UP;
    const char *verify = steps[i].verify;

    appendStringInfo(&out, "\n-- %s %s%s%s\n", up ? "upgrade" : "downgrade",
                     lg_inert_text(revision, false), message ? ": " : "",
                     message ? lg_inert_text(message, false) : "");
    append_statements(&out, revision, up ? "up" : "down", steps[i].sql);
    if (verify != NULL) {
      /* plain queries only, as at registration (verify SQL edited by hand) */
      lg_check_verify_sql(revision, verify);
      appendStringInfoString(&out, "-- verify (an error fails the script; a false result is "
                                   "only checked by lg_migrate)\n");
      append_statements(&out, revision, "verify", verify);
    }
    append_step_record(&out, schema, plan, i, revision, up);
    CHECK_FOR_INTERRUPTS();
  }

  MemoryContextSwitchTo(caller);
  text *result = cstring_to_text_with_len(out.data, out.len);
  SPI_finish();
  PG_RETURN_TEXT_P(result);
}
