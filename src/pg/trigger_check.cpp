/* trigger_check.cpp: the protocol check of lg's row triggers. */
#include "pg/trigger_check.h"

TriggerData *lg_before_row_trigger(FunctionCallInfo fcinfo, const char *name, bool also_insert) {
  if (!CALLED_AS_TRIGGER(fcinfo))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("%s must be called as a trigger", name)));
  TriggerData *td = (TriggerData *) fcinfo->context;
  bool event_ok = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ||
                  (also_insert && TRIGGER_FIRED_BY_INSERT(td->tg_event));
  if (!TRIGGER_FIRED_BEFORE(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event) || !event_ok)
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("%s must be a BEFORE %s row trigger", name,
                           also_insert ? "INSERT OR UPDATE" : "UPDATE")));
  return td;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
