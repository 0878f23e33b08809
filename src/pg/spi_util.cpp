/*
 * spi_util.cpp: running lg's own statements through SPI.  They
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

/* One call of lg's own SPI, run as the owner by as_owner(). */
typedef struct SpiCall {
  const char *sql;
  int nargs;
  Oid *types;
  Datum *values;
  const char *nulls;
  bool read_only;
  int cursor_options;
  MemoryContext cxt; /* the caller's */
  int rc;            /* SPI_execute_plan's result */
  Portal portal;     /* SPI_cursor_open's result */
  long count;        /* rows to fetch */
} SpiCall;

/* Runs fn(call) as the extension owner (owner.h): if it errors, the
 * caller's user id is restored before the error propagates; afterwards the
 * caller's memory context is current again (SPI returns in its procedure
 * context). */
static void as_owner(void (*fn)(SpiCall *), SpiCall *call) {
  call->cxt = CurrentMemoryContext;
  LgOwnerSwitch sw;
  lg_owner_enter(&sw);
  PG_TRY();
  { fn(call); }
  PG_CATCH();
  {
    lg_owner_restore_user(&sw);
    PG_RE_THROW();
  }
  PG_END_TRY();
  lg_owner_leave(&sw);
  MemoryContextSwitchTo(call->cxt);
}

static void execute_saved(SpiCall *c) {
  SPIPlanPtr plan = saved_plan(c->sql, c->nargs, c->types, c->cursor_options);
  MemoryContextSwitchTo(c->cxt);
  c->rc = SPI_execute_plan(plan, c->values, c->nulls, c->read_only, 0);
}

static void open_saved(SpiCall *c) {
  SPIPlanPtr plan = saved_plan(c->sql, 0, NULL, 0);
  MemoryContextSwitchTo(c->cxt);
  c->portal = SPI_cursor_open(NULL, plan, NULL, NULL, c->read_only);
}

static void fetch(SpiCall *c) { SPI_cursor_fetch(c->portal, true, c->count); }

static uint64 spi_exec(const char *sql, int nargs, Oid *types, Datum *values, const char *nulls,
                       bool read_only, int cursor_options) {
  SpiCall call = {sql, nargs, types, values, nulls, read_only, cursor_options, NULL, 0, NULL, 0};
  as_owner(execute_saved, &call);
  if (call.rc < 0)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("lg internal statement failed: %s", SPI_result_code_string(call.rc)),
                    errdetail("Statement: %s", sql)));
  return SPI_processed;
}

uint64 lg_spi_exec(const char *sql, int nargs, Oid *types, Datum *values, const char *nulls,
                   bool read_only) {
  return spi_exec(sql, nargs, types, values, nulls, read_only, 0);
}

uint64 lg_spi_exec_generic(const char *sql, int nargs, Oid *types, Datum *values, const char *nulls,
                           bool read_only) {
  return spi_exec(sql, nargs, types, values, nulls, read_only, CURSOR_OPT_GENERIC_PLAN);
}

Portal lg_spi_cursor(const char *sql, bool read_only) {
  SpiCall call = {sql, 0, NULL, NULL, NULL, read_only, 0, NULL, 0, NULL, 0};
  as_owner(open_saved, &call);
  if (call.portal == NULL)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("lg internal statement failed to open a cursor: %s",
                           SPI_result_code_string(SPI_result)),
                    errdetail("Statement: %s", sql)));
  return call.portal;
}

/* The cursor's query runs at each fetch: as the owner too. */
uint64 lg_spi_fetch(Portal portal, long count) {
  SpiCall call = {NULL, 0, NULL, NULL, NULL, false, 0, NULL, 0, portal, count};
  as_owner(fetch, &call);
  return SPI_processed;
}

Datum lg_spi_finish_text(MemoryContext caller, const char *s, int len) {
  MemoryContextSwitchTo(caller);
  text *result = cstring_to_text_with_len(s, len < 0 ? (int) strlen(s) : len);
  SPI_finish();
  return PointerGetDatum(result);
}

char *lg_spi_text(uint64 row, int col) {
  bool isnull;
  Datum d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, &isnull);
  return isnull ? NULL : TextDatumGetCString(d);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
