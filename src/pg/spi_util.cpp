/*
 * spi_util.cpp: helpers around SPI and text arrays.  lg's own statements
 * are schema-qualified and take every value as a parameter.
 */
#include "pg/spi_util.h"

uint64 lg_spi_exec(const char *sql, int nargs, Oid *types, Datum *values,
                   const char *nulls, bool read_only) {
  int rc = SPI_execute_with_args(sql, nargs, types, values, nulls, read_only, 0);
  if (rc < 0)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("lg internal statement failed: %s", SPI_result_code_string(rc)),
                    errdetail("Statement: %s", sql)));
  return SPI_processed;
}

Datum lg_text_array(char **items, int n) {
  Datum *elems = (Datum *) palloc(sizeof(Datum) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) elems[i] = CStringGetTextDatum(items[i]);
  return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

int lg_text_array_items(Datum array, char ***items) {
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

void lg_lock_runs(void) {
  Oid types[1] = {INT8OID};
  Datum values[1] = {Int64GetDatum(LG_RUN_LOCK_KEY)};
  lg_spi_exec("SELECT pg_catalog.pg_advisory_xact_lock($1)", 1, types, values, NULL, false);
}
