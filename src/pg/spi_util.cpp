/*
 * spi_util.cpp: helpers around SPI and text arrays.  lg's own statements
 * are schema-qualified and take every value as a parameter, and they are
 * prepared and run as the extension owner with search_path pinned to
 * pg_catalog (owner.h): the same search_path at preparation and at every
 * execution, so the plan cache never re-plans for a caller's search_path.
 * If an error escapes in between, the caller's user id is restored before it
 * propagates (and the (sub)transaction's abort restores it in any case).
 */
#include "pg/spi_util.h"

#include "pg/owner.h"

/* lg's statements, prepared once per backend: the key is the address of the
 * SQL literal (every caller passes a string literal). */
typedef struct SavedPlan {
  const char *sql; /* hash key */
  SPIPlanPtr plan;
} SavedPlan;

static HTAB *saved_plans = NULL;

static SPIPlanPtr saved_plan(const char *sql, int nargs, Oid *types, int cursor_options) {
  if (saved_plans == NULL) {
    HASHCTL ctl;
    memset(&ctl, 0, sizeof ctl);
    ctl.keysize = sizeof(const char *);
    ctl.entrysize = sizeof(SavedPlan);
    saved_plans = hash_create("lg saved plans", 64, &ctl, HASH_ELEM | HASH_BLOBS);
  }
  bool found;
  SavedPlan *entry = (SavedPlan *) hash_search(saved_plans, &sql, HASH_FIND, &found);
  if (found) return entry->plan;
  SPIPlanPtr plan = SPI_prepare_cursor(sql, nargs, types, cursor_options);
  if (plan == NULL)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("lg internal statement failed to prepare: %s",
                           SPI_result_code_string(SPI_result)),
                    errdetail("Statement: %s", sql)));
  if (SPI_keepplan(plan) != 0) elog(ERROR, "SPI_keepplan failed");
  entry = (SavedPlan *) hash_search(saved_plans, &sql, HASH_ENTER, &found);
  entry->plan = plan;
  return plan;
}

static uint64 spi_exec(const char *sql, int nargs, Oid *types, Datum *values, const char *nulls,
                       bool read_only, int cursor_options) {
  /* SPI returns in its procedure context; come back to the caller's, so
   * per-step contexts keep what a step allocates. */
  MemoryContext cxt = CurrentMemoryContext;
  LgOwnerSwitch sw;
  int rc = 0;
  lg_owner_enter(&sw);
  PG_TRY();
  {
    SPIPlanPtr plan = saved_plan(sql, nargs, types, cursor_options);
    MemoryContextSwitchTo(cxt);
    rc = SPI_execute_plan(plan, values, nulls, read_only, 0);
  }
  PG_CATCH();
  {
    lg_owner_restore_user(&sw);
    PG_RE_THROW();
  }
  PG_END_TRY();
  lg_owner_leave(&sw);
  MemoryContextSwitchTo(cxt);
  if (rc < 0)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("lg internal statement failed: %s", SPI_result_code_string(rc)),
                    errdetail("Statement: %s", sql)));
  return SPI_processed;
}

uint64 lg_spi_exec(const char *sql, int nargs, Oid *types, Datum *values,
                   const char *nulls, bool read_only) {
  return spi_exec(sql, nargs, types, values, nulls, read_only, 0);
}

uint64 lg_spi_exec_generic(const char *sql, int nargs, Oid *types, Datum *values,
                           const char *nulls, bool read_only) {
  return spi_exec(sql, nargs, types, values, nulls, read_only, CURSOR_OPT_GENERIC_PLAN);
}

Portal lg_spi_cursor(const char *sql, bool read_only) {
  MemoryContext cxt = CurrentMemoryContext;
  LgOwnerSwitch sw;
  Portal portal = NULL;
  lg_owner_enter(&sw);
  PG_TRY();
  {
    SPIPlanPtr plan = saved_plan(sql, 0, NULL, 0);
    MemoryContextSwitchTo(cxt);
    portal = SPI_cursor_open(NULL, plan, NULL, NULL, read_only);
  }
  PG_CATCH();
  {
    lg_owner_restore_user(&sw);
    PG_RE_THROW();
  }
  PG_END_TRY();
  lg_owner_leave(&sw);
  MemoryContextSwitchTo(cxt);
  if (portal == NULL)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("lg internal statement failed to open a cursor: %s",
                           SPI_result_code_string(SPI_result)),
                    errdetail("Statement: %s", sql)));
  return portal;
}

/* The cursor's query runs at each fetch: as the owner too. */
uint64 lg_spi_fetch(Portal portal, long count) {
  MemoryContext cxt = CurrentMemoryContext;
  LgOwnerSwitch sw;
  lg_owner_enter(&sw);
  PG_TRY();
  {
    SPI_cursor_fetch(portal, true, count);
  }
  PG_CATCH();
  {
    lg_owner_restore_user(&sw);
    PG_RE_THROW();
  }
  PG_END_TRY();
  lg_owner_leave(&sw);
  MemoryContextSwitchTo(cxt);
  return SPI_processed;
}

Datum lg_text_array(char **items, int n) {
  Datum *elems = (Datum *) palloc(sizeof(Datum) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) elems[i] = CStringGetTextDatum(items[i]);
  return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

int lg_text_array_items(Datum array, char ***items) {
  /* An empty array (most depends_on and branch_labels) is a bare header:
   * answer without detoasting a copy and deconstructing it. */
  struct varlena *raw = (struct varlena *) DatumGetPointer(array);
  if (!VARATT_IS_EXTENDED(raw) || VARATT_IS_SHORT(raw)) {
    if (VARSIZE_ANY_EXHDR(raw) == sizeof(ArrayType) - VARHDRSZ) {
      *items = NULL;
      return 0;
    }
  }
  Datum *elems;
  bool *nulls;
  int n;
  deconstruct_array(DatumGetArrayTypeP(array), TEXTOID, -1, false, TYPALIGN_INT,
                    &elems, &nulls, &n);
  *items = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) (*items)[i] = nulls[i] ? NULL : TextDatumGetCString(elems[i]);
  return n;
}

char *lg_spi_text(uint64 row, int col) {
  bool isnull;
  Datum d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, &isnull);
  return isnull ? NULL : TextDatumGetCString(d);
}

typedef struct FreeCallback {
  MemoryContextCallback cb;
  void (*free_fn)(void *);
  void *ptr;
} FreeCallback;

static void run_free_callback(void *arg) {
  FreeCallback *fc = (FreeCallback *) arg;
  if (fc->ptr != NULL) fc->free_fn(fc->ptr);
  fc->ptr = NULL;
}

void **lg_owned_slot(void (*free_fn)(void *)) {
  FreeCallback *fc = (FreeCallback *) palloc(sizeof(FreeCallback));
  fc->free_fn = free_fn;
  fc->ptr = NULL;
  fc->cb.func = run_free_callback;
  fc->cb.arg = fc;
  MemoryContextRegisterResetCallback(CurrentMemoryContext, &fc->cb);
  return &fc->ptr;
}
