/*
 * owner.h: lg's own bookkeeping runs as the extension owner.
 *
 * lg's tables grant nothing to anyone: the right to migrate is EXECUTE on
 * lg's functions, and the functions read and write the registry, the
 * version rows and the journal as the owner of the extension (as pg_cron
 * runs its jobs with SetUserIdAndSecContext).  Only lg's fixed,
 * schema-qualified, parameterised statements run that way, with
 * search_path pinned to pg_catalog; revision SQL never does: it runs as
 * the caller, with the caller's privileges and search_path.
 */
#pragma once

#include "pg/pg_headers.h"

/* What lg_owner_enter changed, for lg_owner_leave. */
typedef struct LgOwnerSwitch {
  Oid saved_user;
  int saved_sec;
  int nest; /* GUC nest level of search_path and jit */
} LgOwnerSwitch;

/* pg_extension.extowner of lg (cached for the transaction); ereports if lg
 * is not installed in this database. */
Oid lg_extension_owner(void);

/* Owner and schema of lg from pg_extension, uncached; false if lg is not
 * installed. */
bool lg_extension_find(Oid *owner, Oid *nsp);

/*
 * Switches to the extension owner (SECURITY_LOCAL_USERID_CHANGE and
 * SECURITY_RESTRICTED_OPERATION added to the caller's security context)
 * and, at a new GUC nest level, search_path = 'pg_catalog, pg_temp' and
 * jit = off.  lg_owner_leave undoes both.  On an error in between, the
 * (sub)transaction's abort restores user and settings; a caller that
 * catches the error must call lg_owner_restore_user (user and settings)
 * first.
 */
void lg_owner_enter(LgOwnerSwitch *sw);
void lg_owner_leave(LgOwnerSwitch *sw);
void lg_owner_restore_user(const LgOwnerSwitch *sw);

/*
 * Who called lg, captured before any switch: the current role (the
 * journal's by_role, a revision's registered_by) and the session role.
 * Text datums in the current memory context.
 */
Datum lg_caller_role(void);
Datum lg_caller_session_role(void);

/* Fails (55000, hint: ALTER EXTENSION lg UPDATE) while lg's tables are
 * older than the library's (no lg.schema_state, which 0.4 adds): a run
 * writes the journal and lg.schema_state through the newest columns. */
void lg_require_current_schema(void);
