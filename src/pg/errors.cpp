/*
 * errors.cpp: maps the core's error kinds to SQLSTATEs and raises them.
 * Nothing here is XX000 except a real bug (LG_ERR_INTERNAL).
 */
#include "pg/pg_headers.h"

#include "pg/errors.h"

/* The SQLSTATE of each kind of core error (listed in core/error_kinds.h). */
static int sqlstate_of(LgErrorKind kind) {
  switch (kind) {
#define LG_SQLSTATE_OF(kind, c_name, sqlstate) \
  case LG_ERR_##c_name:                        \
    return sqlstate;
    LG_ERROR_KINDS(LG_SQLSTATE_OF)
#undef LG_SQLSTATE_OF
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
  ereport(ERROR,
          (errcode(sqlstate_of(err->kind)), errmsg("%s", err->message),
           err->detail[0] ? errdetail("%s", err->detail) : 0, hint ? errhint("%s", hint) : 0));
  pg_unreachable();
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
