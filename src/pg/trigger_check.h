/* trigger_check.h: the protocol check of lg's row triggers. */
#pragma once

#include "pg/pg_headers.h"

/*
 * The TriggerData of a BEFORE row trigger named name ("lg.x()"), fired by
 * an UPDATE, or with also_insert by an INSERT too; ereports (trigger
 * protocol violated) when the function was called any other way.
 */
TriggerData *lg_before_row_trigger(FunctionCallInfo fcinfo, const char *name, bool also_insert);
