/*
 * fn_repair.cpp: lg_repair(id, up, down), the deliberate way to change the
 * SQL of an applied revision (Flyway's repair).  The new text (or, without
 * one, the text already in lg.revision after a manual edit) becomes what
 * counts as applied: lg.log gets a 'repair' line with its checksum, so
 * lg_status() no longer reports the revision as drifted.  Nothing is run.
 */
#include "pg/pg_headers.h"

#include "pg/column_types.h"
#include "pg/registry.h"
#include "pg/spi_util.h"
#include "pg/statements.h"

LG_FUNCTION(lg_repair) {
  if (PG_ARGISNULL(0))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                    errmsg("revision id must not be null")));
  char *id = text_to_cstring(PG_GETARG_TEXT_PP(0));
  char *up = PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1));
  char *down = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
  if (up != NULL) lg_check_revision_sql(id, "up SQL", up);
  if (down != NULL) lg_check_revision_sql(id, "down SQL", down);

  MemoryContext caller = CurrentMemoryContext;
  SPI_connect();
  lg_lock_runs();
  Oid types[1] = {TEXTOID};
  Datum values[1] = {CStringGetTextDatum(id)};
  if (lg_spi_exec("SELECT s.up_sql FROM lg.revision r "
                  "LEFT JOIN lg.script s ON s.revision OPERATOR(pg_catalog.=) r.id "
                  "WHERE r.id OPERATOR(pg_catalog.=) $1 FOR UPDATE OF r",
                  1, types, values, NULL, false) != 1)
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("unknown revision \"%s\"", id),
                    errhint("SELECT * FROM lg_history() lists the registered revisions.")));
  static const LgColumn up_col[1] = {{"lg.script.up_sql", TEXTOID}};
  lg_expect_columns(up_col, 1);
  char *current_up = lg_spi_text(0, 1);
  if (current_up == NULL && up == NULL)
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("revision \"%s\" has no script in lg.script", id),
                    errhint("Pass the SQL it ran: lg_repair('%s', up => '...').", id)));
  if (!lg_is_applied(id))
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("revision \"%s\" is not applied", id),
                    errhint("Change an unapplied revision with lg_revision().")));

  /* Writing up_sql makes the checksum trigger recompute the checksum. */
  Oid utypes[3] = {TEXTOID, TEXTOID, TEXTOID};
  Datum uvalues[3] = {CStringGetTextDatum(id), CStringGetTextDatum(up ? up : current_up),
                      down ? CStringGetTextDatum(down) : (Datum) 0};
  char unulls[4] = "   ";
  unulls[2] = down ? ' ' : 'n';
  lg_spi_exec("INSERT INTO lg.script AS s (revision, up_sql, down_sql, checksum) "
              "VALUES ($1, $2, $3, '') "
              "ON CONFLICT (revision) DO UPDATE SET up_sql = excluded.up_sql, "
              "down_sql = COALESCE(excluded.down_sql, s.down_sql) RETURNING checksum",
              3, utypes, uvalues, unulls, false);
  static const LgColumn checksum_col[1] = {{"lg.script.checksum", TEXTOID}};
  lg_expect_columns(checksum_col, 1);
  char *checksum = lg_spi_text(0, 1);
  Oid ltypes[2] = {TEXTOID, TEXTOID};
  Datum lvalues[2] = {CStringGetTextDatum(id), CStringGetTextDatum(checksum)};
  lg_spi_exec("INSERT INTO lg.log (revision, direction, statements, checksum) "
              "VALUES ($1, 'repair', 0, $2)",
              2, ltypes, lvalues, NULL, false);
  MemoryContextSwitchTo(caller);
  text *result = cstring_to_text(checksum);
  SPI_finish();
  PG_RETURN_TEXT_P(result);
}
