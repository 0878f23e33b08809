/*
 * fn_configure.cpp: lg_configure(key, value) and lg_configure(key), lg's
 * registry-wide settings in lg.settings.  One setting so far: step_order,
 * 'alembic' (the default: Alembic's depth-first walk) or 'registration'
 * (Kahn's order, registration order as the tie-break; docs/SEMANTICS.md).
 * lg.settings' triggers move the registry generation, so every backend
 * plans with the new value from its next call on.
 */
#include "pg/pg_headers.h"

#include "pg/journal.h"
#include "pg/run_lock.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"
#include "pg/c_style.h"  // last, unguarded: no C++ standard header above

#define STEP_ORDER_HINT "Use 'alembic' (the default) or 'registration'."

static void check_key(const char *key) {
  if (strcmp(key, "step_order") != 0)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("unknown lg setting \"%s\"", key), errhint("Settings: step_order.")));
}

/*
 * Writes key = value (run lock held) and, when that changed the value,
 * journals a 'configure' line: the key as its revision, what changed in
 * its detail.  Only a changed value is written: the generation moves only
 * then.
 */
static void configure_write(const char *key, const char *value) {
  lg_run_lock_xact();
  Oid types[2] = {TEXTOID, TEXTOID};
  Datum values[2] = {CStringGetTextDatum(key), CStringGetTextDatum(value)};
  const char *before = NULL; /* no row: the default */
  if (lg_spi_exec("SELECT value FROM lg.settings WHERE key OPERATOR(pg_catalog.=) $1", 1, types,
                  values, NULL, false) == 1)
    before = lg_spi_text(0, 1);
  if (lg_spi_exec("INSERT INTO lg.settings AS s (key, value) VALUES ($1, $2) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value "
                  "WHERE s.value OPERATOR(pg_catalog.<>) excluded.value",
                  2, types, values, NULL, false) == 0)
    return;
  LgJournalLine line;
  lg_journal_line_init(&line, "configure");
  line.detail = before ? psprintf("%s = %s (was %s)", key, value, before)
                       : psprintf("%s = %s (was unset: the default, alembic)", key, value);
  lg_journal_append_one(&line, key);
}

/* lg_configure(key text) RETURNS text; lg_configure(key text, value text) RETURNS text */
LG_FUNCTION(lg_configure) {
  if (PG_ARGISNULL(0))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("key must not be null"),
                    errhint("Settings: step_order.")));
  /* keys and values are a fixed vocabulary: an unknown one is printed inert */
  char *key = lg_inert_text(text_to_cstring(PG_GETARG_TEXT_PP(0)), false);
  check_key(key);
  bool write = PG_NARGS() > 1;
  char *value = NULL;
  if (write) {
    if (PG_ARGISNULL(1))
      ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                      errmsg("value of lg setting \"%s\" must not be null", key),
                      errhint(STEP_ORDER_HINT)));
    value = lg_inert_text(text_to_cstring(PG_GETARG_TEXT_PP(1)), false);
    if (strcmp(value, "alembic") != 0 && strcmp(value, "registration") != 0)
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                      errmsg("invalid value \"%s\" for lg setting \"%s\"", value, key),
                      errhint(STEP_ORDER_HINT)));
    /* Plans of a run in progress were made with the old value. */
    lg_run_refuse_nested("lg_configure()");
  }
  MemoryContext caller = CurrentMemoryContext;
  SPI_connect();
  Oid types[2] = {TEXTOID, TEXTOID};
  Datum values[2] = {CStringGetTextDatum(key), value ? CStringGetTextDatum(value) : (Datum) 0};
  if (write) configure_write(key, value);
  const char *result = "alembic";
  if (lg_spi_exec("SELECT value FROM lg.settings WHERE key OPERATOR(pg_catalog.=) $1", 1, types,
                  values, NULL, !write) == 1)
    result = lg_spi_text(0, 1);
  MemoryContextSwitchTo(caller);
  text *out = cstring_to_text(result);
  SPI_finish();
  PG_RETURN_TEXT_P(out);
}
