/*
 * registry.cpp: the registry as the core needs it, kept between calls.
 *
 * Rows of lg.revision come back in registration order (ord), so graph
 * indexes are registration order and every tie-break downstream is
 * deterministic.  The parsed registry and its validated graph are cached per
 * backend, keyed by lg.revision's OID (a re-created extension is another
 * registry) and lg.registry_state.generation, which a statement trigger on
 * lg.revision moves to a new sequence value on every change.  The key is read
 * with the caller's snapshot, so the cache always matches what the caller
 * would read; the version rows are never cached.
 */
#include "pg/registry.h"

#include "pg/column_types.h"
#include "pg/errors.h"
#include "pg/spi_util.h"
#include "pg/text_array.h"
#include "pg/owned_slot.h"

/*
 * One loaded registry, in a memory context of its own.  Callers hold
 * references (released when the caller's memory context goes, error or
 * not): a registry replaced while still referenced, say by revision SQL
 * that registers a revision in the middle of a run, is freed only when
 * its last user is done, never under it.
 */
typedef struct CacheEntry {
  MemoryContext context; /* holds the entry, the registry and its graph */
  LgRegistry *reg;
  int refs;
  bool current; /* still the backend's cache */
} CacheEntry;

typedef struct CacheRef {
  MemoryContextCallback callback;
  CacheEntry *entry;
} CacheRef;

static CacheEntry *cache = NULL;
static Oid cache_relid = InvalidOid;
static int64 cache_generation = 0;

static void release_if_unused(CacheEntry *entry) {
  if (entry->refs == 0 && !entry->current) MemoryContextDelete(entry->context);
}

static void drop_reference(void *arg) {
  CacheEntry *entry = ((CacheRef *) arg)->entry;
  entry->refs--;
  release_if_unused(entry);
}

/* The backend's cache stops being one; freed now or by its last user. */
static void retire_cache(void) {
  if (cache == NULL) return;
  CacheEntry *old = cache;
  cache = NULL;
  old->current = false;
  release_if_unused(old);
}

static void free_graph(void *p) { lg_graph_free((LgGraph *) p); }

int lg_registry_rows(char ***rows, bool read_only) {
  uint64 n =
      lg_spi_exec("SELECT revision FROM lg.version ORDER BY revision COLLATE pg_catalog.\"C\"", 0,
                  NULL, NULL, NULL, read_only);
  static const LgColumn cols[1] = {{"lg.version.revision", TEXTOID}};
  lg_expect_columns(cols, 1);
  *rows = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  for (uint64 i = 0; i < n; i++) (*rows)[i] = lg_spi_text(i, 1);
  return (int) n;
}

static void free_builder(void *p) { lg_graph_builder_free((LgGraphBuilder *) p); }

/* Rows of lg.revision read per fetch: the decoded batch is freed once the
 * builder has copied it, so the peak is the graph, not the whole result. */
#define LOAD_BATCH 256

/*
 * Reads lg.revision in batches and builds the graph, which (with the
 * messages) is allocated in cxt; ids are the graph's own strings.  SPI
 * calls leave the SPI procedure context current: lg_spi_* switch back.
 */
/* The planner's estimate of lg.revision's row count (from its current size
 * and density), so the builder reserves its room once: in a fresh backend
 * every page that a growing array touches anew is a page fault. */
static int estimated_revisions(Oid relid) {
  Relation rel = table_open(relid, AccessShareLock);
  BlockNumber pages;
  double tuples, allvisfrac;
  estimate_rel_size(rel, NULL, &pages, &tuples, &allvisfrac);
  table_close(rel, AccessShareLock);
  return tuples > 0 && tuples < INT_MAX / 4 ? (int) (tuples * 1.1) + 16 : 0;
}

/* The columns the load reads from lg.revision, in order. */
static const LgColumn revision_cols[7] = {{"lg.revision.ord", INT8OID},
                                          {"lg.revision.id", TEXTOID},
                                          {"lg.revision.parents", TEXTARRAYOID},
                                          {"lg.revision.depends_on", TEXTARRAYOID},
                                          {"lg.revision.branch_labels", TEXTARRAYOID},
                                          {"lg.revision.message", TEXTOID},
                                          {"lg.revision.transactional", BOOLOID}};

/* One row of the load (columns as in revision_cols) into *rev and
 * *transactional, strings in the current memory context; returns its ord.
 * The lists are NOT NULL in lg's schema; a null (constraint dropped by hand)
 * is an error, never a null pointer; a null transactional is the cautious
 * false. */
static int64 read_revision_row(HeapTuple tup, TupleDesc desc, LgRevisionIn *rev,
                               unsigned char *transactional) {
  bool isnull;
  Datum id = SPI_getbinval(tup, desc, 2, &isnull);
  if (isnull) lg_column_is_null("lg.revision.id", NULL);
  rev->id = TextDatumGetCString(id);
  int64 ord = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
  if (isnull) lg_column_is_null("lg.revision.ord", rev->id);
  Datum lists[3];
  for (int c = 0; c < 3; c++) {
    lists[c] = SPI_getbinval(tup, desc, 3 + c, &isnull);
    if (isnull) lg_column_is_null(revision_cols[2 + c].name, rev->id);
  }
  rev->nparents = lg_text_array_items(lists[0], (char ***) &rev->parents);
  rev->ndepends_on = lg_text_array_items(lists[1], (char ***) &rev->depends_on);
  rev->nbranch_labels = lg_text_array_items(lists[2], (char ***) &rev->branch_labels);
  Datum tx = SPI_getbinval(tup, desc, 7, &isnull);
  *transactional = !isnull && DatumGetBool(tx) ? 1 : 0;
  return ord;
}

/* The registry from the builder's graph (owned by the current memory
 * context), the messages and transactional flags in load order; scratch in
 * work. */
static LgRegistry *finish_registry(LgGraphBuilder *builder, char **messages,
                                   const unsigned char *transactional, int n, MemoryContext work) {
  LgCoreError err;
  LgRegistry *reg = (LgRegistry *) palloc0(sizeof(LgRegistry));
  int *order = (int *) MemoryContextAlloc(work, sizeof(int) * (n > 0 ? n : 1));
  void **graph_slot = lg_owned_slot(free_graph);
  reg->graph = lg_graph_builder_finish(builder, order, &err);
  *graph_slot = reg->graph;
  if (reg->graph == NULL) lg_raise_core_error(&err);
  reg->nrevs = n;
  reg->ids = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  reg->messages = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  reg->transactional = (unsigned char *) palloc(n > 0 ? n : 1);
  for (int i = 0; i < n; i++) {
    reg->ids[i] = (char *) lg_graph_id(reg->graph, i);
    reg->messages[i] = messages[order[i]];
    reg->transactional[i] = transactional[order[i]];
  }
  return reg;
}

static LgRegistry *load_revisions(MemoryContext cxt, Oid relid, bool read_only) {
  MemoryContext work =
      AllocSetContextCreate(CurrentMemoryContext, "lg registry load", ALLOCSET_DEFAULT_SIZES);
  MemoryContext batch = AllocSetContextCreate(work, "lg registry batch", ALLOCSET_DEFAULT_SIZES);
  MemoryContext old = MemoryContextSwitchTo(work);
  LgCoreError err;
  void **builder_slot = lg_owned_slot(free_builder);
  int expected = estimated_revisions(relid);
  LgGraphBuilder *builder = lg_graph_builder_new(expected, &err);
  *builder_slot = builder;
  if (builder == NULL) lg_raise_core_error(&err);

  int capacity = Max(expected, 1024), n = 0;
  char **messages = (char **) MemoryContextAlloc(cxt, sizeof(char *) * capacity);
  unsigned char *transactional = (unsigned char *) MemoryContextAlloc(work, capacity);
  /* No ORDER BY: a sequential scan, sorted by ord in the builder.  In ord
   * order the planner walks the ord index and visits every heap page, SQL
   * included, through shared buffers; a large sequential scan reads through
   * a small ring of buffers instead. */
  Portal portal = lg_spi_cursor(
      "SELECT ord, id, parents, depends_on, branch_labels, message, transactional "
      "FROM lg.revision",
      read_only);
  uint64 got;
  while ((got = lg_spi_fetch(portal, LOAD_BATCH)) > 0) {
    if ((uint64) n + got > (uint64) INT_MAX / 2)
      ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                      errmsg("too many registered revisions: more than %d", INT_MAX / 2)));
    lg_expect_columns(revision_cols, 7);
    MemoryContextSwitchTo(batch);
    SPITupleTable *tt = SPI_tuptable;
    for (uint64 i = 0; i < got; i++, n++) {
      HeapTuple tup = tt->vals[i];
      if (n == capacity) {
        capacity *= 2;
        messages = (char **) repalloc(messages, sizeof(char *) * capacity);
        transactional = (unsigned char *) repalloc(transactional, capacity);
      }
      LgRevisionIn rev;
      int64 ord = read_revision_row(tup, tt->tupdesc, &rev, &transactional[n]);
      if (!lg_graph_builder_add(builder, (long long) ord, &rev, &err)) lg_raise_core_error(&err);
      bool isnull;
      Datum msg = SPI_getbinval(tup, tt->tupdesc, 6, &isnull);
      messages[n] = isnull ? NULL : MemoryContextStrdup(cxt, TextDatumGetCString(msg));
      CHECK_FOR_INTERRUPTS();
    }
    SPI_freetuptable(tt);
    MemoryContextReset(batch);
    MemoryContextSwitchTo(work);
  }
  SPI_cursor_close(portal);
  MemoryContextSwitchTo(cxt);

  LgRegistry *reg = finish_registry(builder, messages, transactional, n, work);
  pfree(messages);
  MemoryContextSwitchTo(old);
  MemoryContextDelete(work); /* frees the (empty) builder */
  return reg;
}

/* lg.settings' step_order (0 alembic, 1 registration), read with the
 * registry: lg_configure() writes lg.settings, whose triggers move the
 * generation like a registration.  Before the update to 0.2 there is no
 * lg.settings, and the order is Alembic's. */
static int load_step_order(bool read_only) {
  Oid nsp = get_namespace_oid("lg", true);
  if (!OidIsValid(nsp) || !OidIsValid(get_relname_relid("settings", nsp))) return 0;
  if (lg_spi_exec("SELECT value FROM lg.settings WHERE key OPERATOR(pg_catalog.=) 'step_order'", 0,
                  NULL, NULL, NULL, read_only) != 1)
    return 0;
  char *value = lg_spi_text(0, 1);
  return value != NULL && strcmp(value, "registration") == 0 ? 1 : 0;
}

LgRegistry *lg_registry_load(bool read_only) {
  lg_spi_exec(
      "SELECT 'lg.revision'::pg_catalog.regclass::pg_catalog.oid, generation "
      "FROM lg.registry_state",
      0, NULL, NULL, NULL, read_only);
  if (SPI_processed != 1)
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("lg.registry_state must hold exactly one row"),
                    errhint("Re-create the extension, or restore the row from a dump.")));
  static const LgColumn state_cols[2] = {{NULL, OIDOID}, {"lg.registry_state.generation", INT8OID}};
  lg_expect_columns(state_cols, 2);
  bool isnull;
  Oid relid =
      DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
  int64 generation =
      DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));

  MemoryContext caller = CurrentMemoryContext;
  if (cache == NULL || relid != cache_relid || generation != cache_generation) {
    /* Build in a context of our own under the current one: an error frees
     * it (and the graph) with the current context; only success keeps it. */
    MemoryContext fresh =
        AllocSetContextCreate(caller, "lg registry cache", ALLOCSET_DEFAULT_SIZES);
    LgRegistry *loaded = load_revisions(fresh, relid, read_only);
    loaded->step_order = load_step_order(read_only);
    CacheEntry *entry = (CacheEntry *) MemoryContextAllocZero(fresh, sizeof(CacheEntry));
    entry->context = fresh;
    entry->reg = loaded;
    entry->current = true;
    MemoryContextSetParent(fresh, TopMemoryContext);
    retire_cache();
    cache = entry;
    cache_relid = relid;
    cache_generation = generation;
  }

  /* The caller holds a reference until its memory context goes. */
  CacheRef *ref = (CacheRef *) MemoryContextAllocZero(caller, sizeof(CacheRef));
  ref->entry = cache;
  ref->callback.func = drop_reference;
  ref->callback.arg = ref;
  MemoryContextRegisterResetCallback(caller, &ref->callback);
  cache->refs++;

  /* The caller gets the cached registry with this call's rows. */
  LgRegistry *reg = (LgRegistry *) MemoryContextAlloc(caller, sizeof(LgRegistry));
  *reg = *cache->reg;
  reg->relid = relid;
  reg->generation = generation;
  reg->nrows = lg_registry_rows(&reg->rows, read_only);
  return reg;
}

int lg_registry_applied(const LgRegistry *reg, unsigned char **applied) {
  *applied = (unsigned char *) palloc0(reg->nrevs > 0 ? reg->nrevs : 1);
  LgCoreError err;
  int n = lg_graph_applied(reg->graph, reg->rows, reg->nrows, *applied, &err);
  if (n < 0) lg_raise_core_error(&err);
  return n;
}

bool lg_is_applied(const char *revision) {
  /* The rows first, on their own: with none, nothing is applied and the
   * registry (whose graph may not even be valid yet) is not loaded; with
   * some, lg_registry_load reads them again with the graph, a cheap
   * second read of a table of tips. */
  char **rows;
  if (lg_registry_rows(&rows, false) == 0) return false;
  LgRegistry *reg = lg_registry_load(false);
  unsigned char *applied;
  lg_registry_applied(reg, &applied);
  int index = lg_graph_find(reg->graph, revision);
  return index >= 0 && applied[index];
}

void lg_registry_forget(void) { retire_cache(); }

/* The (sub)transaction that last moved the generation. */
static LocalTransactionId bumped_lxid = InvalidLocalTransactionId;
static SubTransactionId bumped_subxid = InvalidSubTransactionId;

/*
 * lg.registry_changed(): statement trigger on lg.revision and lg.script,
 * one per event with its transition table (0.2).  This backend
 * drops its cache at once; other backends learn of the change from
 * lg.registry_state.generation, which moves once per (sub)transaction:
 * they only see committed changes, and one new value per commit is enough.
 * Updating the one row once per registration would leave thousands of dead
 * versions of it in a transaction that loads a whole directory, each update
 * walking them all.  A rolled-back subtransaction takes its move with it, so
 * the next one moves it again.
 */
LG_FUNCTION(lg_registry_changed) {
  if (!CALLED_AS_TRIGGER(fcinfo))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("lg.registry_changed() must be called as a trigger")));
  /* A statement that wrote no row (an identical re-registration's ON
   * CONFLICT DO NOTHING) changes nothing: the transition table of the
   * trigger's event is empty.  TRUNCATE has none and always counts. */
  TriggerData *td = (TriggerData *) fcinfo->context;
  Tuplestorestate *written = td->tg_newtable != NULL ? td->tg_newtable : td->tg_oldtable;
  if (written != NULL && tuplestore_tuple_count(written) == 0) return PointerGetDatum(NULL);
  lg_registry_forget();
  LocalTransactionId lxid = LG_MY_LXID;
  SubTransactionId subxid = GetCurrentSubTransactionId();
  if (lxid != bumped_lxid || subxid != bumped_subxid) {
    SPI_connect();
    lg_spi_exec(
        "UPDATE lg.registry_state SET generation = "
        "pg_catalog.nextval('lg.registry_generation'::pg_catalog.regclass)",
        0, NULL, NULL, NULL, false);
    SPI_finish();
    bumped_lxid = lxid;
    bumped_subxid = subxid;
  }
  return PointerGetDatum(NULL);
}

static int compare_ids(const void *a, const void *b) {
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

int lg_registry_row_index(const LgRegistry *reg, const char *id) {
  if (reg->nrows == 0) return -1;
  char **hit = (char **) bsearch(&id, reg->rows, reg->nrows, sizeof(char *), compare_ids);
  return hit == NULL ? -1 : (int) (hit - reg->rows);
}

Datum lg_registry_message(const LgRegistry *reg, int index, bool *isnull) {
  *isnull = reg->messages[index] == NULL;
  return *isnull ? (Datum) 0 : CStringGetTextDatum(reg->messages[index]);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
