/*
 * fn_apply.cpp: CALL lg_apply(target, direction), the run that commits
 * after each revision and runs non-transactional revisions.  Outside a
 * transaction block it holds the run lock at session level (run_lock.h)
 * for the whole run and releases it on every path; a failure leaves every
 * earlier revision committed and recorded, the failing step rolled back to
 * its last commit, and where it stopped in lg.progress and lg.log, so that
 * the next call resumes (apply_run.cpp).  Inside a transaction block it is
 * lg_migrate (or lg_downgrade) without the result rows, and refuses
 * non-transactional revisions.
 */
#include "pg/pg_headers.h"

#include "pg/plan_atomic.h"
#include "pg/plan_util.h"
#include "pg/progress.h"
#include "pg/registry.h"
#include "pg/run_lock.h"
#include "pg/runner.h"
#include "pg/spi_util.h"

typedef struct ApplyArgs {
  char *target;
  LgDirection direction;
} ApplyArgs;

static bool nonatomic_call(FunctionCallInfo fcinfo) {
  return fcinfo->context != NULL && IsA(fcinfo->context, CallContext) &&
         !castNode(CallContext, fcinfo->context)->atomic;
}

static void apply_atomic(void *arg) {
  ApplyArgs *a = (ApplyArgs *) arg;
  lg_run_lock_xact();
  LgRegistry *reg = lg_registry_load(false);
  LgPlan *plan = lg_build_plan(reg, a->target, a->direction);
  lg_refuse_nontransactional(reg, plan, "lg_apply() inside a transaction block", a->target);
  lg_run_plan(reg, plan, NULL, NULL);
}

static void apply_nonatomic(void *arg) {
  ApplyArgs *a = (ApplyArgs *) arg;
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
    LgProgress partial;
    bool unfinished = lg_progress_read(&partial);
    lg_run_plan_committing(reg, lg_build_plan(reg, a->target, a->direction),
                           a->direction == LG_DOWN, unfinished ? &partial : NULL);
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
  ApplyArgs args;
  args.direction = PG_NARGS() > 1 && !PG_ARGISNULL(1)
                       ? lg_parse_direction(text_to_cstring(PG_GETARG_TEXT_PP(1)))
                       : LG_UP;
  args.target = lg_target_arg(fcinfo, 0, args.direction);

  if (!nonatomic_call(fcinfo)) {
    SPI_connect();
    lg_run_guarded("lg_apply()", apply_atomic, &args);
    SPI_finish();
    PG_RETURN_VOID();
  }

  SPI_connect_ext(SPI_OPT_NONATOMIC);
  /* In the SPI procedure context, which outlives the commits. */
  args.target = pstrdup(args.target);
  lg_run_guarded("lg_apply()", apply_nonatomic, &args);
  SPI_finish();
  PG_RETURN_VOID();
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
