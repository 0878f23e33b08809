/* plan_util.cpp: planning helpers shared by lg_migrate, lg_plan and lg_sql. */
#include "pg/pg_headers.h"

#include "pg/errors.h"
#include "pg/plan_util.h"
#include "pg/spi_util.h"

static void free_plan(void *p) { lg_plan_free((LgPlan *) p); }

LgPlan *lg_build_plan(const LgRegistry *reg, const char *target, LgDirection direction) {
  LgCoreError err;
  void **slot = lg_owned_slot(free_plan);
  LgPlan *plan = lg_plan_build_ordered(reg->graph, reg->rows, reg->nrows, target, direction,
                                       reg->step_order, &err);
  *slot = plan;
  if (plan == NULL) lg_raise_core_error(&err);
  return plan;
}

LgDirection lg_parse_direction(const char *text) {
  if (text != NULL && (strcmp(text, "up") == 0 || strcmp(text, "upgrade") == 0)) return LG_UP;
  if (text != NULL && (strcmp(text, "down") == 0 || strcmp(text, "downgrade") == 0))
    return LG_DOWN;
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("invalid direction \"%s\"", text ? text : "(null)"),
                  errhint("Use \"up\" or \"down\".")));
  pg_unreachable();
}

char *lg_target_arg(FunctionCallInfo fcinfo, int argno, LgDirection direction) {
  if (PG_ARGISNULL(argno))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                    errmsg("target must not be null"),
                    errhint("Give a revision id, \"head\", \"base\" or a relative step such as "
                            "\"%s1\".",
                            direction == LG_UP ? "+" : "-")));
  return text_to_cstring(PG_GETARG_TEXT_PP(argno));
}
