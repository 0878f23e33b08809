/*
 * fn_sql.cpp: lg_sql() writes the whole script a run would execute (statements
 * as PostgreSQL's parser splits them, plus a call of lg_script_step() per
 * step for the version rows and the journal), to review or to run with
 * psql -1 -f, as Alembic's --sql.
 * Nothing is executed.
 *
 * A plan with a non-transactional revision (lg.revision.transactional =
 * false) gets a script of another shape, run without -1: it opens with
 * lg_script_begin() (the run lock for the session, refused inside a
 * transaction block), each revision then runs in transactions of its own
 * (BEGIN ... its bookkeeping ... COMMIT); a non-transactional one has its
 * statements that cannot run in a transaction block outside any (psql
 * autocommit) and its COMMIT / COMMIT AND CHAIN as written, and its
 * bookkeeping after its last statement; lg_script_end() releases the lock.
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
#include "pg/text_array.h"
#include "pg/stmt_context.h"
#include "pg/verify_rules.h"

/* One statement, ended by ';' on a line that no trailing "--" comment can
 * swallow. */
static void append_statement(StringInfo out, const LgStatement *stmt) {
  char *text = lg_psql_safe_statement(stmt->full);
  int len = (int) strlen(text);
  while (len > 0 && isspace((unsigned char) text[len - 1])) len--;
  const char *last_line = text;
  for (int k = 0; k < len; k++)
    if (text[k] == '\n') last_line = text + k + 1;
  bool comment = strstr(last_line, "--") != NULL;
  appendStringInfo(out, "%.*s%s;\n", len, text, comment ? "\n" : "");
  pfree(text);
}

/* How a statement of a non-transactional revision goes into the script. */
typedef enum ScriptRun { RUN_IN_XACT, RUN_TOP_LEVEL, RUN_COMMIT, RUN_COMMIT_CHAIN } ScriptRun;

/*
 * The one place that depends on the classification of statements
 * (statements.h): NEEDS_TOP_LEVEL runs outside a transaction block; COMMIT
 * and COMMIT AND CHAIN commit the revision's transaction as written; ALTER
 * TYPE ... ADD VALUE is committed right after (*commit_after), so that
 * later statements may use the new value; what can never run is refused.
 */
static ScriptRun script_run(const LgStatement *stmt, bool *commit_after) {
  LgStmtClass c = lg_classify_statement(stmt->parsetree);
  *commit_after = c.commit_after;
  if (c.kind == LG_STMT_COMMIT) return c.chain ? RUN_COMMIT_CHAIN : RUN_COMMIT;
  if (c.kind == LG_STMT_NEVER) lg_check_transactional(stmt); /* raises, with c's reason */
  return c.kind == LG_STMT_NEEDS_TOP_LEVEL ? RUN_TOP_LEVEL : RUN_IN_XACT;
}

/* Opens (BEGIN) or ends (COMMIT) the script's transaction unless it is
 * already in that state. */
static void set_xact(StringInfo out, bool *in_xact, bool want) {
  if (*in_xact == want) return;
  appendStringInfoString(out, want ? "BEGIN;\n" : "COMMIT;\n");
  *in_xact = want;
}

/* Appends the statements of sql; returns how many.  nontx: a statement of
 * a non-transactional revision runs where script_run says, *in_xact
 * following the script's transaction state; else they are appended as they
 * are, inside whatever transaction the script is in. */
static int append_statements(StringInfo out, const char *revision, const char *what,
                             const char *sql, bool nontx, bool *in_xact) {
  /* SQL registered before lg refused it is not printed, however inert. */
  LgStmtContext ctx;
  LgStatement *stmts;
  int n = lg_open_revision_sql(&ctx, revision, what, sql, &stmts);
  for (int i = 0; i < n; i++) {
    if (!nontx) {
      append_statement(out, &stmts[i]);
      continue;
    }
    ctx.statement = i + 1;
    ctx.text = stmts[i].text;
    bool commit_after;
    ScriptRun run = script_run(&stmts[i], &commit_after);
    set_xact(out, in_xact, run != RUN_TOP_LEVEL);
    append_statement(out, &stmts[i]);
    if (run == RUN_COMMIT || commit_after) *in_xact = false;
    if (commit_after && run == RUN_IN_XACT) appendStringInfoString(out, "COMMIT;\n");
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

/* A plan without steps from overlapping rows: a run drops the redundant
 * rows (lg_tidy_rows); a script cannot write lg.version (no role may), so
 * it says what a run would do instead. */
static void append_tidy_note(StringInfo out, const LgRegistry *reg, const LgPlan *plan) {
  if (lg_plan_nrows_after(plan) == reg->nrows) return;
  bool *kept = (bool *) palloc0(sizeof(bool) * reg->nrows);
  for (int k = 0; k < lg_plan_nrows_after(plan); k++) {
    int r = lg_registry_row_index(reg, lg_plan_row_after(plan, k));
    if (r >= 0) kept[r] = true;
  }
  for (int r = 0; r < reg->nrows; r++)
    if (!kept[r])
      appendStringInfo(out,
                       "-- the version row %s is below another row: lg_migrate() or "
                       "CALL lg_apply() would drop it; this script leaves it\n",
                       lg_inert_text(reg->rows[r], false));
}

/* Step i: a comment naming it, its statements, its verify SQL, and the
 * bookkeeping call.  own_xact: the script is not one transaction, so the
 * step brings its own (BEGIN ... COMMIT); nontx: the revision is
 * non-transactional (only with own_xact). */
static void append_step(StringInfo out, const char *schema, const LgRegistry *reg,
                        const LgPlan *plan, int i, const LgStepSql *step, bool own_xact,
                        bool nontx) {
  int index = lg_plan_step_revision(plan, i);
  const char *revision = reg->ids[index];
  const char *message = reg->messages[index];
  bool up = lg_plan_step_direction(plan, i) == LG_UP;
  const char *verify = step->verify;
  bool in_xact = false;

  appendStringInfo(out, "\n-- %s %s%s%s\n", up ? "upgrade" : "downgrade",
                   lg_inert_text(revision, false), message ? ": " : "",
                   message ? lg_inert_text(message, false) : "");
  if (nontx)
    appendStringInfoString(out,
                           "-- non-transactional: what cannot run in a transaction block runs "
                           "on its own; recorded only after its last statement\n");
  if (own_xact && !nontx) set_xact(out, &in_xact, true);
  append_statements(out, revision, up ? "up" : "down", step->sql, nontx, &in_xact);
  if (own_xact) set_xact(out, &in_xact, true);
  if (verify != NULL) {
    /* plain queries only, as at registration (verify SQL edited by hand) */
    lg_check_verify_sql(revision, verify);
    appendStringInfoString(out,
                           "-- verify (an error fails the script; a false result is "
                           "only checked by lg_migrate)\n");
    append_statements(out, revision, "verify", verify, false, &in_xact);
  }
  append_step_record(out, schema, plan, i, revision, up);
  if (own_xact) set_xact(out, &in_xact, false);
}

/*
 * Whether each step's revision is non-transactional (lg.revision.
 * transactional = false), into *nontx (palloc'd); returns how many are.
 */
static int nontx_steps(const LgRegistry *reg, const LgPlan *plan, bool **nontx) {
  int n = lg_plan_nsteps(plan);
  *nontx = (bool *) palloc0(sizeof(bool) * (n > 0 ? n : 1));
  if (n == 0) return 0;
  char **ids = (char **) palloc(sizeof(char *) * n);
  for (int i = 0; i < n; i++) ids[i] = reg->ids[lg_plan_step_revision(plan, i)];
  Oid types[1] = {TEXTARRAYOID};
  Datum values[1] = {lg_text_array(ids, n)};
  uint64 found = lg_spi_exec(
      "SELECT r.transactional IS NOT DISTINCT FROM false "
      "FROM pg_catalog.unnest($1) WITH ORDINALITY AS p(id, n) "
      "LEFT JOIN lg.revision r ON r.id OPERATOR(pg_catalog.=) p.id ORDER BY p.n",
      1, types, values, NULL, true);
  if (found != (uint64) n) elog(ERROR, "lg: the plan's revisions came back incomplete");
  int count = 0;
  for (int i = 0; i < n; i++) {
    bool isnull;
    (*nontx)[i] =
        DatumGetBool(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
    if ((*nontx)[i]) count++;
  }
  SPI_freetuptable(SPI_tuptable);
  return count;
}

/* The header of a script with non-transactional revisions: which they are,
 * how to run it, what a failure leaves; then lg_script_begin() with the
 * version rows the plan starts from. */
static void append_nontx_header(StringInfo out, const char *schema, const LgRegistry *reg,
                                const LgPlan *plan, const bool *nontx) {
  int n = lg_plan_nsteps(plan);
  for (int i = 0; i < n; i++)
    if (nontx[i])
      appendStringInfo(out, "-- non-transactional revision: %s\n",
                       lg_inert_text(reg->ids[lg_plan_step_revision(plan, i)], false));
  appendStringInfoString(
      out,
      "-- run it WITHOUT -1 (it has transactions of its own; lg_script_begin() refuses a\n"
      "-- transaction block): psql -X -v ON_ERROR_STOP=1 -f <file>\n"
      "-- Each revision runs in a transaction of its own with its bookkeeping; a\n"
      "-- non-transactional one runs what cannot run in a transaction block on its own\n"
      "-- (autocommit), commits where its SQL says COMMIT, and is recorded after its last\n"
      "-- statement.  lg's run lock is held from lg_script_begin() to lg_script_end().\n"
      "-- On an error psql stops (ON_ERROR_STOP=1) and disconnects, which releases the\n"
      "-- lock: the revisions recorded before stay applied; the failing revision is not\n"
      "-- recorded, but what it committed before the error stays (a failed CREATE INDEX\n"
      "-- CONCURRENTLY leaves an INVALID index: drop it).  Then write the script again\n"
      "-- with lg_sql() and run it.\n");
  appendStringInfoString(out,
                         "SET standard_conforming_strings = on;\n"
                         "SET backslash_quote = safe_encoding;\n");
  appendStringInfo(out, "SELECT %s.lg_script_begin(", schema);
  appendStringInfoString(out, "ARRAY[");
  for (int r = 0; r < reg->nrows; r++)
    appendStringInfo(out, "%s%s", r ? ", " : "", quote_literal_cstr(reg->rows[r]));
  appendStringInfoString(out, "]::pg_catalog.text[]);\n");
}

/* lg_sql(target, direction): the script of the run, as text. */
LG_FUNCTION(lg_sql) {
  LgDirection direction =
      lg_parse_direction(PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1)));
  char *target = lg_target_arg(fcinfo, 0, direction);
  MemoryContext caller = CurrentMemoryContext;

  SPI_connect();
  LgRegistry *reg = lg_registry_load(true);
  LgPlan *plan = lg_build_plan(reg, target, direction);
  int n = lg_plan_nsteps(plan);

  Oid owner, nsp;
  if (!lg_extension_find(&owner, &nsp))
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("extension \"lg\" is not installed in this database")));
  const char *schema = quote_identifier(get_namespace_name(nsp));
  bool *nontx;
  bool own_xact = nontx_steps(reg, plan, &nontx) > 0;

  StringInfoData out;
  initStringInfo(&out);
  appendStringInfo(&out, "-- lg: %s to '%s', %d step%s\n",
                   direction == LG_UP ? "upgrade" : "downgrade", lg_inert_text(target, false), n,
                   n == 1 ? "" : "s");
  if (own_xact) {
    append_nontx_header(&out, schema, reg, plan, nontx);
  } else {
    appendStringInfoString(
        &out, "-- run it in one transaction: psql -X -1 -v ON_ERROR_STOP=1 -f <file>\n");
    /* lg's lexing rule, for the server and for psql's own lexer. */
    appendStringInfoString(&out,
                           "SET standard_conforming_strings = on;\n"
                           "SET backslash_quote = safe_encoding;\n");
    /* lg's run lock has a tag no SQL function but this one takes (run_lock.h). */
    appendStringInfo(&out, LG_RUN_LOCK_SQL_FMT "\n", schema);
  }

  /* The same fetch (and irreversibility check) as a real run. */
  LgStepSql *steps = lg_prepare_steps(reg, plan);
  if (n == 0) append_tidy_note(&out, reg, plan);
  /* Each step's parse trees and text go with the step: a 32 MB script
   * held all of them at once (bench/README.md). */
  MemoryContext step_cxt =
      AllocSetContextCreate(CurrentMemoryContext, "lg_sql step", ALLOCSET_DEFAULT_SIZES);
  for (int i = 0; i < n; i++) {
    MemoryContext outer = MemoryContextSwitchTo(step_cxt);
    append_step(&out, schema, reg, plan, i, &steps[i], own_xact, nontx[i]);
    MemoryContextSwitchTo(outer);
    MemoryContextReset(step_cxt);
    /* the step's SQL is not needed again */
    pfree(steps[i].sql);
    if (steps[i].verify != NULL) pfree(steps[i].verify);
    CHECK_FOR_INTERRUPTS();
  }
  if (own_xact) appendStringInfo(&out, "SELECT %s.lg_script_end();\n", schema);

  return lg_spi_finish_text(caller, out.data, out.len);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
