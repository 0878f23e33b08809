/*
 * progress.cpp: lg.progress and the journal lines of failed and cleaned-up
 * steps (progress.h).  Every statement is lg's own: schema-qualified, its
 * values parameters, run as the extension owner (spi_util.h).
 */
#include "pg/progress.h"

#include "pg/owner.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"

bool lg_progress_read(LgProgress *out) {
  /* lg's read functions still read the tables of 0.1 and 0.2, which have
   * no lg.progress (owner.h: runs require the update). */
  Oid nsp = get_namespace_oid("lg", true);
  if (!OidIsValid(nsp) || !OidIsValid(get_relname_relid("progress", nsp))) return false;
  uint64 n = lg_spi_exec(
      "SELECT revision, direction, done_checksum, done, state, statement, error, sqlstate "
      "FROM lg.progress ORDER BY started_at LIMIT 1",
      0, NULL, NULL, NULL, true);
  if (n == 0) return false;
  out->revision = lg_spi_text(0, 1);
  out->direction = lg_spi_text(0, 2);
  out->done_checksum = lg_spi_text(0, 3);
  bool isnull;
  out->done =
      DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 4, &isnull));
  out->state = lg_spi_text(0, 5);
  Datum st = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 6, &isnull);
  out->statement = isnull ? 0 : DatumGetInt32(st);
  out->error = lg_spi_text(0, 7);
  out->sqlstate = lg_spi_text(0, 8);
  SPI_freetuptable(SPI_tuptable);
  return true;
}

void lg_progress_begin(const char *revision, const char *direction) {
  Oid types[4] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID};
  Datum values[4] = {CStringGetTextDatum(revision), CStringGetTextDatum(direction),
                     lg_caller_role(), lg_caller_session_role()};
  lg_spi_exec(
      "INSERT INTO lg.progress AS p (revision, direction, state, by_role, session_role) "
      "VALUES ($1, $2, 'running', $3, $4) "
      "ON CONFLICT (revision) DO UPDATE SET state = 'running', statement = NULL, "
      "sqlstate = NULL, error = NULL, by_role = $3, session_role = $4, "
      "updated_at = pg_catalog.clock_timestamp(), "
      "done = CASE WHEN p.direction OPERATOR(pg_catalog.=) $2 THEN p.done ELSE 0 END, "
      "done_checksum = CASE WHEN p.direction OPERATOR(pg_catalog.=) $2 "
      "THEN p.done_checksum END, direction = $2",
      4, types, values, NULL, false);
}

/*
 * The one UPDATE of the row: its state and statement, and either how many
 * statements are committed (running) or the error (failed).
 */
static void progress_set(const char *revision, const char *state, int done,
                         const char *done_checksum, int statement, const char *sqlstate,
                         const char *error) {
  Oid types[7] = {TEXTOID, TEXTOID, INT4OID, TEXTOID, INT4OID, TEXTOID, TEXTOID};
  Datum values[7] = {CStringGetTextDatum(revision),
                     CStringGetTextDatum(state),
                     Int32GetDatum(done),
                     done_checksum ? CStringGetTextDatum(done_checksum) : (Datum) 0,
                     Int32GetDatum(statement),
                     sqlstate ? CStringGetTextDatum(sqlstate) : (Datum) 0,
                     error ? CStringGetTextDatum(error) : (Datum) 0};
  char nulls[8] = "       ";
  if (done_checksum == NULL) nulls[3] = 'n';
  if (statement <= 0) nulls[4] = 'n';
  if (sqlstate == NULL) nulls[5] = 'n';
  if (error == NULL) nulls[6] = 'n';
  lg_spi_exec_generic(
      "UPDATE lg.progress SET state = $2, statement = $5, sqlstate = $6, error = $7, "
      "done = CASE WHEN $2 OPERATOR(pg_catalog.=) 'running' THEN $3 ELSE done END, "
      "done_checksum = CASE WHEN $2 OPERATOR(pg_catalog.=) 'running' THEN $4 "
      "ELSE done_checksum END, updated_at = pg_catalog.clock_timestamp() "
      "WHERE revision OPERATOR(pg_catalog.=) $1",
      7, types, values, nulls, false);
}

void lg_progress_advance(const char *revision, int done, const char *done_checksum, int statement) {
  progress_set(revision, "running", done, done_checksum, statement, NULL, NULL);
}

void lg_progress_fail(const char *revision, int statement, const char *sqlstate,
                      const char *message) {
  progress_set(revision, "failed", 0, NULL, statement, sqlstate, message);
}

void lg_progress_refuse(const LgProgress *partial) {
  bool up = strcmp(partial->direction, "up") == 0;
  ereport(ERROR,
          (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
           errmsg("revision \"%s\" is unfinished: its %s run stopped at statement %d",
                  lg_inert_text(partial->revision, false), partial->direction, partial->statement),
           errdetail("Nothing was run.  %d of its statements are committed%s%s.", partial->done,
                     partial->error ? "; its last attempt failed: " : "",
                     partial->error ? lg_inert_text(partial->error, false) : ""),
           up ? errhint("CALL lg_apply() to a target that includes it resumes it; CALL "
                        "lg_apply(target, 'down') reverts it.")
              : errhint("CALL lg_apply(target, 'down') to a target below it finishes "
                        "reverting it.")));
}

void lg_progress_refuse_any(void) {
  LgProgress partial;
  if (lg_progress_read(&partial)) lg_progress_refuse(&partial);
}

void lg_progress_clear(const char *revision) {
  Oid types[1] = {TEXTOID};
  Datum values[1] = {CStringGetTextDatum(revision)};
  lg_spi_exec("DELETE FROM lg.progress WHERE revision OPERATOR(pg_catalog.=) $1", 1, types, values,
              NULL, false);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
