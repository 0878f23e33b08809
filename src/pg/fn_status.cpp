/*
 * fn_status.cpp: the read-only views of where the database stands:
 * lg_status(), lg_current(), lg_history().  They read the registry and the
 * rows with the caller's snapshot and change nothing.
 */
#include "pg/pg_headers.h"

#include "pg/column_types.h"
#include "pg/errors.h"
#include "pg/owner.h"
#include "pg/progress.h"
#include "pg/registry.h"
#include "pg/run_lock.h"
#include "pg/guc.h"
#include "pg/schema_state.h"
#include "pg/spi_util.h"
#include "pg/srf.h"
#include "pg/text_array.h"

/*
 * Revisions whose registered SQL is not what was last applied (or accepted
 * by lg_repair): a checksum of their up, down or verify SQL differs from
 * the last one lg.log recorded for them (a journal line from 0.1 recorded
 * only up's, fingerprinted by 0.1: lg.sql_baseline holds the three as
 * the update found them, up only where it had not drifted).  Only revisions noted in
 * lg.sql_changed (checksum changed or deleted since registration, by triggers) can differ, so only
 * they are compared.  The result depends only on lg.revision and lg.log, so it is kept per backend,
 * keyed by the registry (OID, generation) and the last journal line.
 */
static MemoryContext drift_context = NULL;
static char **drift_ids = NULL;
static char **drift_parts = NULL; /* "up", "down,verify", ... per id */
static int drift_count = 0;
static Oid drift_relid = InvalidOid;
static int64 drift_generation = 0;
static int64 drift_log_id = -1;

static void load_drift(const LgRegistry *reg, int64 log_id) {
  if (drift_context != NULL && drift_relid == reg->relid && drift_generation == reg->generation &&
      drift_log_id == log_id)
    return;
  uint64 found = lg_spi_exec(
      "SELECT r.id, pg_catalog.concat_ws(',', "
      "  CASE WHEN last.checksum OPERATOR(pg_catalog.<>) s.checksum THEN 'up' END, "
      "  CASE WHEN last.down_checksum OPERATOR(pg_catalog.<>) s.down_checksum THEN 'down' END, "
      "  CASE WHEN last.verify_checksum OPERATOR(pg_catalog.<>) s.verify_checksum "
      "   THEN 'verify' END) "
      "FROM lg.sql_changed c "
      "JOIN lg.revision r ON r.id OPERATOR(pg_catalog.=) c.revision "
      "JOIN lg.script s ON s.revision OPERATOR(pg_catalog.=) r.id "
      "LEFT JOIN lg.sql_baseline b ON b.revision OPERATOR(pg_catalog.=) r.id, LATERAL ("
      "  SELECT CASE WHEN l.down_checksum IS NULL AND b.up_checksum IS NOT NULL "
      "              THEN b.up_checksum ELSE l.checksum END AS checksum, "
      "   COALESCE(l.down_checksum, b.down_checksum) AS down_checksum, "
      "   COALESCE(l.verify_checksum, b.verify_checksum) AS verify_checksum "
      "   FROM lg.log l WHERE l.revision OPERATOR(pg_catalog.=) r.id"
      "   AND l.direction OPERATOR(pg_catalog.=) ANY ('{up,repair,stamp,adopt}'::pg_catalog.text[])"
      "   AND l.outcome OPERATOR(pg_catalog.=) 'ok'"
      "   ORDER BY l.id DESC LIMIT 1) last "
      "WHERE last.checksum OPERATOR(pg_catalog.<>) s.checksum "
      "   OR last.down_checksum OPERATOR(pg_catalog.<>) s.down_checksum "
      "   OR last.verify_checksum OPERATOR(pg_catalog.<>) s.verify_checksum ORDER BY r.ord",
      0, NULL, NULL, NULL, true);
  MemoryContext fresh =
      AllocSetContextCreate(CurrentMemoryContext, "lg drift cache", ALLOCSET_SMALL_SIZES);
  char **ids = (char **) MemoryContextAlloc(fresh, sizeof(char *) * (found > 0 ? found : 1));
  char **parts = (char **) MemoryContextAlloc(fresh, sizeof(char *) * (found > 0 ? found : 1));
  for (uint64 i = 0; i < found; i++) {
    CHECK_FOR_INTERRUPTS();
    ids[i] =
        MemoryContextStrdup(fresh, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
    parts[i] =
        MemoryContextStrdup(fresh, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2));
  }
  MemoryContextSetParent(fresh, TopMemoryContext);
  if (drift_context != NULL) MemoryContextDelete(drift_context);
  drift_context = fresh;
  drift_ids = ids;
  drift_parts = parts;
  drift_count = (int) found;
  drift_relid = reg->relid;
  drift_generation = reg->generation;
  drift_log_id = log_id;
}

/* The drifted revisions that are applied now, into *out (and which parts
 * drifted into *parts, when not NULL); returns how many. */
static int drifted(const LgRegistry *reg, const unsigned char *applied, int64 log_id, char ***out,
                   char ***parts) {
  load_drift(reg, log_id);
  *out = (char **) palloc(sizeof(char *) * (drift_count > 0 ? drift_count : 1));
  if (parts) *parts = (char **) palloc(sizeof(char *) * (drift_count > 0 ? drift_count : 1));
  int n = 0;
  for (int i = 0; i < drift_count; i++) {
    CHECK_FOR_INTERRUPTS();
    int index = lg_graph_find(reg->graph, drift_ids[i]);
    if (index < 0 || !applied[index]) continue;
    if (parts) (*parts)[n] = drift_parts[i];
    (*out)[n++] = drift_ids[i];
  }
  return n;
}

/* The id and time of the journal's last line (the last change): id 0 and
 * *isnull when the journal is empty. */
static int64 last_log_line(Datum *at, bool *isnull) {
  *isnull = true;
  *at = (Datum) 0;
  /* The journal is append-only and stamped with clock_timestamp(): its last
   * line (by the primary key) is the last change. */
  if (lg_spi_exec("SELECT id, at FROM lg.log ORDER BY id DESC LIMIT 1", 0, NULL, NULL, NULL,
                  true) != 1)
    return 0;
  static const LgColumn cols[2] = {{"lg.log.id", INT8OID}, {"lg.log.at", TIMESTAMPTZOID}};
  lg_expect_columns(cols, 2);
  bool idnull;
  int64 id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &idnull));
  *at = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, isnull);
  return id;
}

/* lg_drift(): (revision, parts) per applied revision whose up, down or
 * verify SQL is not what was applied or repaired. */
LG_FUNCTION(lg_drift) {
  LgSrf srf;
  lg_srf_begin_read(fcinfo, &srf, true);
  LgRegistry *reg = srf.reg;
  Datum at;
  bool at_null;
  int64 log_id = last_log_line(&at, &at_null);
  char **ids, **parts;
  int n = drifted(reg, srf.applied, log_id, &ids, &parts);
  for (int i = 0; i < n; i++) {
    CHECK_FOR_INTERRUPTS();
    char **items = (char **) palloc(sizeof(char *) * 3);
    int nitems = 0;
    for (char *part = strtok(pstrdup(parts[i]), ","); part != NULL; part = strtok(NULL, ","))
      if (nitems < 3) items[nitems++] = part;
    Datum values[2] = {CStringGetTextDatum(ids[i]), lg_text_array(items, nitems)};
    bool nulls[2] = {false, false};
    lg_srf_put(&srf, values, nulls);
  }
  return lg_srf_end(&srf);
}

/*
 * Whether the caller may see the error of an unfinished revision: it may
 * quote rows of tables a reader cannot read (a duplicate key's values), so
 * only a role that may run CALL lg_apply() (which resumes it) sees it.
 */
static bool may_see_errors(void) {
  Oid owner, nsp;
  if (!lg_extension_find(&owner, &nsp)) return false;
  ObjectWithArgs *proc = makeNode(ObjectWithArgs);
  proc->objname = list_make2(makeString(get_namespace_name(nsp)), makeString((char *) "lg_apply"));
  proc->objargs = list_make2(makeTypeNameFromOid(TEXTOID, -1), makeTypeNameFromOid(TEXTOID, -1));
  Oid fn = LookupFuncWithArgs(OBJECT_PROCEDURE, proc, true);
  return OidIsValid(fn) && LG_MAY_EXECUTE(fn);
}

/*
 * The unfinished revision of lg.progress into values[0..4] (revision,
 * direction, state, statement, error): state 'interrupted' when the row
 * says running but no session holds the run lock (the run died); the error
 * only for a role that may run CALL lg_apply() (may_see_errors), the
 * SQLSTATE for the others.
 */
static void unfinished(Datum *values, bool *nulls) {
  LgProgress p;
  for (int i = 0; i < 5; i++) nulls[i] = true;
  if (!lg_progress_read(&p)) return;
  const char *state = p.state;
  if (strcmp(state, "running") == 0 && !lg_run_lock_held_anywhere()) state = "interrupted";
  values[0] = CStringGetTextDatum(p.revision);
  values[1] = CStringGetTextDatum(p.direction);
  values[2] = CStringGetTextDatum(state);
  values[3] = Int32GetDatum(p.statement);
  if (p.error != NULL && !may_see_errors())
    p.error = psprintf("SQLSTATE %s (the message is shown to roles that may run lg_apply)",
                       p.sqlstate ? p.sqlstate : "unknown");
  values[4] = p.error ? CStringGetTextDatum(p.error) : (Datum) 0;
  nulls[0] = nulls[1] = nulls[2] = false;
  nulls[3] = p.statement <= 0;
  nulls[4] = p.error == NULL;
}

/* lg_status(): current rows, heads, counts, at head, last change, drift,
 * the unfinished revision, live-schema drift (a count, schema_state.h; 0.3's
 * definition, without the column, is still served until the update). */
LG_FUNCTION(lg_status) {
  TupleDesc tupdesc;
  if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
    elog(ERROR, "return type must be a row type");
  tupdesc = BlessTupleDesc(tupdesc);
  MemoryContext caller = CurrentMemoryContext;

  SPI_connect();
  LgRegistry *reg = lg_registry_load(true);
  unsigned char *applied;
  int napplied = lg_registry_applied(reg, &applied);
  int nheads = lg_graph_nheads(reg->graph);
  char **heads = (char **) palloc(sizeof(char *) * (nheads > 0 ? nheads : 1));
  for (int i = 0; i < nheads; i++) heads[i] = reg->ids[lg_graph_head(reg->graph, i)];

  bool isnull;
  Datum last;
  int64 log_id = last_log_line(&last, &isnull);

  char **drift;
  int ndrift = drifted(reg, applied, log_id, &drift, NULL);
  int schema_drift = 0;
  bool drift_known = tupdesc->natts < 14 || (lg_status_schema_drift &&
                                             lg_schema_drift_count_nowait(log_id, &schema_drift));

  MemoryContext spi = MemoryContextSwitchTo(caller);
  Datum values[14] = {lg_text_array(reg->rows, reg->nrows),
                      lg_text_array(heads, nheads),
                      Int32GetDatum(reg->nrevs),
                      Int32GetDatum(napplied),
                      Int32GetDatum(reg->nrevs - napplied),
                      BoolGetDatum(napplied == reg->nrevs),
                      last,
                      lg_text_array(drift, ndrift)};
  bool nulls[14] = {false, false, false, false, false, false, isnull, false};
  unfinished(values + 8, nulls + 8);
  values[13] = Int32GetDatum(schema_drift);
  nulls[13] = !drift_known;
  HeapTuple tuple = heap_form_tuple(tupdesc, values, nulls);
  MemoryContextSwitchTo(spi);
  SPI_finish();
  PG_RETURN_DATUM(HeapTupleGetDatum(tuple));
}

/* lg_current(): the version rows, then the revisions applied only through
 * depends_on; whether each is a head; its message. */
LG_FUNCTION(lg_current) {
  LgSrf srf;
  lg_srf_begin_read(fcinfo, &srf, true); /* applied: validates the rows */
  LgRegistry *reg = srf.reg;
  int *via = (int *) palloc(sizeof(int) * (reg->nrevs > 0 ? reg->nrevs : 1));
  LgCoreError err;
  int nvia = lg_graph_dependency_applied(reg->graph, reg->rows, reg->nrows, via, &err);
  if (nvia < 0) lg_raise_core_error(&err);
  for (int k = 0; k < reg->nrows + nvia; k++) {
    CHECK_FOR_INTERRUPTS();
    int index = k < reg->nrows ? lg_graph_find(reg->graph, reg->rows[k]) : via[k - reg->nrows];
    Datum values[4] = {CStringGetTextDatum(reg->ids[index]),
                       BoolGetDatum(lg_graph_is_head(reg->graph, index)),
                       BoolGetDatum(k >= reg->nrows), (Datum) 0};
    bool nulls[4] = {false, false, false, false};
    values[3] = lg_registry_message(reg, index, &nulls[3]);
    lg_srf_put(&srf, values, nulls);
  }
  return lg_srf_end(&srf);
}

/* lg_history(range): revisions newest first (all, or Alembic's a:b range),
 * with their state and whether each runs inside one transaction. */
LG_FUNCTION(lg_history) {
  char *range = PG_ARGISNULL(0) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(0));
  LgSrf srf;
  lg_srf_begin_read(fcinfo, &srf, true);
  LgRegistry *reg = srf.reg;
  int *order = (int *) palloc(sizeof(int) * (reg->nrevs > 0 ? reg->nrevs : 1));
  LgCoreError err;
  int n = range == NULL
              ? lg_graph_history(reg->graph, order, &err)
              : lg_graph_history_range(reg->graph, reg->rows, reg->nrows, range, order, &err);
  if (n < 0) lg_raise_core_error(&err);
  for (int k = 0; k < n; k++) {
    CHECK_FOR_INTERRUPTS();
    int index = order[k];
    int np = lg_graph_nparents(reg->graph, index);
    char **parents = (char **) palloc(sizeof(char *) * (np > 0 ? np : 1));
    for (int j = 0; j < np; j++) parents[j] = reg->ids[lg_graph_parent(reg->graph, index, j)];
    bool nulls[7] = {false, false, false, false, false, false, false};
    Datum values[7] = {CStringGetTextDatum(reg->ids[index]),
                       lg_text_array(parents, np),
                       lg_registry_message(reg, index, &nulls[2]),
                       BoolGetDatum(lg_graph_is_head(reg->graph, index)),
                       BoolGetDatum(srf.applied[index] != 0),
                       BoolGetDatum(lg_registry_row_index(reg, reg->ids[index]) >= 0),
                       BoolGetDatum(reg->transactional[index] != 0)};
    lg_srf_put(&srf, values, nulls);
    CHECK_FOR_INTERRUPTS();
  }
  return lg_srf_end(&srf);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
