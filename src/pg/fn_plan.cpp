/*
 * fn_plan.cpp: lg_plan() lists the steps a run would take, without running
 * them (lg_sql() in fn_sql.cpp writes their SQL as a script).
 */
#include "pg/pg_headers.h"

#include "pg/plan_util.h"
#include "pg/registry.h"
#include "pg/srf.h"

/* lg_plan(target, direction): step number, revision, direction, and
 * whether the step runs inside one transaction (false: only CALL lg_apply()
 * outside a transaction block runs it). */
LG_FUNCTION(lg_plan) {
  LgDirection direction =
      lg_parse_direction(PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1)));
  char *target = lg_target_arg(fcinfo, 0, direction);
  LgSrf srf;
  lg_srf_begin_read(fcinfo, &srf, false);
  LgRegistry *reg = srf.reg;
  LgPlan *plan = lg_build_plan(reg, target, direction);
  int n = lg_plan_nsteps(plan);
  for (int i = 0; i < n; i++) {
    int index = lg_plan_step_revision(plan, i);
    Datum values[4] = {
        Int32GetDatum(i + 1), CStringGetTextDatum(reg->ids[index]),
        CStringGetTextDatum(lg_plan_step_direction(plan, i) == LG_UP ? "up" : "down"),
        BoolGetDatum(reg->transactional[index] != 0)};
    bool nulls[4] = {false, false, false, false};
    lg_srf_put(&srf, values, nulls);
  }
  return lg_srf_end(&srf);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
