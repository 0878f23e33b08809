/*
 * fn_revision.cpp: lg_revision(), registration of one revision.
 * Registration checks what it can alone (id syntax, SQL syntax through the
 * parser, statements that can never run) and finds whether the revision
 * can run inside one transaction (lg.revision.transactional); the graph as
 * a whole (parents may arrive later) is validated when it is planned.
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
#include "pg/text_array.h"

#define NCOLUMNS 8

/* What is compared on re-registration (lg.revision and lg.script), in query order. */
static const char *const column_names[NCOLUMNS] = {
    "up", "down", "parents", "message", "depends_on", "branch_labels", "transactional", "verify"};
/* Columns that an applied revision may still change: its message and
 * transactional, which alter neither the schema it built nor the graph
 * (transactional says how a later run goes: an applied revision registered
 * before lg knew a statement class gets the flag its SQL has now).  Its up,
 * down and verify SQL are part of what was applied (a change is drift,
 * accepted only through lg_repair), its parents, dependencies and labels
 * part of the graph the version rows stand on. */
static const bool may_change_when_applied[NCOLUMNS] = {false, false, false, true,
                                                       false, false, true,  false};
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
      ereport(ERROR,
              (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
               errmsg("%s of revision \"%s\" lists \"%s\" twice", what, revision, sorted[i])));
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

/* The arguments of lg_revision(), checked: ids, lists, SQL (split and
 * classified statement by statement). */
typedef struct RevisionArgs {
  char *id, *up, *down, *message, *verify;
  char **parents, **depends_on, **labels;
  int nparents, ndeps, nlabels;
  bool transactional;
} RevisionArgs;

static void read_revision_args(FunctionCallInfo fcinfo, RevisionArgs *a) {
  if (PG_ARGISNULL(0))
    ereport(ERROR,
            (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("revision id must not be null")));
  a->id = text_to_cstring(PG_GETARG_TEXT_PP(0));
  check_id(a->id, "id", NULL);
  if (PG_ARGISNULL(1))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                    errmsg("up SQL of revision \"%s\" must not be null", a->id),
                    errhint("Use an empty string for a revision that runs nothing.")));
  a->up = text_to_cstring(PG_GETARG_TEXT_PP(1));
  a->down = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
  a->nparents = id_list_arg(fcinfo, 3, "parents", a->id, &a->parents);
  a->message = PG_ARGISNULL(4) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(4));
  a->ndeps = id_list_arg(fcinfo, 5, "depends_on", a->id, &a->depends_on);
  a->nlabels = id_list_arg(fcinfo, 6, "branch_labels", a->id, &a->labels);
  /* transactional: NULL (the default from 0.3) detects it from the SQL,
   * false forces a non-transactional revision, true asks for one
   * transaction and refuses SQL that cannot run in one. */
  bool forced = !PG_ARGISNULL(7);
  bool asked = forced ? PG_GETARG_BOOL(7) : true;
  a->verify = PG_NARGS() > 8 && !PG_ARGISNULL(8) ? text_to_cstring(PG_GETARG_TEXT_PP(8)) : NULL;
  LgSqlAllowed allowed = forced && asked ? LG_SQL_ONE_TRANSACTION : LG_SQL_ANY;
  int up_needs = lg_check_revision_sql(a->id, "up SQL", a->up, allowed);
  int down_needs = a->down != NULL ? lg_check_revision_sql(a->id, "down SQL", a->down, allowed) : 0;
  if (a->verify != NULL)
    (void) lg_check_revision_sql(a->id, "verify SQL", a->verify, LG_SQL_VERIFY);
  a->transactional = asked && up_needs == 0 && down_needs == 0;
}

/*
 * The registered row of id next to the new values (SPI_tuptable, found
 * rows): whether anything differs; ereports when what differs may not
 * change while id is applied (SQL that differs only in layout, comments or
 * keyword case is the same to the server: not drift).
 */
static bool registration_changes(const char *id, uint64 found) {
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
    bool same_meaning = is_sql_column[c] && old_value != NULL && new_value != NULL &&
                        strcmp(lg_sql_fingerprint(old_value), lg_sql_fingerprint(new_value)) == 0;
    if (!may_change_when_applied[c] && !same_meaning)
      appendStringInfo(&drift, "%s%s", drift.len ? ", " : "", column_names[c]);
  }
  if (changed.len == 0) return false;
  if (drift.len > 0 && lg_is_applied(id))
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("revision \"%s\" is applied and cannot be changed", id),
                    errdetail("The new registration differs in: %s.", drift.data),
                    errhint("Register the change as a new revision, or downgrade below \"%s\" "
                            "first; lg_repair() accepts new up, down or verify SQL for it "
                            "deliberately.",
                            id)));
  return true;
}

/* The parameters $1..$10 of lg_revision()'s statements: the columns in
 * column_names' order, then the caller as registered_by (the statements
 * run as the owner). */
static void revision_params(const RevisionArgs *a, Oid *types, Datum *values, char *nulls) {
  static const Oid column_types[NCOLUMNS + 2] = {TEXTOID, TEXTOID,      TEXTOID,      TEXTARRAYOID,
                                                 TEXTOID, TEXTARRAYOID, TEXTARRAYOID, BOOLOID,
                                                 TEXTOID, TEXTOID};
  memcpy(types, column_types, sizeof column_types);
  values[0] = CStringGetTextDatum(a->id);
  values[1] = CStringGetTextDatum(a->up);
  values[2] = a->down ? CStringGetTextDatum(a->down) : (Datum) 0;
  values[3] = lg_text_array(a->parents, a->nparents);
  values[4] = a->message ? CStringGetTextDatum(a->message) : (Datum) 0;
  values[5] = lg_text_array(a->depends_on, a->ndeps);
  values[6] = lg_text_array(a->labels, a->nlabels);
  values[7] = BoolGetDatum(a->transactional);
  values[8] = a->verify ? CStringGetTextDatum(a->verify) : (Datum) 0;
  values[9] = lg_caller_role();
  memset(nulls, ' ', NCOLUMNS + 2);
  nulls[NCOLUMNS + 2] = '\0';
  nulls[2] = a->down ? ' ' : 'n';
  nulls[4] = a->message ? ' ' : 'n';
  nulls[8] = a->verify ? ' ' : 'n';
}

LG_FUNCTION(lg_revision) {
  RevisionArgs a;
  read_revision_args(fcinfo, &a);
  const char *id = a.id;

  SPI_connect();
  lg_run_lock_xact();
  /* Verify SQL is a read-only check: plain queries only (verify_rules.h). */
  if (a.verify != NULL) lg_check_verify_sql(id, a.verify);

  Oid types[NCOLUMNS + 2];
  Datum values[NCOLUMNS + 2];
  char nulls[NCOLUMNS + 3];
  revision_params(&a, types, values, nulls);

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
  if (!registration_changes(id, found)) {
    SPI_finish();
    PG_RETURN_TEXT_P(cstring_to_text(id)); /* identical: a no-op */
  }
  /* The script row is written even if it was missing (a revision inserted
   * into lg.revision by hand). */
  lg_spi_exec(
      "WITH r AS (UPDATE lg.revision SET parents = $4, message = $5, depends_on = $6, "
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

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
