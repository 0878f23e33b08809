/* plan_util.h: from a target text to a plan, shared by runs and previews. */
#pragma once

#include "bridge/core_bridge.h"
#include "pg/registry.h"

/* Plans target in direction against the loaded registry and rows; ereports
 * core errors.  The plan is freed with the current memory context. */
LgPlan *lg_build_plan(const LgRegistry *reg, const char *target, LgDirection direction);

/* "up" or "down" (also "upgrade", "downgrade") to a direction; ereports otherwise. */
LgDirection lg_parse_direction(const char *text);

/* The target argument argno as a C string; ereports a hint when it is NULL. */
char *lg_target_arg(FunctionCallInfo fcinfo, int argno, LgDirection direction);
