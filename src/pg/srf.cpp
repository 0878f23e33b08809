/* srf.cpp: the classic materialize-mode set-up of a set-returning function. */
#include "pg/srf.h"

Tuplestorestate *lg_srf_materialize(FunctionCallInfo fcinfo, TupleDesc *tupdesc) {
  ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
  if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo))
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("set-valued function called in context that cannot accept a set")));
  if (!(rsinfo->allowedModes & SFRM_Materialize))
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("materialize mode required, but it is not allowed in this context")));

  MemoryContext old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
  TupleDesc desc;
  if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
    elog(ERROR, "return type must be a row type");
  desc = CreateTupleDescCopy(desc);
  Tuplestorestate *store = tuplestore_begin_heap(true, false, work_mem);
  rsinfo->returnMode = SFRM_Materialize;
  rsinfo->setResult = store;
  rsinfo->setDesc = desc;
  MemoryContextSwitchTo(old);
  *tupdesc = desc;
  return store;
}

void lg_srf_begin_read(FunctionCallInfo fcinfo, LgSrf *srf, bool with_applied) {
  srf->store = lg_srf_materialize(fcinfo, &srf->tupdesc);
  SPI_connect();
  srf->reg = lg_registry_load(true);
  srf->applied = NULL;
  srf->napplied = with_applied ? lg_registry_applied(srf->reg, &srf->applied) : 0;
}

void lg_srf_put(LgSrf *srf, Datum *values, bool *nulls) {
  tuplestore_putvalues(srf->store, srf->tupdesc, values, nulls);
}

Datum lg_srf_end(LgSrf *srf) {
  SPI_finish();
  return (Datum) 0;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
