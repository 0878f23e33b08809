/*
 * fn_catalog_probe.cpp: a test hook for the catalog watch and descriptions
 * (catalog_watch.h, catalog_describe.h): runs sql as the caller with a
 * watch recording, then returns the description of every unit it touched,
 * one row per part, in the state after sql, and a row of nulls for a unit
 * that does not exist any more.  Not in the extension's SQL:
 * test/sql/catalog_watch.sql binds it as superuser,
 *   CREATE FUNCTION lg_catalog_probe(sql text)
 *     RETURNS TABLE(unit text, object_type text, object_name text, definition text)
 *     LANGUAGE C AS '$libdir/lg', 'lg_catalog_probe';
 * and drops it again.
 */
#include "pg/pg_headers.h"

#include "pg/catalog_describe.h"
#include "pg/catalog_watch.h"
#include "pg/srf.h"

LG_FUNCTION(lg_catalog_probe) {
  char *sql = text_to_cstring(PG_GETARG_TEXT_PP(0));
  TupleDesc tupdesc;
  Tuplestorestate *store = lg_srf_materialize(fcinfo, &tupdesc);
  SPI_connect();
  LgWatch *w = lg_watch_start();
  int rc = SPI_execute(sql, false, 0);
  if (rc < 0) elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(rc));
  lg_watch_stop(w);
  LgUnitSet *units = lg_watch_units(w);
  LgPartSet *parts = lg_describe_units(units);
  /* units that do not exist now (dropped, or renamed away): a row each */
  bool *described = (bool *) palloc0(sizeof(bool) * (units->n + 1));
  for (int i = 0; i < parts->n; i++) described[parts->parts[i].unit] = true;
  for (int i = 0; i < units->n; i++) {
    if (described[i]) continue;
    Datum values[4] = {CStringGetTextDatum(lg_unit_label(&units->units[i])), 0, 0, 0};
    bool nulls[4] = {false, true, true, true};
    tuplestore_putvalues(store, tupdesc, values, nulls);
  }
  for (int i = 0; i < parts->n; i++) {
    LgPart *p = &parts->parts[i];
    Datum values[4] = {CStringGetTextDatum(lg_unit_label(&units->units[p->unit])),
                       CStringGetTextDatum(p->object_type), CStringGetTextDatum(p->object_name),
                       CStringGetTextDatum(p->definition)};
    bool nulls[4] = {false, false, false, false};
    tuplestore_putvalues(store, tupdesc, values, nulls);
  }
  SPI_finish();
  PG_RETURN_NULL();
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
