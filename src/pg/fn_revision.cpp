/*
 * fn_revision.cpp: lg_revision(), registration of one revision.
 * Registration checks what it can alone (id syntax, SQL syntax through the
 * parser, statements that cannot run in a transaction); the graph as a
 * whole (parents may arrive later) is validated when it is planned.
 */
#include "pg/pg_headers.h"

#include "pg/errors.h"
#include "pg/fingerprint.h"
#include "pg/owner.h"
#include "pg/registry.h"
#include "pg/run_lock.h"
#include "pg/spi_util.h"
#include "pg/statements.h"
#include "pg/verify_rules.h"

#define NCOLUMNS 8

/* What is compared on re-registration (lg.revision and lg.script), in query order. */
static const char *const column_names[NCOLUMNS] = {
    "up", "down", "parents", "message", "depends_on", "branch_labels", "transactional", "verify"};
/* Columns that an applied revision may still change: only its message,
 * which alters neither the schema it built nor the graph.  Its up, down and
 * verify SQL are part of what was applied (a change is drift, accepted only
 * through lg_repair), its parents, dependencies and labels part of the
 * graph the version rows stand on. */
static const bool may_change_when_applied[NCOLUMNS] = {false, false, false, true,
                                                       false, false, false, false};
/* The SQL columns: compared as the server's scanner reads them. */
static const bool is_sql_column[NCOLUMNS] = {true, true, false, false, false, false, false, true};

static void check_id(const char *id, const char *what, const char *revision) {
  LgCoreError err;
  if (lg_core_check_id(id, &err)) return;
  if (revision == NULL) lg_raise_core_error(&err);
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("%s of revision \"%s\": %s", what, revision, err.message),
                  err.hint[0] ? errhint("%s", err.hint) : 0));
}

static int compare_strings(const void *a, const void *b) {
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The elements of a text[] of ids (parents, depends_on, branch_labels),
 * each checked: not null, an id, not the revision itself, not twice.  The
 * lists are user input of any length: repeats are found on a sorted copy
 * (n log n, not a comparison of every pair), and both loops answer a
 * cancel. */
static int id_list(Datum array, const char *what, const char *revision, char ***items) {
  int n = lg_text_array_items(array, items);
  for (int i = 0; i < n; i++) {
    if ((*items)[i] == NULL)
      ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                      errmsg("%s of revision \"%s\" contains a null", what, revision)));
    check_id((*items)[i], what, revision);
    if (strcmp((*items)[i], revision) == 0)
      ereport(ERROR, (errcode(ERRCODE_INVALID_RECURSION),
                      errmsg("revision \"%s\" names itself in its %s", revision, what)));
    if ((i & 1023) == 0) CHECK_FOR_INTERRUPTS();
  }
  if (n < 2) return n;
  char **sorted = (char **) palloc(sizeof(char *) * n);
  memcpy(sorted, *items, sizeof(char *) * n);
  qsort(sorted, n, sizeof(char *), compare_strings);
  CHECK_FOR_INTERRUPTS();
  for (int i = 1; i < n; i++)
    if (strcmp(sorted[i], sorted[i - 1]) == 0)
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                      errmsg("%s of revision \"%s\" lists \"%s\" twice", what, revision,
                             sorted[i])));
  pfree(sorted);
  return n;
}

/* The same for an optional argument of lg_revision(). */
static int id_list_arg(FunctionCallInfo fcinfo, int argno, const char *what, const char *revision,
                       char ***items) {
  if (PG_ARGISNULL(argno)) {
    *items = NULL;
    return 0;
  }
  return id_list(PG_GETARG_DATUM(argno), what, revision, items);
}

/*
 * lg.revision_row_is_valid(id, parents, depends_on, branch_labels): the CHECK
 * constraint of lg.revision, so a row written by hand obeys the rules
 * lg_revision() applies, with its messages.  One C call instead of several
 * SQL expressions: the executor rebuilds a table's CHECK expressions for
 * every INSERT statement, and registration is one INSERT per revision.
 */
LG_FUNCTION(lg_revision_row_is_valid) {
  char *id = text_to_cstring(PG_GETARG_TEXT_PP(0));
  check_id(id, "id", NULL);
  char **items;
  id_list(PG_GETARG_DATUM(1), "parents", id, &items);
  id_list(PG_GETARG_DATUM(2), "depends_on", id, &items);
  id_list(PG_GETARG_DATUM(3), "branch_labels", id, &items);
  PG_RETURN_BOOL(true);
}

LG_FUNCTION(lg_revision) {
  if (PG_ARGISNULL(0))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                    errmsg("revision id must not be null")));
  char *id = text_to_cstring(PG_GETARG_TEXT_PP(0));
  check_id(id, "id", NULL);
  if (PG_ARGISNULL(1))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                    errmsg("up SQL of revision \"%s\" must not be null", id),
                    errhint("Use an empty string for a revision that runs nothing.")));
  char *up = text_to_cstring(PG_GETARG_TEXT_PP(1));
  char *down = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
  char **parents, **depends_on, **labels;
  int nparents = id_list_arg(fcinfo, 3, "parents", id, &parents);
  char *message = PG_ARGISNULL(4) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(4));
  int ndeps = id_list_arg(fcinfo, 5, "depends_on", id, &depends_on);
  int nlabels = id_list_arg(fcinfo, 6, "branch_labels", id, &labels);
  bool transactional = PG_ARGISNULL(7) ? true : PG_GETARG_BOOL(7);
  if (!transactional)
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("revision \"%s\": non-transactional revisions are not supported yet",
                           id),
                    errdetail("lg runs every revision inside the caller's transaction."),
                    errhint("Register it with transactional => true and without statements such "
                            "as CREATE INDEX CONCURRENTLY.")));
  char *verify = PG_NARGS() > 8 && !PG_ARGISNULL(8) ? text_to_cstring(PG_GETARG_TEXT_PP(8)) : NULL;
  lg_check_revision_sql(id, "up SQL", up);
  if (down != NULL) lg_check_revision_sql(id, "down SQL", down);
  if (verify != NULL) lg_check_revision_sql(id, "verify SQL", verify);

  SPI_connect();
  lg_run_lock_xact();
  /* Verify SQL is a read-only check: plain queries only (verify_rules.h). */
  if (verify != NULL) lg_check_verify_sql(id, verify);

  /* $10: the caller, registered_by (the statements run as the owner). */
  Oid types[NCOLUMNS + 2] = {TEXTOID,      TEXTOID,      TEXTOID, TEXTARRAYOID, TEXTOID,
                             TEXTARRAYOID, TEXTARRAYOID, BOOLOID, TEXTOID,      TEXTOID};
  Datum values[NCOLUMNS + 2] = {
      CStringGetTextDatum(id),
      CStringGetTextDatum(up),
      down ? CStringGetTextDatum(down) : (Datum) 0,
      lg_text_array(parents, nparents),
      message ? CStringGetTextDatum(message) : (Datum) 0,
      lg_text_array(depends_on, ndeps),
      lg_text_array(labels, nlabels),
      BoolGetDatum(transactional),
      verify ? CStringGetTextDatum(verify) : (Datum) 0,
      lg_caller_role()};
  char nulls[NCOLUMNS + 3] = "          ";
  nulls[2] = down ? ' ' : 'n';
  nulls[4] = message ? ' ' : 'n';
  nulls[8] = verify ? ' ' : 'n';

  /* A new revision (the usual case): one statement writes both rows (the
   * checksum trigger fills checksum); nothing is written if the id exists. */
  if (lg_spi_exec("WITH r AS (INSERT INTO lg.revision (id, parents, message, depends_on, "
                  "branch_labels, transactional, registered_by) "
                  "VALUES ($1, $4, $5, $6, $7, $8, $10) "
                  "ON CONFLICT (id) DO NOTHING RETURNING id) "
                  "INSERT INTO lg.script (revision, up_sql, down_sql, verify_sql, checksum) "
                  "SELECT r.id, $2, $3, $9, '' FROM r",
                  NCOLUMNS + 2, types, values, nulls, false) == 1) {
    SPI_finish();
    PG_RETURN_TEXT_P(cstring_to_text(id));
  }

  /* Registered already: compare with it, column by column, as text. */
  uint64 found = lg_spi_exec(
      "SELECT s.up_sql, s.down_sql, r.parents::pg_catalog.text, r.message, "
      "r.depends_on::pg_catalog.text, r.branch_labels::pg_catalog.text, "
      "r.transactional::pg_catalog.text, s.verify_sql, "
      "$2, $3, $4::pg_catalog.text, $5, $6::pg_catalog.text, $7::pg_catalog.text, "
      "$8::pg_catalog.text, $9 "
      "FROM lg.revision r LEFT JOIN lg.script s ON s.revision OPERATOR(pg_catalog.=) r.id "
      "WHERE r.id OPERATOR(pg_catalog.=) $1 FOR UPDATE OF r",
      NCOLUMNS + 1, types, values, nulls, false);
  if (found == 0) /* the conflicting row is gone again (deleted meanwhile) */
    ereport(ERROR, (errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
                    errmsg("revision \"%s\" changed while it was being registered", id),
                    errhint("Register it again.")));

  StringInfoData changed, drift;
  initStringInfo(&changed);
  initStringInfo(&drift);
  for (int c = 0; c < NCOLUMNS; c++) {
    char *old_value = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, c + 1);
    char *new_value = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, c + 1 + NCOLUMNS);
    bool same = (old_value == NULL) == (new_value == NULL) &&
                (old_value == NULL || strcmp(old_value, new_value) == 0);
    if (same) continue;
    appendStringInfo(&changed, "%s%s", changed.len ? ", " : "", column_names[c]);
    /* SQL that differs only in layout, comments or keyword case is the
     * same to the server: not drift. */
    bool same_meaning = is_sql_column[c] && old_value != NULL && new_value != NULL &&
                        strcmp(lg_sql_fingerprint(old_value), lg_sql_fingerprint(new_value)) == 0;
    if (!may_change_when_applied[c] && !same_meaning)
      appendStringInfo(&drift, "%s%s", drift.len ? ", " : "", column_names[c]);
  }
  if (changed.len == 0) {
    SPI_finish();
    PG_RETURN_TEXT_P(cstring_to_text(id)); /* identical: a no-op */
  }
  if (drift.len > 0 && lg_is_applied(id))
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("revision \"%s\" is applied and cannot be changed", id),
                    errdetail("The new registration differs in: %s.", drift.data),
                    errhint("Register the change as a new revision, or downgrade below \"%s\" "
                            "first; lg_repair() accepts new up, down or verify SQL for it "
                            "deliberately.",
                            id)));
  /* The script row is written even if it was missing (a revision inserted
   * into lg.revision by hand). */
  lg_spi_exec("WITH r AS (UPDATE lg.revision SET parents = $4, message = $5, depends_on = $6, "
              "branch_labels = $7, transactional = $8, registered_at = pg_catalog.now(), "
              "registered_by = $10 WHERE id OPERATOR(pg_catalog.=) $1 RETURNING id) "
              "INSERT INTO lg.script AS s (revision, up_sql, down_sql, verify_sql, checksum) "
              "SELECT r.id, $2, $3, $9, '' FROM r "
              "ON CONFLICT (revision) DO UPDATE SET up_sql = excluded.up_sql, "
              "down_sql = excluded.down_sql, verify_sql = excluded.verify_sql",
              NCOLUMNS + 2, types, values, nulls, false);
  SPI_finish();
  PG_RETURN_TEXT_P(cstring_to_text(id));
}
