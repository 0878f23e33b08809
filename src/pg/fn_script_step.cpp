/*
 * fn_script_step.cpp: lg_script_step(revision, direction, removed, added),
 * the bookkeeping line of a reviewed script (lg_sql()).  Nobody writes
 * lg.version or lg.log by hand (no role has a grant on them); a script
 * run with psql calls this after each revision's statements instead, and
 * it records the version-row change and the journal line through the same
 * statement as a run (lg_record_step), naming the caller.
 *
 * A migration role could call it without running the statements before
 * it, so it records only what a run could have recorded: the run lock is
 * taken, the revision must be registered with a script, and the row change
 * must move the applied set by exactly that revision in that direction.
 * The checksum and the statement count come from lg.script, never from
 * the caller; duration_ms stays NULL (lg did not time the statements).
 * What it cannot know is whether the script ran the statements: the same
 * trust as lg_stamp(), which a migration role may call too, and the line
 * names who called.
 */
#include "pg/pg_headers.h"

#include "pg/column_types.h"
#include "pg/errors.h"
#include "pg/progress.h"
#include "pg/registry.h"
#include "pg/runner.h"
#include "pg/schema_state.h"
#include "pg/run_lock.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"
#include "pg/statements.h"
#include "pg/text_array.h"

static int find(char **items, int n, const char *item) {
  for (int i = 0; i < n; i++)
    if (strcmp(items[i], item) == 0) return i;
  return -1;
}

static int row_list(FunctionCallInfo fcinfo, int argno, const char *what, char ***items) {
  if (PG_ARGISNULL(argno))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("%s must not be null", what),
                    errhint("Pass '{}' for no rows.")));
  int n = lg_text_array_items(PG_GETARG_DATUM(argno), items);
  for (int i = 0; i < n; i++) {
    CHECK_FOR_INTERRUPTS();
    if ((*items)[i] == NULL)
      ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                      errmsg("%s must not contain a null", what)));
    (*items)[i] = lg_inert_text((*items)[i], false); /* as revision, below */
    if (find(*items, i, (*items)[i]) >= 0)
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                      errmsg("%s lists \"%s\" twice", what, (*items)[i])));
  }
  return n;
}

static void refuse(const char *revision, const char *direction, const char *detail) {
  ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                  errmsg("lg_script_step: \"%s\" (%s) is not the next step of this database",
                         revision, direction),
                  errdetail("%s", detail),
                  errhint("Generate the script again with lg_sql() from the current version rows "
                          "(lg_status()), or run the migration with lg_migrate().")));
}

/* The version rows after the step, into *after; returns how many.  Every
 * removed row is a row now, no added one, and every added row a revision. */
static int rows_after(const LgRegistry *reg, const char *revision, const char *direction,
                      char **removed, int nrem, char **added, int nadd, char ***after_out) {
  int nafter = 0;
  char **after = (char **) palloc(sizeof(char *) * (reg->nrows + nadd + 1));
  for (int i = 0; i < nrem; i++) {
    CHECK_FOR_INTERRUPTS();
    if (find(reg->rows, reg->nrows, removed[i]) < 0)
      refuse(revision, direction,
             psprintf("\"%s\" is not a version row, so the step cannot remove it.", removed[i]));
  }
  for (int i = 0; i < nadd; i++) {
    CHECK_FOR_INTERRUPTS();
    if (find(reg->rows, reg->nrows, added[i]) >= 0 && find(removed, nrem, added[i]) < 0)
      refuse(revision, direction,
             psprintf("\"%s\" is a version row already, so the step cannot add it.", added[i]));
  }
  for (int i = 0; i < reg->nrows; i++) {
    CHECK_FOR_INTERRUPTS();
    if (find(removed, nrem, reg->rows[i]) < 0) after[nafter++] = reg->rows[i];
  }
  for (int i = 0; i < nadd; i++) {
    CHECK_FOR_INTERRUPTS();
    if (lg_graph_find(reg->graph, added[i]) < 0)
      refuse(revision, direction, psprintf("\"%s\" is not a registered revision.", added[i]));
    if (find(after, nafter, added[i]) < 0) after[nafter++] = added[i];
  }
  *after_out = after;
  return nafter;
}

/* The applied set moves by exactly this revision (graph index index). */
static void refuse_other_moves(const LgRegistry *reg, int index, bool up, const char *revision,
                               const char *direction, char **after, int nafter) {
  unsigned char *before_set;
  lg_registry_applied(reg, &before_set);
  unsigned char *after_set = (unsigned char *) palloc0(reg->nrevs > 0 ? reg->nrevs : 1);
  LgCoreError err;
  if (lg_graph_applied(reg->graph, after, nafter, after_set, &err) < 0) lg_raise_core_error(&err);
  if (up ? before_set[index] : !before_set[index])
    refuse(revision, direction,
           up ? "The revision is applied already." : "The revision is not applied.");
  if (up ? !after_set[index] : after_set[index])
    refuse(revision, direction,
           up ? "The row change does not apply the revision."
              : "The row change does not revert the revision.");
  for (int i = 0; i < reg->nrevs; i++) {
    CHECK_FOR_INTERRUPTS();
    if (i != index && before_set[i] != after_set[i])
      refuse(revision, direction,
             psprintf("The row change would also %s revision \"%s\".",
                      after_set[i] ? "apply" : "revert", reg->ids[i]));
  }
}

/* The rows stay the tips of the applied set (docs/SEMANTICS.md, "How rows
 * change per step"), the one row set a run leaves: no row is implied by
 * the others.  Together with the check above, the change is the one the
 * planner makes (redundant rows found before the step go with it). */
static void refuse_non_tips(const LgRegistry *reg, const char *revision, const char *direction,
                            char **after, int nafter) {
  LgCoreError err;
  if (nafter > 1) {
    char **others = (char **) palloc(sizeof(char *) * nafter);
    unsigned char *implied = (unsigned char *) palloc0(reg->nrevs > 0 ? reg->nrevs : 1);
    for (int i = 0; i < nafter; i++) {
      CHECK_FOR_INTERRUPTS();
      int n = 0;
      for (int j = 0; j < nafter; j++)
        if (j != i) others[n++] = after[j];
      memset(implied, 0, reg->nrevs > 0 ? reg->nrevs : 1);
      if (lg_graph_applied(reg->graph, others, n, implied, &err) < 0) lg_raise_core_error(&err);
      if (implied[lg_graph_find(reg->graph, after[i])])
        refuse(revision, direction,
               psprintf("Version row \"%s\" would be implied by the other rows: the rows after "
                        "a step are the tips of the applied revisions.",
                        after[i]));
    }
  }
}

/* lg_script_step(revision text, direction text, removed text[], added text[]) RETURNS void */
/* The revision and direction are taken in their inert form: an id or a
 * direction holds no control character or backslash, so it is unchanged,
 * and anything else is refused without printing what the caller sent.
 * Long because it checks, records and notes the units in order, in one
 * SPI connection. */
LG_FUNCTION(lg_script_step) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                    errmsg("revision and direction must not be null")));
  char *revision = lg_inert_text(text_to_cstring(PG_GETARG_TEXT_PP(0)), false);
  char *direction = lg_inert_text(text_to_cstring(PG_GETARG_TEXT_PP(1)), false);
  bool up = strcmp(direction, "up") == 0;
  if (!up && strcmp(direction, "down") != 0)
    ereport(ERROR,
            (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
             errmsg("invalid direction \"%s\"", direction), errhint("Use \"up\" or \"down\".")));
  char **removed, **added;
  int nrem = row_list(fcinfo, 2, "removed", &removed);
  int nadd = row_list(fcinfo, 3, "added", &added);

  /* A row change: refused while a run is in progress in this backend. */
  lg_run_refuse_nested("lg_script_step()");
  SPI_connect();
  lg_run_lock_xact();
  lg_progress_refuse_any(); /* CALL lg_apply() left a revision unfinished */
  LgRegistry *reg = lg_registry_load(false);
  int index = lg_graph_find(reg->graph, revision);
  if (index < 0)
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("unknown revision \"%s\"", revision),
                    errhint("SELECT * FROM lg_history() lists the registered revisions.")));

  char **after;
  int nafter = rows_after(reg, revision, direction, removed, nrem, added, nadd, &after);
  refuse_other_moves(reg, index, up, revision, direction, after, nafter);
  refuse_non_tips(reg, revision, direction, after, nafter);

  /* Checksum and statement count from the registered script. */
  Oid types[1] = {TEXTOID};
  Datum values[1] = {CStringGetTextDatum(revision)};
  if (lg_spi_exec("SELECT s.up_sql, s.down_sql, s.checksum, s.down_checksum, s.verify_checksum "
                  "FROM lg.script s WHERE s.revision OPERATOR(pg_catalog.=) $1",
                  1, types, values, NULL, false) != 1)
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("revision \"%s\" has no script in lg.script", revision),
                    errhint("Register it again with lg_revision(), which writes its SQL.")));
  static const LgColumn script_cols[5] = {{"lg.script.up_sql", TEXTOID},
                                          {"lg.script.down_sql", TEXTOID},
                                          {"lg.script.checksum", TEXTOID},
                                          {"lg.script.down_checksum", TEXTOID},
                                          {"lg.script.verify_checksum", TEXTOID}};
  lg_expect_columns(script_cols, 5);
  char *sql = lg_spi_text(0, up ? 1 : 2);
  char *checksum = lg_spi_text(0, 3);
  char *down_checksum = lg_spi_text(0, 4);
  char *verify_checksum = lg_spi_text(0, 5);
  if (sql == NULL)
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("revision \"%s\" cannot be downgraded: it has no down SQL", revision)));
  LgStatement *stmts;
  int statements = lg_split_statements(sql, &stmts, true);

  lg_record_step(removed, nrem, added, nadd, revision, direction, false, 0, statements, checksum,
                 down_checksum, verify_checksum);
  lg_schema_record_statements(stmts, statements, revision, direction);
  SPI_finish();
  PG_RETURN_VOID();
}

/* lg_script_begin(version_rows text[]) RETURNS void: the first line of an
 * lg_sql() script with non-transactional revisions.  Such a script commits
 * as it goes, so it must not run inside a transaction block (psql -1): that
 * is refused before anything runs.  Takes the run lock for the session
 * (held across the script's commits, until lg_script_end() or the end of
 * the session: psql's ON_ERROR_STOP disconnects) and refuses unless the
 * version rows are those the script was written for, so that no statement
 * of a stale script runs. */
LG_FUNCTION(lg_script_begin) {
  if (IsTransactionBlock())
    ereport(ERROR,
            (errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
             errmsg("this lg_sql() script cannot run inside a transaction block"),
             errdetail("It has non-transactional revisions: statements that cannot run in a "
                       "transaction block, and commits of its own."),
             errhint("Run it without -1 (psql -X -v ON_ERROR_STOP=1 -f <file>): each revision "
                     "runs in a transaction of its own.")));
  char **expected;
  int nexpected = row_list(fcinfo, 0, "version_rows", &expected);
  lg_run_refuse_nested("lg_script_begin()");
  SPI_connect();
  /* A session lock outlives an error: released on every failing path. */
  PG_TRY();
  {
    lg_run_lock_session_checked();
    lg_progress_refuse_any();
    char **rows;
    int nrows = lg_registry_rows(&rows, false);
    bool same = nrows == nexpected;
    for (int i = 0; same && i < nrows; i++) same = find(expected, nexpected, rows[i]) >= 0;
    if (!same)
      ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                      errmsg("lg_script_begin: the version rows are not those the script was "
                             "written for"),
                      errdetail("Another run, stamp or script changed lg.version since lg_sql() "
                                "wrote this script; nothing was run."),
                      errhint("Generate the script again with lg_sql() from the current "
                              "version rows (lg_status()).")));
  }
  PG_CATCH();
  {
    lg_run_lock_session_release();
    PG_RE_THROW();
  }
  PG_END_TRY();
  SPI_finish();
  PG_RETURN_VOID();
}

/* lg_script_end() RETURNS void: the last line of such a script; releases
 * the session's run lock taken by lg_script_begin(). */
LG_FUNCTION(lg_script_end) {
  lg_run_refuse_nested("lg_script_end()");
  lg_run_lock_session_release();
  PG_RETURN_VOID();
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
