/*
 * subxact.cpp: the one place that catches a PostgreSQL error and goes on
 * (docs/DESIGN.md rule 4): only with the subtransaction rolled back and the
 * memory context and resource owner restored.
 */
#include "pg/subxact.h"

ErrorData *lg_run_in_subxact(LgSubxactFn fn, void *arg, bool keep, bool rethrow) {
  MemoryContext cxt = CurrentMemoryContext;
  ResourceOwner owner = CurrentResourceOwner;
  ErrorData *volatile edata = NULL;

  BeginInternalSubTransaction(NULL);
  MemoryContextSwitchTo(cxt);
  PG_TRY();
  {
    fn(arg);
    if (keep)
      ReleaseCurrentSubTransaction();
    else
      RollbackAndReleaseCurrentSubTransaction();
    MemoryContextSwitchTo(cxt);
    CurrentResourceOwner = owner;
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(cxt);
    edata = CopyErrorData();
    FlushErrorState();
    RollbackAndReleaseCurrentSubTransaction();
    MemoryContextSwitchTo(cxt);
    CurrentResourceOwner = owner;
  }
  PG_END_TRY();
  if (edata != NULL && rethrow) ReThrowError(edata);
  return edata;
}
