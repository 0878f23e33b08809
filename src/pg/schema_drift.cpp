/*
 * schema_drift.cpp: lg_schema_drift() and the count lg_status() shows
 * (schema_state.h): lg.schema_state against the live catalog, kept per
 * backend and described again only where the catalog changed.
 */
#include "pg/schema_state.h"

#include "pg/catalog_describe.h"
#include "pg/column_types.h"
#include "pg/spi_util.h"
#include "pg/srf.h"
#include "pg/subxact.h"

extern "C" {
#include "access/genam.h"
#include "catalog/indexing.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
}

/* The stored parts (sorted as catalog_describe.h sorts), and their units. */
static LgPartSet *stored_parts(LgUnitSet *units) {
  uint64 found = lg_spi_exec(
      "SELECT unit_kind, unit_schema, unit_name, object_type, object_name, definition "
      "FROM lg.schema_state ORDER BY unit_kind, unit_schema, unit_name",
      0, NULL, NULL, NULL, true);
  static const LgColumn cols[6] = {
      {"lg.schema_state.unit_kind", TEXTOID},   {"lg.schema_state.unit_schema", TEXTOID},
      {"lg.schema_state.unit_name", TEXTOID},   {"lg.schema_state.object_type", TEXTOID},
      {"lg.schema_state.object_name", TEXTOID}, {"lg.schema_state.definition", TEXTOID}};
  lg_expect_columns(cols, 6);
  LgPartSet *set = (LgPartSet *) palloc0(sizeof(LgPartSet));
  set->parts = (LgPart *) palloc(sizeof(LgPart) * (found > 0 ? found : 1));
  memset(units, 0, sizeof *units);
  for (uint64 i = 0; i < found; i++) {
    CHECK_FOR_INTERRUPTS();
    char *kind = lg_spi_text(i, 1);
    char *schema = lg_spi_text(i, 2);
    char *name = lg_spi_text(i, 3);
    if (kind == NULL || name == NULL) continue;
    const LgUnit *last = units->n > 0 ? &units->units[units->n - 1] : NULL;
    if (last == NULL || last->kind != kind[0] || strcmp(last->name, name) != 0 ||
        (last->schema == NULL) != (schema == NULL) ||
        (schema != NULL && strcmp(last->schema, schema) != 0))
      lg_unit_set_add(units, kind[0], schema, name);
    LgPart *p = &set->parts[set->n++];
    p->object_type = lg_spi_text(i, 4);
    p->object_name = lg_spi_text(i, 5);
    p->definition = lg_spi_text(i, 6);
    p->unit = units->n - 1;
    if (p->object_type == NULL || p->object_name == NULL || p->definition == NULL) set->n--;
  }
  SPI_freetuptable(SPI_tuptable);
  if (set->n > 1) qsort(set->parts, set->n, sizeof(LgPart), lg_part_cmp);
  return set;
}

/*
 * lg.schema_state as read, kept per backend: only a run changes it, and a
 * run writes lg.log in the same transaction, so the last journal line is
 * its key.
 */
static MemoryContext stored_cxt = NULL;
static int64 stored_log_id = -1;
static LgUnitSet *stored_units = NULL;
static LgPartSet *stored_set = NULL;

static void load_stored(int64 log_id) {
  if (stored_cxt != NULL && stored_log_id == log_id) return;
  MemoryContext fresh =
      AllocSetContextCreate(CurrentMemoryContext, "lg schema state", ALLOCSET_DEFAULT_SIZES);
  MemoryContext old = MemoryContextSwitchTo(fresh);
  LgUnitSet *units = (LgUnitSet *) palloc0(sizeof(LgUnitSet));
  LgPartSet *set = stored_parts(units);
  MemoryContextSwitchTo(old);
  MemoryContextSetParent(fresh, TopMemoryContext);
  if (stored_cxt != NULL) MemoryContextDelete(stored_cxt);
  stored_cxt = fresh;
  stored_log_id = log_id;
  stored_units = units;
  stored_set = set;
}

/*
 * The live description of the stored units, kept per backend and described
 * again only for the units the catalog changed since: a relation whose
 * relcache entry (its own, or one of its indexes') was invalidated, a unit
 * that did not exist (it may have been created since), an extension (no
 * invalidation tells its version changed).  An invalidation of a routine,
 * type or enum label makes every unit that is not a relation described
 * again (a temporary table creates a type: relations are left alone); one
 * of a constraint (a CHECK renamed sends no relcache invalidation), a
 * sequence's parameters or a schema, or of every relation at once, makes
 * every unit described again.
 */
typedef struct RelUnit {
  Oid relid; /* hash key */
  int unit;
} RelUnit;

static MemoryContext live_cxt = NULL;  /* the parts below and the map */
static int64 live_stored_log_id = -1;  /* the stored set the parts are of */
static bool live_valid = false;        /* false: describe every unit */
static bool live_busy = false;         /* a description under way (or failed) */
static bool live_nonrel_dirty = false; /* describe every type, routine, schema, extension */
static int live_n = 0;
static LgPart **live_parts = NULL; /* per unit, its parts */
static int *live_nparts = NULL;
static bool *live_dirty = NULL;
static HTAB *live_relids = NULL; /* relation and index OIDs -> unit */
static long live_described = 0;  /* parts copied since the last full description */
static long live_total = 0;

static void live_mark_relation(Oid relid) {
  if (!OidIsValid(relid)) {
    live_valid = false;
    return;
  }
  if (live_relids == NULL || live_dirty == NULL) return;
  RelUnit *e = (RelUnit *) hash_search(live_relids, &relid, HASH_FIND, NULL);
  if (e != NULL && e->unit < live_n) live_dirty[e->unit] = true;
}

/* A fresh, empty state for the stored set (every unit to describe). */
static void live_reset(void) {
  if (live_cxt == NULL)
    live_cxt = AllocSetContextCreate(TopMemoryContext, "lg live schema", ALLOCSET_DEFAULT_SIZES);
  live_relids = NULL;
  live_parts = NULL;
  live_dirty = NULL;
  MemoryContextReset(live_cxt);
  live_n = stored_units->n;
  int n = live_n > 0 ? live_n : 1;
  live_parts = (LgPart **) MemoryContextAllocZero(live_cxt, sizeof(LgPart *) * n);
  live_nparts = (int *) MemoryContextAllocZero(live_cxt, sizeof(int) * n);
  live_dirty = (bool *) MemoryContextAllocZero(live_cxt, sizeof(bool) * n);
  HASHCTL ctl;
  memset(&ctl, 0, sizeof ctl);
  ctl.keysize = sizeof(Oid);
  ctl.entrysize = sizeof(RelUnit);
  ctl.hcxt = live_cxt;
  live_relids =
      hash_create("lg live schema relations", 256, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
  live_described = 0;
  live_total = 0;
  live_stored_log_id = stored_log_id;
}

/* Maps the relation of unit u, and its indexes, to u. */
static void live_map_relation(int u) {
  const LgUnit *unit = &stored_units->units[u];
  Oid nsp = unit->schema ? get_namespace_oid(unit->schema, true) : InvalidOid;
  Oid relid = OidIsValid(nsp) ? get_relname_relid(unit->name, nsp) : InvalidOid;
  if (!OidIsValid(relid)) return;
  bool found;
  RelUnit *e = (RelUnit *) hash_search(live_relids, &relid, HASH_ENTER, &found);
  e->unit = u;
  Relation rel = table_open(IndexRelationId, AccessShareLock);
  ScanKeyData key;
  ScanKeyInit(&key, Anum_pg_index_indrelid, BTEqualStrategyNumber, F_OIDEQ,
              ObjectIdGetDatum(relid));
  SysScanDesc scan = systable_beginscan(rel, IndexIndrelidIndexId, true, NULL, 1, &key);
  HeapTuple tup;
  while ((tup = systable_getnext(scan)) != NULL) {
    Oid index = ((Form_pg_index) GETSTRUCT(tup))->indexrelid;
    e = (RelUnit *) hash_search(live_relids, &index, HASH_ENTER, &found);
    e->unit = u;
  }
  systable_endscan(scan);
  table_close(rel, AccessShareLock);
}

/* Which units to describe now; their marks are cleared first, so that an
 * invalidation received while describing marks them again. */
static LgUnitSet *live_pick(int **index_of) {
  bool all = !live_valid || live_busy || live_stored_log_id != stored_log_id ||
             live_parts == NULL || live_described > 4 * (live_total + 1000);
  if (all) live_reset();
  /* an invalidation from here on makes the next call describe again */
  live_valid = true;
  live_busy = true;
  bool nonrel = live_nonrel_dirty;
  live_nonrel_dirty = false;
  LgUnitSet *pick = (LgUnitSet *) palloc0(sizeof(LgUnitSet));
  *index_of = (int *) palloc(sizeof(int) * (live_n > 0 ? live_n : 1));
  for (int u = 0; u < live_n; u++) {
    const LgUnit *unit = &stored_units->units[u];
    bool again = all || live_dirty[u] || live_nparts[u] == 0 || unit->kind == LG_UNIT_EXTENSION ||
                 (nonrel && unit->kind != LG_UNIT_RELATION);
    live_dirty[u] = false;
    if (!again) continue;
    (*index_of)[pick->n] = u;
    lg_unit_set_add(pick, unit->kind, unit->schema, unit->name);
  }
  return pick;
}

/* The live parts of every stored unit, sorted (SPI connected). */
static LgPartSet *live_describe(void) {
  int *index_of;
  LgUnitSet *pick = live_pick(&index_of);
  if (pick->n > 0) {
    LgPartSet *parts = lg_describe_units(pick);
    for (int k = 0; k < pick->n; k++) live_nparts[index_of[k]] = 0;
    /* the parts come sorted by name, not by unit: count, then copy */
    int *count = (int *) palloc0(sizeof(int) * pick->n);
    for (int i = 0; i < parts->n; i++) count[parts->parts[i].unit]++;
    MemoryContext old = MemoryContextSwitchTo(live_cxt);
    for (int k = 0; k < pick->n; k++) {
      int u = index_of[k];
      live_total += count[k] - live_nparts[u];
      live_parts[u] = (LgPart *) palloc(sizeof(LgPart) * (count[k] > 0 ? count[k] : 1));
      if (stored_units->units[u].kind == LG_UNIT_RELATION) live_map_relation(u);
    }
    for (int i = 0; i < parts->n; i++) {
      const LgPart *p = &parts->parts[i];
      int u = index_of[p->unit];
      LgPart *q = &live_parts[u][live_nparts[u]++];
      q->object_type = pstrdup(p->object_type);
      q->object_name = pstrdup(p->object_name);
      q->definition = pstrdup(p->definition);
      q->unit = u;
      live_described++;
    }
    MemoryContextSwitchTo(old);
  }
  LgPartSet *all = (LgPartSet *) palloc0(sizeof(LgPartSet));
  int total = 0;
  for (int u = 0; u < live_n; u++) total += live_nparts[u];
  all->parts = (LgPart *) palloc(sizeof(LgPart) * (total > 0 ? total : 1));
  for (int u = 0; u < live_n; u++)
    for (int i = 0; i < live_nparts[u]; i++) all->parts[all->n++] = live_parts[u][i];
  if (all->n > 1) qsort(all->parts, all->n, sizeof(LgPart), lg_part_cmp);
  live_busy = false;
  return all;
}

/* The differences of the live catalog against lg.schema_state (SPI connected). */
static int schema_drift(int64 log_id, LgPartChange **changes) {
  load_stored(log_id);
  if (stored_units->n == 0) {
    *changes = NULL;
    return 0;
  }
  LgPartSet *after = live_describe();
  return lg_diff_parts(stored_set, after, changes);
}

/* The change of lg_part_change_text without its "type name " prefix, which
 * lg_schema_drift() returns in columns of their own: "added: ...",
 * "removed (was: ...)", "changed: ... -> ...". */
static char *change_text(const LgPartChange *c, const LgPart *p) {
  char *text = lg_part_change_text(c);
  char *prefix = psprintf("%s %s ", p->object_type, p->object_name);
  size_t k = strlen(prefix);
  return strncmp(text, prefix, k) == 0 ? text + k : text;
}

/*
 * The drift, kept per backend: any invalidation of a relation, routine,
 * type or schema (this backend's DDL, or another's, as it is received)
 * moves inval_generation, and a run writes lg.log; the drift is computed
 * again only when one of them moved, so lg_status() and a second call of
 * lg_schema_drift() cost a look at the last journal line.
 */
typedef struct DriftCache {
  MemoryContext cxt; /* NULL: nothing kept */
  uint64 generation;
  int64 log_id;
  int n;
  char **types, **names, **changes;
} DriftCache;

static DriftCache cache;
static uint64 inval_generation = 1;
static bool callbacks_registered = false;

static void on_relcache(Datum arg, Oid relid) {
  inval_generation++;
  live_mark_relation(relid);
}

static void on_syscache(Datum arg, int cacheid, uint32 hashvalue) {
  inval_generation++;
  if (cacheid == PROCOID || cacheid == TYPEOID || cacheid == ENUMOID)
    live_nonrel_dirty = true;
  else
    live_valid = false;
}

static int64 last_log_id(void) {
  if (lg_spi_exec("SELECT id FROM lg.log ORDER BY id DESC LIMIT 1", 0, NULL, NULL, NULL, true) != 1)
    return 0;
  bool isnull;
  Datum d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
  return isnull || TupleDescAttr(SPI_tuptable->tupdesc, 0)->atttypid != INT8OID ? 0
                                                                                : DatumGetInt64(d);
}

/* The drift now, from the cache or computed (SPI connected). */
static const DriftCache *drift_now(int64 log_id) {
  if (!callbacks_registered) {
    CacheRegisterRelcacheCallback(on_relcache, (Datum) 0);
    CacheRegisterSyscacheCallback(PROCOID, on_syscache, (Datum) 0);
    CacheRegisterSyscacheCallback(TYPEOID, on_syscache, (Datum) 0);
    CacheRegisterSyscacheCallback(NAMESPACEOID, on_syscache, (Datum) 0);
    CacheRegisterSyscacheCallback(CONSTROID, on_syscache, (Datum) 0);
    CacheRegisterSyscacheCallback(ENUMOID, on_syscache, (Datum) 0);
    CacheRegisterSyscacheCallback(SEQRELID, on_syscache, (Datum) 0);
    callbacks_registered = true;
  }
  if (cache.cxt != NULL && cache.generation == inval_generation && cache.log_id == log_id)
    return &cache;
  /* An invalidation received while computing moves the generation past
   * this one: the next call computes again. */
  uint64 generation = inval_generation;
  LgPartChange *changes;
  int n = schema_drift(log_id, &changes);
  MemoryContext fresh =
      AllocSetContextCreate(CurrentMemoryContext, "lg schema drift cache", ALLOCSET_SMALL_SIZES);
  DriftCache next;
  next.cxt = fresh;
  next.generation = generation;
  next.log_id = log_id;
  next.n = n;
  next.types = (char **) MemoryContextAlloc(fresh, sizeof(char *) * (n > 0 ? n : 1));
  next.names = (char **) MemoryContextAlloc(fresh, sizeof(char *) * (n > 0 ? n : 1));
  next.changes = (char **) MemoryContextAlloc(fresh, sizeof(char *) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) {
    CHECK_FOR_INTERRUPTS();
    const LgPart *p = changes[i].after != NULL ? changes[i].after : changes[i].before;
    next.types[i] = MemoryContextStrdup(fresh, p->object_type);
    next.names[i] = MemoryContextStrdup(fresh, p->object_name);
    next.changes[i] = MemoryContextStrdup(fresh, change_text(&changes[i], p));
  }
  MemoryContextSetParent(fresh, TopMemoryContext);
  if (cache.cxt != NULL) MemoryContextDelete(cache.cxt);
  cache = next;
  return &cache;
}

int lg_schema_drift_count(int64 last_log_id) { return drift_now(last_log_id)->n; }

typedef struct NowaitCount {
  int64 log_id;
  int n;
} NowaitCount;

static void count_with_short_lock_wait(void *arg) {
  NowaitCount *c = (NowaitCount *) arg;
  /* at the subtransaction's own GUC level: its end restores the caller's */
  (void) set_config_option("lock_timeout", LG_STATUS_LOCK_WAIT_MS, PGC_USERSET, PGC_S_SESSION,
                           GUC_ACTION_LOCAL, true, 0, false);
  c->n = drift_now(c->log_id)->n;
}

bool lg_schema_drift_count_nowait(int64 last_log_id, int *n) {
  NowaitCount c = {last_log_id, 0};
  ErrorData *err = lg_run_in_subxact(count_with_short_lock_wait, &c, false, false);
  if (err == NULL) {
    *n = c.n;
    return true;
  }
  if (err->sqlerrcode == ERRCODE_LOCK_NOT_AVAILABLE) return false;
  ReThrowError(err);
}

/* lg_schema_drift(): (object_type, object_name, change) per part of a unit
 * lg's runs recorded that is not as they left it. */
LG_FUNCTION(lg_schema_drift) {
  TupleDesc tupdesc;
  Tuplestorestate *store = lg_srf_materialize(fcinfo, &tupdesc);
  SPI_connect();
  const DriftCache *d = drift_now(last_log_id());
  for (int i = 0; i < d->n; i++) {
    CHECK_FOR_INTERRUPTS();
    Datum values[3] = {CStringGetTextDatum(d->types[i]), CStringGetTextDatum(d->names[i]),
                       CStringGetTextDatum(d->changes[i])};
    bool nulls[3] = {false, false, false};
    tuplestore_putvalues(store, tupdesc, values, nulls);
  }
  SPI_finish();
  return (Datum) 0;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
