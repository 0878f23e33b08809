/*
 * fn_apply.cpp: CALL lg_apply(target), the upgrade that commits after each
 * revision.  Outside a transaction block it holds the run lock at session
 * level (run_lock.h) for the whole run and releases it on every path; a
 * failure leaves every earlier revision committed and recorded and the
 * failing one entirely absent, so there is no "dirty" state to clean up.
 * Inside a transaction block it is lg_migrate without the result rows.
 */
#include "pg/pg_headers.h"

#include "pg/plan_atomic.h"
#include "pg/plan_util.h"
#include "pg/registry.h"
#include "pg/run_lock.h"
#include "pg/runner.h"
#include "pg/spi_util.h"

static bool nonatomic_call(FunctionCallInfo fcinfo) {
  return fcinfo->context != NULL && IsA(fcinfo->context, CallContext) &&
         !castNode(CallContext, fcinfo->context)->atomic;
}

static void apply_atomic(void *arg) {
  const char *target = (const char *) arg;
  lg_run_lock_xact();
  LgRegistry *reg = lg_registry_load(false);
  LgPlan *plan = lg_build_plan(reg, target, LG_UP);
  lg_refuse_nontransactional(reg, plan, "lg_apply() inside a transaction block", target);
  lg_run_plan(reg, plan, NULL, NULL, NULL);
}

/* After each step of a non-atomic CALL: the step commits, under the lock. */
static void commit_step(void) {
  lg_run_lock_check_held();
  SPI_commit();
}

static void apply_nonatomic(void *arg) {
  const char *target = (const char *) arg;
  lg_run_lock_session();
  PG_TRY();
  {
    /* The transaction the CALL started has a snapshot from before the wait
     * (its transaction snapshot under REPEATABLE READ or SERIALIZABLE):
     * end it, so the plan is read from what committed before the lock was
     * granted.  Nothing of the caller's is in it: a CALL outside a
     * transaction block is the only statement of its transaction. */
    SPI_commit();
    /* Plan once, from the rows found under the lock: a relative target
     * keeps its meaning while the steps commit one by one.  The plan lives
     * in the SPI procedure context, which outlives the commits. */
    LgRegistry *reg = lg_registry_load(false);
    lg_run_plan(reg, lg_build_plan(reg, target, LG_UP), NULL, NULL, commit_step);
  }
  PG_CATCH();
  {
    lg_run_lock_session_release();
    PG_RE_THROW();
  }
  PG_END_TRY();
  lg_run_lock_session_release();
}

LG_FUNCTION(lg_apply) {
  char *target = lg_target_arg(fcinfo, 0, LG_UP);

  if (!nonatomic_call(fcinfo)) {
    SPI_connect();
    lg_run_guarded("lg_apply()", apply_atomic, target);
    SPI_finish();
    PG_RETURN_VOID();
  }

  SPI_connect_ext(SPI_OPT_NONATOMIC);
  /* In the SPI procedure context, which outlives the commits. */
  target = pstrdup(target);
  lg_run_guarded("lg_apply()", apply_nonatomic, target);
  SPI_finish();
  PG_RETURN_VOID();
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
