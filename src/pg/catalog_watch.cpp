/*
 * catalog_watch.cpp: the objects DDL touches, from PostgreSQL's object
 * access hook (catalog_watch.h).
 *
 * The hook reports (class, object id, sub-id) for every object created,
 * altered or dropped, by any statement of this backend, including DDL run
 * by EXECUTE in PL/pgSQL.  A watch keeps the distinct (class, object id)
 * pairs it saw and maps them to units by name only when asked, in the
 * state of that moment; a dropped object (and an altered one, whose name
 * may change) is also named at once, while the hook can still see it.
 * Nothing here scans a catalog: each event is one cache or index lookup.
 */
#include "pg/pg_headers.h"

#include "pg/catalog_watch.h"
#include "pg/owner.h"

/* A (class, object id) pair seen by the hook, the key of LgWatch.seen. */
typedef struct WatchKey {
  Oid classid;
  Oid objid;
} WatchKey;

struct LgWatch {
  MemoryContext cxt;      /* the watch; its reset callback ends recording */
  MemoryContext sets_cxt; /* what was recorded, reset by lg_watch_clear */
  HTAB *seen;             /* WatchKey -> WatchKey: created or altered */
  LgUnitSet named;        /* named in the hook (dropped or altered) */
  Oid lg_nsp;             /* lg's own schema, left out */
  bool recording;
  MemoryContextCallback on_reset;
};

static LgWatch *active_watch = NULL;
static object_access_hook_type prev_object_access_hook = NULL;
static bool hook_installed = false;

/* ---- units ---------------------------------------------------------- */

typedef struct UnitKey {
  char label[3 * NAMEDATALEN + 4]; /* kind, schema, name, NUL separated */
} UnitKey;

static void unit_key(UnitKey *key, char kind, const char *schema, const char *name) {
  memset(key, 0, sizeof *key);
  key->label[0] = kind;
  strlcpy(key->label + 2, schema ? schema : "", NAMEDATALEN);
  strlcpy(key->label + 2 + NAMEDATALEN, name, 2 * NAMEDATALEN);
}

/* An entry of LgUnitSet.index: the key and the unit's position. */
typedef struct UnitEntry {
  UnitKey key;
  int index;
} UnitEntry;

int lg_unit_set_add(LgUnitSet *set, char kind, char *schema, char *name) {
  if (set->index == NULL) {
    HASHCTL ctl;
    memset(&ctl, 0, sizeof ctl);
    ctl.keysize = sizeof(UnitKey);
    ctl.entrysize = sizeof(UnitEntry);
    ctl.hcxt = CurrentMemoryContext;
    set->index = hash_create("lg unit set", 64, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
  }
  UnitKey key;
  unit_key(&key, kind, schema, name);
  bool found;
  UnitEntry *e = (UnitEntry *) hash_search((HTAB *) set->index, &key, HASH_ENTER, &found);
  if (found) return e->index;
  if (set->n == set->cap) {
    set->cap = set->cap ? set->cap * 2 : 16;
    set->units = set->units ? (LgUnit *) repalloc(set->units, sizeof(LgUnit) * set->cap)
                            : (LgUnit *) palloc(sizeof(LgUnit) * set->cap);
  }
  set->units[set->n].kind = kind;
  set->units[set->n].schema = schema;
  set->units[set->n].name = name;
  e->index = set->n;
  return set->n++;
}

int lg_unit_set_find(const LgUnitSet *set, char kind, const char *schema, const char *name) {
  if (set->index == NULL) return -1;
  UnitKey key;
  unit_key(&key, kind, schema, name);
  UnitEntry *e = (UnitEntry *) hash_search((HTAB *) set->index, &key, HASH_FIND, NULL);
  return e != NULL ? e->index : -1;
}

char *lg_unit_label(const LgUnit *u) {
  const char *what = u->kind == LG_UNIT_RELATION  ? "relation"
                     : u->kind == LG_UNIT_TYPE    ? "type"
                     : u->kind == LG_UNIT_ROUTINE ? "routine"
                     : u->kind == LG_UNIT_SCHEMA  ? "schema"
                                                  : "extension";
  if (u->schema == NULL) return psprintf("%s %s", what, quote_identifier(u->name));
  return psprintf("%s %s", what, quote_qualified_identifier(u->schema, u->name));
}

/* Whether objects of namespace nsp are left out: the system's and lg's. */
static bool skipped_namespace(Oid nsp, Oid lg_nsp) {
  if (nsp == lg_nsp || nsp == PG_CATALOG_NAMESPACE || nsp == PG_TOAST_NAMESPACE) return true;
  if (isAnyTempNamespace(nsp)) return true;
  char *name = get_namespace_name(nsp);
  return name == NULL || strcmp(name, "information_schema") == 0;
}

/* Adds the unit of object (classid, objid) unless it is left out: its
 * schema is, or it belongs to an extension (the extension is its unit:
 * CREATE EXTENSION makes dozens of functions that are not the revision's). */
static void add_named(LgUnitSet *set, char kind, Oid classid, Oid objid, Oid nsp, const char *name,
                      Oid lg_nsp) {
  if (skipped_namespace(nsp, lg_nsp)) return;
  if (OidIsValid(getExtensionOfObject(classid, objid))) return;
  char *schema = get_namespace_name(nsp);
  lg_unit_set_add(set, kind, schema, pstrdup(name));
}

static void resolve(Oid classid, Oid objid, LgUnitSet *set, Oid lg_nsp, int depth);

static void resolve_relation(Oid relid, LgUnitSet *set, Oid lg_nsp, int depth) {
  HeapTuple tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
  if (!HeapTupleIsValid(tup)) return;
  Form_pg_class rel = (Form_pg_class) GETSTRUCT(tup);
  char kind = rel->relkind;
  Oid nsp = rel->relnamespace;
  Oid reltype = rel->reltype;
  NameData name = rel->relname;
  ReleaseSysCache(tup);
  if (kind == RELKIND_INDEX || kind == RELKIND_PARTITIONED_INDEX) {
    HeapTuple itup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(relid));
    if (!HeapTupleIsValid(itup)) return;
    Oid table = ((Form_pg_index) GETSTRUCT(itup))->indrelid;
    ReleaseSysCache(itup);
    resolve_relation(table, set, lg_nsp, depth + 1);
  } else if (kind == RELKIND_COMPOSITE_TYPE) {
    resolve(TypeRelationId, reltype, set, lg_nsp, depth + 1);
  } else if (kind != RELKIND_TOASTVALUE) {
    add_named(set, LG_UNIT_RELATION, RelationRelationId, relid, nsp, NameStr(name), lg_nsp);
  }
}

static void resolve_type(Oid typid, LgUnitSet *set, Oid lg_nsp, int depth) {
  HeapTuple tup = SearchSysCache1(TYPEOID, ObjectIdGetDatum(typid));
  if (!HeapTupleIsValid(tup)) return;
  Form_pg_type typ = (Form_pg_type) GETSTRUCT(tup);
  Oid elem = IsTrueArrayType(typ) ? typ->typelem : InvalidOid;
  Oid relid = typ->typrelid;
  char typtype = typ->typtype;
  Oid nsp = typ->typnamespace;
  NameData name = typ->typname;
  ReleaseSysCache(tup);
  if (OidIsValid(elem)) {
    resolve_type(elem, set, lg_nsp, depth + 1);
  } else if (OidIsValid(relid) && get_rel_relkind(relid) != RELKIND_COMPOSITE_TYPE) {
    resolve_relation(relid, set, lg_nsp, depth + 1); /* a table's row type */
  } else if (typtype == TYPTYPE_MULTIRANGE) {
    Oid range = get_multirange_range(typid);
    if (OidIsValid(range)) resolve_type(range, set, lg_nsp, depth + 1);
  } else {
    add_named(set, LG_UNIT_TYPE, TypeRelationId, typid, nsp, NameStr(name), lg_nsp);
  }
}

/* Sub-objects whose catalog row names their relation in one column. */
typedef struct SubObject {
  Oid classid;
  Oid oid_index;     /* the catalog's unique index on its oid */
  AttrNumber oidcol; /* its oid column */
  AttrNumber parent; /* column of the owning relation */
} SubObject;

static const SubObject sub_objects[] = {
    {AttrDefaultRelationId, AttrDefaultOidIndexId, Anum_pg_attrdef_oid, Anum_pg_attrdef_adrelid},
    {TriggerRelationId, TriggerOidIndexId, Anum_pg_trigger_oid, Anum_pg_trigger_tgrelid},
    {PolicyRelationId, PolicyOidIndexId, Anum_pg_policy_oid, Anum_pg_policy_polrelid},
    {RewriteRelationId, RewriteOidIndexId, Anum_pg_rewrite_oid, Anum_pg_rewrite_ev_class},
    {StatisticExtRelationId, StatisticExtOidIndexId, Anum_pg_statistic_ext_oid,
     Anum_pg_statistic_ext_stxrelid},
};

static void resolve_sub_object(const SubObject *sub, Oid objid, LgUnitSet *set, Oid lg_nsp,
                               int depth) {
  Relation catalog = table_open(sub->classid, AccessShareLock);
  ScanKeyData key;
  ScanKeyInit(&key, sub->oidcol, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(objid));
  SysScanDesc scan = systable_beginscan(catalog, sub->oid_index, true, NULL, 1, &key);
  HeapTuple tup = systable_getnext(scan);
  Oid relid = InvalidOid;
  if (HeapTupleIsValid(tup)) {
    bool isnull;
    Datum d = heap_getattr(tup, sub->parent, RelationGetDescr(catalog), &isnull);
    if (!isnull) relid = DatumGetObjectId(d);
  }
  systable_endscan(scan);
  table_close(catalog, AccessShareLock);
  if (OidIsValid(relid)) resolve_relation(relid, set, lg_nsp, depth + 1);
}

/* Adds the unit of (classid, objid) to set, if it exists now and is not
 * left out.  depth bounds the walk from a sub-object to its unit. */
static void resolve(Oid classid, Oid objid, LgUnitSet *set, Oid lg_nsp, int depth) {
  if (depth > 4) return;
  switch (classid) {
    case RelationRelationId:
      resolve_relation(objid, set, lg_nsp, depth);
      return;
    case TypeRelationId:
      resolve_type(objid, set, lg_nsp, depth);
      return;
    case ProcedureRelationId: {
      HeapTuple tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(objid));
      if (!HeapTupleIsValid(tup)) return;
      Form_pg_proc proc = (Form_pg_proc) GETSTRUCT(tup);
      Oid nsp = proc->pronamespace;
      NameData name = proc->proname;
      ReleaseSysCache(tup);
      add_named(set, LG_UNIT_ROUTINE, ProcedureRelationId, objid, nsp, NameStr(name), lg_nsp);
      return;
    }
    case NamespaceRelationId: {
      if (skipped_namespace(objid, lg_nsp)) return;
      char *name = get_namespace_name(objid);
      if (name != NULL) lg_unit_set_add(set, LG_UNIT_SCHEMA, NULL, name);
      return;
    }
    case ExtensionRelationId: {
      char *name = get_extension_name(objid);
      if (name != NULL && strcmp(name, "lg") != 0)
        lg_unit_set_add(set, LG_UNIT_EXTENSION, NULL, name);
      return;
    }
    case ConstraintRelationId: {
      HeapTuple tup = SearchSysCache1(CONSTROID, ObjectIdGetDatum(objid));
      if (!HeapTupleIsValid(tup)) return;
      Form_pg_constraint con = (Form_pg_constraint) GETSTRUCT(tup);
      Oid relid = con->conrelid, typid = con->contypid;
      ReleaseSysCache(tup);
      if (OidIsValid(relid)) resolve_relation(relid, set, lg_nsp, depth + 1);
      if (OidIsValid(typid)) resolve_type(typid, set, lg_nsp, depth + 1);
      return;
    }
    default:
      for (size_t i = 0; i < lengthof(sub_objects); i++)
        if (sub_objects[i].classid == classid) {
          resolve_sub_object(&sub_objects[i], objid, set, lg_nsp, depth);
          return;
        }
  }
}

/* ---- the hook ------------------------------------------------------- */

static void watch_hook(ObjectAccessType access, Oid classid, Oid objid, int subid, void *arg) {
  if (prev_object_access_hook) prev_object_access_hook(access, classid, objid, subid, arg);
  LgWatch *w = active_watch;
  if (w == NULL || !w->recording) return;
  if (access != OAT_POST_CREATE && access != OAT_DROP && access != OAT_POST_ALTER) return;
  MemoryContext old = MemoryContextSwitchTo(w->sets_cxt);
  WatchKey key = {classid, objid};
  bool found;
  (void) hash_search(w->seen, &key, HASH_ENTER, &found);
  /* A new object may not be visible to the caches yet; a dropped one is
   * gone after the hook: name it now.  An altered one is named now too
   * (perhaps under its old name), and again when the units are read. */
  if (access != OAT_POST_CREATE && !found) resolve(classid, objid, &w->named, w->lg_nsp, 0);
  MemoryContextSwitchTo(old);
}

static void note_relation(LgWatch *w, RangeVar *rv) {
  Oid relid = rv == NULL ? InvalidOid : RangeVarGetRelid(rv, NoLock, true);
  if (!OidIsValid(relid)) return;
  MemoryContext old = MemoryContextSwitchTo(w->sets_cxt);
  WatchKey key = {RelationRelationId, relid};
  (void) hash_search(w->seen, &key, HASH_ENTER, NULL);
  MemoryContextSwitchTo(old);
}

void lg_watch_note_statement(Node *parsetree) {
  LgWatch *w = active_watch;
  if (w == NULL || !w->recording || parsetree == NULL) return;
  if (IsA(parsetree, RawStmt)) parsetree = ((RawStmt *) parsetree)->stmt;
  if (parsetree == NULL || !IsA(parsetree, AlterTableStmt)) return;
  AlterTableStmt *a = (AlterTableStmt *) parsetree;
  ListCell *lc;
  foreach (lc, a->cmds) {
    AlterTableCmd *cmd = (AlterTableCmd *) lfirst(lc);
    if ((cmd->subtype != AT_AttachPartition && cmd->subtype != AT_DetachPartition &&
         cmd->subtype != AT_DetachPartitionFinalize) ||
        cmd->def == NULL || !IsA(cmd->def, PartitionCmd))
      continue;
    note_relation(w, a->relation);
    note_relation(w, ((PartitionCmd *) cmd->def)->name);
  }
}

void lg_watch_init(void) {
  if (hook_installed) return;
  prev_object_access_hook = object_access_hook;
  object_access_hook = watch_hook;
  hook_installed = true;
}

/* ---- watches -------------------------------------------------------- */

static void watch_forget(void *arg) {
  if (active_watch == (LgWatch *) arg) active_watch = NULL;
}

static void watch_reset_sets(LgWatch *w) {
  HASHCTL ctl;
  memset(&ctl, 0, sizeof ctl);
  ctl.keysize = sizeof(WatchKey);
  ctl.entrysize = sizeof(WatchKey);
  ctl.hcxt = w->sets_cxt;
  w->seen = hash_create("lg catalog watch", 64, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
  memset(&w->named, 0, sizeof w->named);
}

LgWatch *lg_watch_start(void) {
  if (active_watch != NULL && active_watch->recording)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("lg is already watching the catalog in this session")));
  LgWatch *w = (LgWatch *) palloc0(sizeof(LgWatch));
  w->cxt = AllocSetContextCreate(CurrentMemoryContext, "lg catalog watch", ALLOCSET_SMALL_SIZES);
  /* lg's own tables are in schema lg; its functions are in the extension's
   * schema (public by default), which is the user's too: not left out. */
  w->lg_nsp = get_namespace_oid("lg", true);
  w->sets_cxt = AllocSetContextCreate(w->cxt, "lg catalog watch sets", ALLOCSET_SMALL_SIZES);
  MemoryContext old = MemoryContextSwitchTo(w->sets_cxt);
  watch_reset_sets(w);
  MemoryContextSwitchTo(old);
  /* the watch's own context goes when its parent is reset or deleted */
  w->on_reset.func = watch_forget;
  w->on_reset.arg = w;
  MemoryContextRegisterResetCallback(w->cxt, &w->on_reset);
  w->recording = true;
  active_watch = w;
  return w;
}

void lg_watch_stop(LgWatch *w) {
  w->recording = false;
  if (active_watch == w) active_watch = NULL;
}

void lg_watch_clear(LgWatch *w) {
  MemoryContextReset(w->sets_cxt);
  MemoryContext old = MemoryContextSwitchTo(w->sets_cxt);
  watch_reset_sets(w);
  MemoryContextSwitchTo(old);
}

LgUnitSet *lg_watch_units(LgWatch *w) {
  LgUnitSet *set = (LgUnitSet *) palloc0(sizeof(LgUnitSet));
  for (int i = 0; i < w->named.n; i++) {
    LgUnit *u = &w->named.units[i];
    lg_unit_set_add(set, u->kind, u->schema ? pstrdup(u->schema) : NULL, pstrdup(u->name));
  }
  /* the lookups below are catalog reads: they raise no hook event */
  HASH_SEQ_STATUS it;
  hash_seq_init(&it, w->seen);
  WatchKey *key;
  while ((key = (WatchKey *) hash_seq_search(&it)) != NULL)
    resolve(key->classid, key->objid, set, w->lg_nsp, 0);
  return set;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
