/*
 * fn_repair.cpp: lg_repair(id, up, down, verify), the deliberate way to
 * change the SQL of an applied revision (Flyway's repair).  The new text
 * (or, where none is given, the text already in lg.script after a manual
 * edit) becomes what counts as applied: lg.log gets a 'repair' line with
 * the checksums of all three scripts, so lg_status() no longer reports the
 * revision as drifted.  Nothing is run.
 */
#include "pg/pg_headers.h"

#include "pg/column_types.h"
#include "pg/journal.h"
#include "pg/registry.h"
#include "pg/run_lock.h"
#include "pg/spi_util.h"
#include "pg/statements.h"
#include "pg/verify_rules.h"

/* The registered up SQL of id (locked); ereports when id is unknown, not
 * applied, or has no script and up gives none. */
static char *registered_up(const char *id, const char *up) {
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
  return current_up;
}

/* SQL accepted by a repair that cannot run inside one transaction makes
 * the revision non-transactional (lg.revision.transactional), so that a
 * later downgrade runs it the way it can run; a revision already
 * non-transactional stays so (it may have been registered so on purpose). */
static void keep_transactional_flag(const char *id, const char *up, const char *down) {
  if (lg_sql_is_transactional(up) && (down == NULL || lg_sql_is_transactional(down))) return;
  Oid types[1] = {TEXTOID};
  Datum values[1] = {CStringGetTextDatum(id)};
  lg_spi_exec(
      "UPDATE lg.revision SET transactional = false "
      "WHERE id OPERATOR(pg_catalog.=) $1 AND transactional",
      1, types, values, NULL, false);
}

LG_FUNCTION(lg_repair) {
  if (PG_ARGISNULL(0))
    ereport(ERROR,
            (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("revision id must not be null")));
  char *id = text_to_cstring(PG_GETARG_TEXT_PP(0));
  char *up = PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1));
  char *down = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
  /* verify: from 0.2 (the 0.1 signature has three arguments) */
  char *verify = PG_NARGS() > 3 && !PG_ARGISNULL(3) ? text_to_cstring(PG_GETARG_TEXT_PP(3)) : NULL;
  if (up != NULL) (void) lg_check_revision_sql(id, "up SQL", up, LG_SQL_ANY);
  if (down != NULL) (void) lg_check_revision_sql(id, "down SQL", down, LG_SQL_ANY);
  if (verify != NULL) {
    (void) lg_check_revision_sql(id, "verify SQL", verify, LG_SQL_VERIFY);
    lg_check_verify_sql(id, verify);
  }

  MemoryContext caller = CurrentMemoryContext;
  SPI_connect();
  lg_run_refuse_nested("lg_repair()");
  lg_run_lock_xact();
  char *current_up = registered_up(id, up);

  /* Writing the row makes the checksum trigger recompute all three
   * checksums; a script not given keeps its text. */
  Oid utypes[4] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID};
  Datum uvalues[4] = {CStringGetTextDatum(id), CStringGetTextDatum(up ? up : current_up),
                      down ? CStringGetTextDatum(down) : (Datum) 0,
                      verify ? CStringGetTextDatum(verify) : (Datum) 0};
  char unulls[5] = "    ";
  unulls[2] = down ? ' ' : 'n';
  unulls[3] = verify ? ' ' : 'n';
  lg_spi_exec(
      "INSERT INTO lg.script AS s (revision, up_sql, down_sql, verify_sql, checksum) "
      "VALUES ($1, $2, $3, $4, '') "
      "ON CONFLICT (revision) DO UPDATE SET up_sql = excluded.up_sql, "
      "down_sql = COALESCE(excluded.down_sql, s.down_sql), "
      "verify_sql = COALESCE(excluded.verify_sql, s.verify_sql) "
      "RETURNING checksum, down_checksum, verify_checksum, down_sql",
      4, utypes, uvalues, unulls, false);
  static const LgColumn checksum_cols[4] = {{"lg.script.checksum", TEXTOID},
                                            {"lg.script.down_checksum", TEXTOID},
                                            {"lg.script.verify_checksum", TEXTOID},
                                            {"lg.script.down_sql", TEXTOID}};
  lg_expect_columns(checksum_cols, 4);
  char *checksum = lg_spi_text(0, 1);
  char *down_checksum = lg_spi_text(0, 2);
  char *verify_checksum = lg_spi_text(0, 3);
  char *down_sql = lg_spi_text(0, 4);
  keep_transactional_flag(id, up ? up : current_up, down_sql);
  /* the journal line of a repair, with the checksums it accepted */
  LgJournalLine line;
  lg_journal_line_init(&line, "repair");
  line.checksum = checksum;
  line.down_checksum = down_checksum;
  line.verify_checksum = verify_checksum;
  lg_journal_append_one(&line, id);
  return lg_spi_finish_text(caller, checksum, -1);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
