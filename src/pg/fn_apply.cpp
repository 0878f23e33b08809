/*
 * fn_apply.cpp: CALL lg_apply(target), the upgrade that commits after each
 * revision.  Outside a transaction block it holds a session advisory lock
 * (the same key as lg_migrate's transaction lock) for the whole run and
 * releases it on every path; a failure leaves every earlier revision
 * committed and recorded and the failing one entirely absent, so there is
 * no "dirty" state to clean up.  Inside a transaction block it is
 * lg_migrate without the result rows.
 */
#include "pg/pg_headers.h"

#include "pg/plan_util.h"
#include "pg/registry.h"
#include "pg/runner.h"
#include "pg/spi_util.h"

static bool nonatomic_call(FunctionCallInfo fcinfo) {
  return fcinfo->context != NULL && IsA(fcinfo->context, CallContext) &&
         !castNode(CallContext, fcinfo->context)->atomic;
}

static void release_session_lock(void) {
  DirectFunctionCall1(pg_advisory_unlock_int8, Int64GetDatum(LG_RUN_LOCK_KEY));
}

LG_FUNCTION(lg_apply) {
  char *target = lg_target_arg(fcinfo, 0, LG_UP);

  if (!nonatomic_call(fcinfo)) {
    SPI_connect();
    lg_lock_runs();
    LgRegistry *reg = lg_registry_load(false);
    lg_run_plan(reg, lg_build_plan(reg, target, LG_UP), NULL, NULL);
    SPI_finish();
    PG_RETURN_VOID();
  }

  SPI_connect_ext(SPI_OPT_NONATOMIC);
  Oid types[1] = {INT8OID};
  Datum values[1] = {Int64GetDatum(LG_RUN_LOCK_KEY)};
  lg_spi_exec("SELECT pg_catalog.pg_advisory_lock($1)", 1, types, values, NULL, false);
  PG_TRY();
  {
    /* Plan once, from the rows found under the lock: a relative target
     * keeps its meaning while the steps commit one by one.  The plan lives
     * in the SPI procedure context, which outlives the commits. */
    LgRegistry *reg = lg_registry_load(false);
    LgPlan *plan = lg_build_plan(reg, target, LG_UP);
    int n = lg_plan_nsteps(plan);
    LgStepSql *sql = lg_prepare_steps(reg, plan);
    if (n == 0) lg_tidy_rows(reg, plan);
    for (int i = 0; i < n; i++) {
      lg_run_step(reg, plan, i, sql, NULL, NULL);
      SPI_commit();
      CHECK_FOR_INTERRUPTS();
    }
  }
  PG_CATCH();
  {
    release_session_lock();
    PG_RE_THROW();
  }
  PG_END_TRY();
  release_session_lock();
  SPI_finish();
  PG_RETURN_VOID();
}
