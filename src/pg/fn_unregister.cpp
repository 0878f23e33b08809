/*
 * fn_unregister.cpp: lg_unregister(id), removing a registered revision that
 * is not applied and that nothing registered depends on, journaled as an
 * 'unregister' line (with the checksums of the SQL that goes).
 *
 * Works from lg.revision directly, not from the graph: a wrongly
 * registered revision (an unknown parent, a cycle) makes the graph
 * invalid, and unregistering it is how to repair that.  A revision that
 * no other revision names (as a parent, in depends_on, or through one of
 * its branch labels) is applied only if it is a version row itself.
 */
#include "pg/pg_headers.h"

#include "pg/journal.h"
#include "pg/run_lock.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"
#include "pg/c_style.h"  // last, unguarded: no C++ standard header above

/* lg_unregister(id text) RETURNS text */
LG_FUNCTION(lg_unregister) {
  if (PG_ARGISNULL(0))
    ereport(ERROR,
            (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("revision id must not be null")));
  /* an id's inert form is itself; an unknown one is printed inert */
  char *id = lg_inert_text(text_to_cstring(PG_GETARG_TEXT_PP(0)), false);
  /* A run in progress may be about to apply it. */
  lg_run_refuse_nested("lg_unregister()");
  SPI_connect();
  lg_run_lock_xact();

  Oid types[1] = {TEXTOID};
  Datum values[1] = {CStringGetTextDatum(id)};
  if (lg_spi_exec("SELECT 1 FROM lg.revision WHERE id OPERATOR(pg_catalog.=) $1 FOR UPDATE", 1,
                  types, values, NULL, false) == 0)
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("unknown revision \"%s\"", id),
                    errhint("SELECT * FROM lg_history() lists the registered revisions.")));

  if (lg_spi_exec("SELECT 1 FROM lg.version WHERE revision OPERATOR(pg_catalog.=) $1", 1, types,
                  values, NULL, false) > 0)
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("cannot unregister revision \"%s\": it is applied", id),
                    errhint("Downgrade below it first (lg_downgrade), then unregister it.")));

  /* Registered revisions naming it or one of its labels. */
  uint64 n = lg_spi_exec(
      "SELECT o.id FROM lg.revision r, lg.revision o "
      "WHERE r.id OPERATOR(pg_catalog.=) $1 AND o.id OPERATOR(pg_catalog.<>) r.id "
      "AND (o.parents OPERATOR(pg_catalog.&&) (ARRAY[r.id] OPERATOR(pg_catalog.||) r.branch_labels) "
      "  OR o.depends_on OPERATOR(pg_catalog.&&) (ARRAY[r.id] OPERATOR(pg_catalog.||) r.branch_labels)) "
      "ORDER BY o.ord LIMIT 11",
      1, types, values, NULL, false);
  if (n > 0) {
    StringInfoData names;
    initStringInfo(&names);
    for (uint64 i = 0; i < n && i < 10; i++)
      appendStringInfo(&names, "%s\"%s\"", i ? ", " : "", lg_spi_text(i, 1));
    if (n > 10) appendStringInfoString(&names, ", ...");
    ereport(ERROR, (errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
                    errmsg("cannot unregister revision \"%s\": other revisions depend on it", id),
                    errdetail("Registered revisions naming it or its branch labels as a parent "
                              "or in depends_on: %s.",
                              names.data),
                    errhint("Unregister those first, newest first.")));
  }
  LgJournalLine line;
  lg_journal_line_init(&line, "unregister");
  line.script_checksums = true;
  lg_journal_append_one(&line, id);
  /* The script goes with it (lg.revision_script_follows). */
  lg_spi_exec("DELETE FROM lg.revision WHERE id OPERATOR(pg_catalog.=) $1", 1, types, values, NULL,
              false);
  SPI_finish();
  ereport(NOTICE, (errmsg("lg: unregistered revision \"%s\"", id)));
  PG_RETURN_TEXT_P(cstring_to_text(id));
}
