/*
 * schema_state.cpp: lg.schema_state, written after runs, and
 * lg_schema_drift(), which compares it with the live catalog
 * (schema_state.h).  lg's statements on lg.schema_state run as the owner,
 * schema-qualified, every value a parameter (spi_util.h).
 */
#include "pg/schema_state.h"

#include "pg/catalog_describe.h"
#include "pg/column_types.h"
#include "pg/spi_util.h"
#include "pg/srf.h"

extern "C" {
#include "catalog/index.h"
#include "utils/inval.h"
}

/* ---- recording ---- */

void lg_schema_record_begin(LgSchemaRecord *r) {
  memset(r, 0, sizeof *r);
  r->cxt = AllocSetContextCreate(CurrentMemoryContext, "lg schema record", ALLOCSET_SMALL_SIZES);
  MemoryContext old = MemoryContextSwitchTo(r->cxt);
  r->watch = lg_watch_start();
  MemoryContextSwitchTo(old);
  r->units_cxt = AllocSetContextCreate(r->cxt, "lg schema record units", ALLOCSET_SMALL_SIZES);
}

static int find_unit(const LgUnitSet *set, char kind, const char *schema, const char *name) {
  for (int i = set->n - 1; i >= 0; i--) {
    const LgUnit *u = &set->units[i];
    if (u->kind == kind && strcmp(u->name, name) == 0 &&
        (u->schema == NULL ? schema == NULL : schema != NULL && strcmp(u->schema, schema) == 0))
      return i;
  }
  return -1;
}

/* Adds (a copy of) u to the run's units, attributed to the step. */
static void add_unit(LgSchemaRecord *r, const LgUnit *u, const char *revision,
                     const char *direction) {
  MemoryContext old = MemoryContextSwitchTo(r->units_cxt);
  int before = r->units.n;
  lg_unit_set_add(&r->units, u->kind, u->schema ? pstrdup(u->schema) : NULL, pstrdup(u->name));
  int i = r->units.n > before ? r->units.n - 1 : find_unit(&r->units, u->kind, u->schema, u->name);
  if (r->units.n > before) {
    if (i >= r->cap) {
      int cap = r->cap > 0 ? r->cap * 2 : 16;
      r->revision = r->revision ? (const char **) repalloc(r->revision, sizeof(char *) * cap)
                                : (const char **) palloc(sizeof(char *) * cap);
      r->direction = r->direction ? (const char **) repalloc(r->direction, sizeof(char *) * cap)
                                  : (const char **) palloc(sizeof(char *) * cap);
      r->cap = cap;
    }
  }
  r->revision[i] = revision ? pstrdup(revision) : NULL;
  r->direction[i] = direction ? pstrdup(direction) : NULL;
  MemoryContextSwitchTo(old);
}

void lg_schema_record_note(LgSchemaRecord *r, const char *revision, const char *direction) {
  LgUnitSet *seen = lg_watch_units(r->watch);
  for (int i = 0; i < seen->n; i++) add_unit(r, &seen->units[i], revision, direction);
  lg_watch_clear(r->watch);
  for (int i = 0; i < r->pending.n; i++) add_unit(r, &r->pending.units[i], revision, direction);
  memset(&r->pending, 0, sizeof r->pending); /* its memory goes at the next save */
}

/* A relation a top-level statement names, as its unit (an index's table). */
static void note_relation(LgSchemaRecord *r, RangeVar *rv) {
  if (rv == NULL) return;
  Oid relid = RangeVarGetRelid(rv, NoLock, true);
  if (!OidIsValid(relid)) return;
  char relkind = get_rel_relkind(relid);
  if (relkind == RELKIND_INDEX || relkind == RELKIND_PARTITIONED_INDEX)
    relid = IndexGetRelation(relid, true);
  if (!OidIsValid(relid)) return;
  char *name = get_rel_name(relid);
  char *schema = get_namespace_name(get_rel_namespace(relid));
  if (name == NULL || schema == NULL) return;
  MemoryContext old = MemoryContextSwitchTo(r->units_cxt);
  lg_unit_set_add(&r->pending, LG_UNIT_RELATION, pstrdup(schema), pstrdup(name));
  MemoryContextSwitchTo(old);
}

void lg_schema_record_statement(LgSchemaRecord *r, Node *parsetree) {
  if (parsetree != NULL && IsA(parsetree, RawStmt)) parsetree = ((RawStmt *) parsetree)->stmt;
  if (parsetree == NULL) return;
  switch (nodeTag(parsetree)) {
    case T_IndexStmt:
      note_relation(r, ((IndexStmt *) parsetree)->relation);
      break;
    case T_ReindexStmt:
      note_relation(r, ((ReindexStmt *) parsetree)->relation);
      break;
    case T_DropStmt: {
      DropStmt *d = (DropStmt *) parsetree;
      if (d->removeType != OBJECT_INDEX) break;
      ListCell *lc;
      foreach (lc, d->objects) note_relation(r, makeRangeVarFromNameList((List *) lfirst(lc)));
      break;
    }
    case T_AlterTableStmt: {
      AlterTableStmt *a = (AlterTableStmt *) parsetree;
      note_relation(r, a->relation);
      ListCell *lc;
      foreach (lc, a->cmds) {
        AlterTableCmd *cmd = (AlterTableCmd *) lfirst(lc);
        if (cmd->subtype == AT_DetachPartition && cmd->def != NULL && IsA(cmd->def, PartitionCmd))
          note_relation(r, ((PartitionCmd *) cmd->def)->name);
      }
      break;
    }
    default:
      break;
  }
}

/* A text[] datum of n C strings, NULL items as NULL elements. */
static Datum text_array_nulls(const char **items, int n) {
  Datum *elems = (Datum *) palloc(sizeof(Datum) * (n > 0 ? n : 1));
  bool *nulls = (bool *) palloc(sizeof(bool) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) {
    nulls[i] = items[i] == NULL;
    elems[i] = nulls[i] ? (Datum) 0 : CStringGetTextDatum(items[i]);
  }
  int dims[1] = {n};
  int lbs[1] = {1};
  return PointerGetDatum(
      construct_md_array(elems, nulls, 1, dims, lbs, TEXTOID, -1, false, TYPALIGN_INT));
}

static const char *kind_text(char kind) {
  switch (kind) {
    case LG_UNIT_RELATION:
      return "r";
    case LG_UNIT_TYPE:
      return "t";
    case LG_UNIT_ROUTINE:
      return "f";
    case LG_UNIT_SCHEMA:
      return "n";
    default:
      return "e";
  }
}

/* The rows of every noted unit go; its parts as described now come in. */
static void replace_rows(const LgSchemaRecord *r, const LgPartSet *parts) {
  int n = r->units.n;
  const char **kinds = (const char **) palloc(sizeof(char *) * n);
  const char **schemas = (const char **) palloc(sizeof(char *) * n);
  const char **names = (const char **) palloc(sizeof(char *) * n);
  for (int i = 0; i < n; i++) {
    kinds[i] = kind_text(r->units.units[i].kind);
    schemas[i] = r->units.units[i].schema;
    names[i] = r->units.units[i].name;
  }
  Oid types[8] = {TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
                  TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID};
  Datum values[8] = {text_array_nulls(kinds, n), text_array_nulls(schemas, n),
                     text_array_nulls(names, n)};
  lg_spi_exec_generic(
      "DELETE FROM lg.schema_state s USING ROWS FROM (pg_catalog.unnest($1), "
      "pg_catalog.unnest($2), pg_catalog.unnest($3)) AS u(kind, schema, name) "
      "WHERE s.unit_name OPERATOR(pg_catalog.=) u.name "
      "AND s.unit_kind OPERATOR(pg_catalog.=) u.kind "
      "AND COALESCE(s.unit_schema, '') OPERATOR(pg_catalog.=) COALESCE(u.schema, '')",
      3, types, values, NULL, false);
  if (parts->n == 0) return;
  int m = parts->n;
  const char **cols[8];
  for (int c = 0; c < 8; c++) cols[c] = (const char **) palloc(sizeof(char *) * m);
  for (int i = 0; i < m; i++) {
    const LgPart *p = &parts->parts[i];
    int u = p->unit;
    cols[0][i] = kinds[u];
    cols[1][i] = schemas[u];
    cols[2][i] = names[u];
    cols[3][i] = p->object_type;
    cols[4][i] = p->object_name;
    cols[5][i] = p->definition;
    cols[6][i] = r->revision[u];
    cols[7][i] = r->direction[u];
  }
  for (int c = 0; c < 8; c++) values[c] = text_array_nulls(cols[c], m);
  lg_spi_exec_generic(
      "INSERT INTO lg.schema_state (unit_kind, unit_schema, unit_name, object_type, object_name, "
      "definition, revision, direction) SELECT * FROM ROWS FROM (pg_catalog.unnest($1), "
      "pg_catalog.unnest($2), pg_catalog.unnest($3), pg_catalog.unnest($4), "
      "pg_catalog.unnest($5), pg_catalog.unnest($6), pg_catalog.unnest($7), "
      "pg_catalog.unnest($8))",
      8, types, values, NULL, false);
}

void lg_schema_record_save(LgSchemaRecord *r) {
  if (r->units.n == 0) return;
  LgPartSet *parts = lg_describe_units(&r->units);
  replace_rows(r, parts);
  /* What was saved is forgotten (pending too: a save follows a note). */
  MemoryContextReset(r->units_cxt);
  memset(&r->units, 0, sizeof r->units);
  memset(&r->pending, 0, sizeof r->pending);
  r->revision = r->direction = NULL;
  r->cap = 0;
}

void lg_schema_record_end(LgSchemaRecord *r) {
  if (r->watch != NULL) lg_watch_stop(r->watch);
  r->watch = NULL;
  if (r->cxt != NULL) MemoryContextDelete(r->cxt);
  r->cxt = NULL;
}

/* ---- drift ---- */

static int part_cmp(const void *a, const void *b) {
  const LgPart *x = (const LgPart *) a;
  const LgPart *y = (const LgPart *) b;
  int c = strcmp(x->object_type, y->object_type);
  return c != 0 ? c : strcmp(x->object_name, y->object_name);
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
  if (set->n > 1) qsort(set->parts, set->n, sizeof(LgPart), part_cmp);
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

/* The differences of the live catalog against lg.schema_state (SPI connected). */
static int schema_drift(int64 log_id, LgPartChange **changes) {
  load_stored(log_id);
  if (stored_units->n == 0) {
    *changes = NULL;
    return 0;
  }
  LgPartSet *after = lg_describe_units(stored_units);
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

static void on_relcache(Datum arg, Oid relid) { inval_generation++; }
static void on_syscache(Datum arg, int cacheid, uint32 hashvalue) { inval_generation++; }

static int64 last_log_id(void) {
  if (lg_spi_exec("SELECT id FROM lg.log ORDER BY id DESC LIMIT 1", 0, NULL, NULL, NULL, true) != 1)
    return 0;
  bool isnull;
  Datum d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
  return isnull || SPI_tuptable->tupdesc->attrs[0].atttypid != INT8OID ? 0 : DatumGetInt64(d);
}

/* The drift now, from the cache or computed (SPI connected). */
static const DriftCache *drift_now(int64 log_id) {
  if (!callbacks_registered) {
    CacheRegisterRelcacheCallback(on_relcache, (Datum) 0);
    CacheRegisterSyscacheCallback(PROCOID, on_syscache, (Datum) 0);
    CacheRegisterSyscacheCallback(TYPEOID, on_syscache, (Datum) 0);
    CacheRegisterSyscacheCallback(NAMESPACEOID, on_syscache, (Datum) 0);
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
