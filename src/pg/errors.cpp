/*
 * errors.cpp: maps the core's error kinds to SQLSTATEs and raises them.
 * Nothing here is XX000 except a real bug (LG_ERR_INTERNAL).
 */
#include "pg/pg_headers.h"

#include "pg/errors.h"

/* The SQLSTATE of each kind of core error. */
static int sqlstate_of(LgErrorKind kind) {
  switch (kind) {
    case LG_ERR_INVALID_ID:
    case LG_ERR_INVALID_TARGET:
    case LG_ERR_RELATIVE_OVERSHOOT:
    case LG_ERR_INVALID_DOWNGRADE:
    case LG_ERR_INVALID_IMPORT:
      return ERRCODE_INVALID_PARAMETER_VALUE;
    case LG_ERR_UNKNOWN_REVISION:
    case LG_ERR_UNKNOWN_CURRENT_ROW:
      return ERRCODE_UNDEFINED_OBJECT;
    case LG_ERR_AMBIGUOUS_REVISION:
      return ERRCODE_AMBIGUOUS_PARAMETER;
    case LG_ERR_MULTIPLE_HEADS:
    case LG_ERR_AMBIGUOUS_WALK:
    case LG_ERR_AMBIGUOUS_CURRENT:
      return ERRCODE_CARDINALITY_VIOLATION;
    case LG_ERR_UNKNOWN_PARENT:
      return ERRCODE_FOREIGN_KEY_VIOLATION;
    case LG_ERR_CYCLE:
      return ERRCODE_INVALID_RECURSION;
    case LG_ERR_DUPLICATE_LABEL:
      return ERRCODE_DUPLICATE_OBJECT;
    case LG_ERR_OUT_OF_MEMORY:
      return ERRCODE_OUT_OF_MEMORY;
    case LG_OK:
    case LG_ERR_INTERNAL:
      break;
  }
  return ERRCODE_INTERNAL_ERROR;
}

/* A hint for kinds whose core error brought none. */
static const char *default_hint(LgErrorKind kind) {
  switch (kind) {
    case LG_ERR_UNKNOWN_REVISION:
      return "SELECT * FROM lg_history() lists the registered revisions.";
    case LG_ERR_UNKNOWN_CURRENT_ROW:
      return "Register the missing revision, or reset the rows with lg_stamp(..., purge => true).";
    case LG_ERR_UNKNOWN_PARENT:
      return "Register the missing revision, or correct the parents of the revision that names it.";
    default:
      return NULL;
  }
}

void lg_raise_core_error(const LgCoreError *err) {
  const char *hint = err->hint[0] ? err->hint : default_hint(err->kind);
  ereport(ERROR, (errcode(sqlstate_of(err->kind)), errmsg("%s", err->message),
                  err->detail[0] ? errdetail("%s", err->detail) : 0,
                  hint ? errhint("%s", hint) : 0));
  pg_unreachable();
}
