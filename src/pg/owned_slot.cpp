/* owned_slot.cpp: core objects owned by a memory context (DESIGN.md rule 3). */
#include "pg/owned_slot.h"

typedef struct FreeCallback {
  MemoryContextCallback cb;
  void (*free_fn)(void *);
  void *ptr;
} FreeCallback;

static void run_free_callback(void *arg) {
  FreeCallback *fc = (FreeCallback *) arg;
  if (fc->ptr != NULL) fc->free_fn(fc->ptr);
  fc->ptr = NULL;
}

void **lg_owned_slot(void (*free_fn)(void *)) {
  FreeCallback *fc = (FreeCallback *) palloc(sizeof(FreeCallback));
  fc->free_fn = free_fn;
  fc->ptr = NULL;
  fc->cb.func = run_free_callback;
  fc->cb.arg = fc;
  MemoryContextRegisterResetCallback(CurrentMemoryContext, &fc->cb);
  return &fc->ptr;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
