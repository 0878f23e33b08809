/*
 * fn_migrate.cpp: lg_migrate(target) and lg_downgrade(target).  Both run in
 * the caller's transaction under the run lock: plan from the rows found
 * after the lock is granted, then run every step, or fail as a whole.
 */
#include "pg/pg_headers.h"

#include "pg/plan_atomic.h"
#include "pg/plan_util.h"
#include "pg/registry.h"
#include "pg/run_lock.h"
#include "pg/runner.h"
#include "pg/spi_util.h"
#include "pg/srf.h"

typedef struct MigrateRun {
  const char *target;
  LgDirection direction;
  Tuplestorestate *store;
  TupleDesc tupdesc;
} MigrateRun;

static void migrate_body(void *arg) {
  MigrateRun *run = (MigrateRun *) arg;
  lg_run_lock_xact();
  /* Read after the lock: a caller that waited plans from what it finds now. */
  LgRegistry *reg = lg_registry_load(false);
  LgPlan *plan = lg_build_plan(reg, run->target, run->direction);
  /* One transaction: a non-transactional revision is refused up front. */
  lg_refuse_nontransactional(reg, plan, run->direction == LG_UP ? "lg_migrate()" : "lg_downgrade()",
                             run->target);
  lg_run_plan(reg, plan, run->store, run->tupdesc);
}

static Datum migrate(FunctionCallInfo fcinfo, LgDirection direction) {
  char *target = lg_target_arg(fcinfo, 0, direction);
  MigrateRun run;
  run.target = target;
  run.direction = direction;
  run.store = lg_srf_materialize(fcinfo, &run.tupdesc);

  SPI_connect();
  lg_run_guarded(direction == LG_UP ? "lg_migrate()" : "lg_downgrade()", migrate_body, &run);
  SPI_finish();
  return (Datum) 0;
}

/* lg_migrate(target text DEFAULT 'head'): upgrade, one row per step. */
LG_FUNCTION(lg_migrate) { return migrate(fcinfo, LG_UP); }

/* lg_downgrade(target text): downgrade, one row per step. */
LG_FUNCTION(lg_downgrade) { return migrate(fcinfo, LG_DOWN); }

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
