/*
 * fn_migrate.cpp: lg_migrate(target) and lg_downgrade(target).  Both run in
 * the caller's transaction under the run lock: plan from the rows found
 * after the lock is granted, then run every step, or fail as a whole.
 */
#include "pg/pg_headers.h"

#include "pg/errors.h"
#include "pg/registry.h"
#include "pg/runner.h"
#include "pg/spi_util.h"
#include "pg/srf.h"

static void free_plan(void *p) { lg_plan_free((LgPlan *) p); }

static Datum migrate(FunctionCallInfo fcinfo, LgDirection direction) {
  const char *fname = direction == LG_UP ? "lg_migrate" : "lg_downgrade";
  if (PG_ARGISNULL(0))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                    errmsg("target of %s must not be null", fname),
                    errhint("Give a revision id, \"head\", \"base\" or a relative step such as "
                            "\"%s1\".",
                            direction == LG_UP ? "+" : "-")));
  char *target = text_to_cstring(PG_GETARG_TEXT_PP(0));
  TupleDesc tupdesc;
  Tuplestorestate *store = lg_srf_materialize(fcinfo, &tupdesc);

  SPI_connect();
  lg_lock_runs();
  /* Read after the lock: a caller that waited plans from what it finds now. */
  LgRegistry *reg = lg_registry_load(false);

  LgCoreError err;
  void **slot = lg_owned_slot(free_plan);
  LgPlan *plan = lg_plan_build(reg->graph, reg->rows, reg->nrows, target, direction, &err);
  *slot = plan;
  if (plan == NULL) lg_raise_core_error(&err);

  lg_run_plan(reg, plan, store, tupdesc);
  SPI_finish();
  return (Datum) 0;
}

/* lg_migrate(target text DEFAULT 'head'): upgrade, one row per step. */
LG_FUNCTION(lg_migrate) { return migrate(fcinfo, LG_UP); }

/* lg_downgrade(target text): downgrade, one row per step. */
LG_FUNCTION(lg_downgrade) { return migrate(fcinfo, LG_DOWN); }
