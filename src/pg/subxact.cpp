/*
 * subxact.cpp: the one place that catches a PostgreSQL error and goes on
 * (docs/DESIGN.md rule 4): only with the subtransaction rolled back and the
 * memory context and resource owner restored.
 */
#include "pg/subxact.h"

/* The one body of both: fn or decide runs; keep, or what decide says. */
static ErrorData *run_in_subxact(LgSubxactFn fn, LgSubxactDecideFn decide, void *arg, bool keep,
                                 bool rethrow, bool *kept) {
  MemoryContext cxt = CurrentMemoryContext;
  ResourceOwner owner = CurrentResourceOwner;
  ErrorData *volatile edata = NULL;

  BeginInternalSubTransaction(NULL);
  MemoryContextSwitchTo(cxt);
  PG_TRY();
  {
    bool keep_it = keep;
    if (decide != NULL)
      keep_it = decide(arg);
    else if (fn != NULL)
      fn(arg);
    if (kept != NULL) *kept = keep_it;
    if (keep_it)
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
    if (kept != NULL) *kept = false;
    FlushErrorState();
    RollbackAndReleaseCurrentSubTransaction();
    MemoryContextSwitchTo(cxt);
    CurrentResourceOwner = owner;
  }
  PG_END_TRY();
  if (edata != NULL && rethrow) ReThrowError(edata);
  return edata;
}

ErrorData *lg_run_in_subxact(LgSubxactFn fn, void *arg, bool keep, bool rethrow) {
  return run_in_subxact(fn, NULL, arg, keep, rethrow, NULL);
}

ErrorData *lg_run_in_subxact_decide(LgSubxactDecideFn decide, void *arg, bool *kept) {
  return run_in_subxact(NULL, decide, arg, false, false, kept);
}

bool lg_error_ends_trial(const ErrorData *e) {
  return e->sqlerrcode == ERRCODE_QUERY_CANCELED || e->sqlerrcode == ERRCODE_ADMIN_SHUTDOWN ||
         e->sqlerrcode == ERRCODE_OUT_OF_MEMORY;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
