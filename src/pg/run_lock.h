/*
 * run_lock.h: the run lock, which serializes every lg run and every change
 * to the registry or the version rows in a database.
 *
 * The lock is a lock-manager lock with an advisory lock tag that no SQL
 * function can take: field4 (pg_locks.objsubid) is LG_RUN_LOCK_SUBID, and
 * pg_advisory_lock() and its kin only ever use 1 (one bigint key) or 2 (two
 * int keys).  So only lg's C code acquires it: a role without lg's grants
 * cannot block or hold it.  In pg_locks it is the row
 *   locktype = 'advisory', classid = 1818713965, objid = 1768387169,
 *   objsubid = 3   (classid/objid: the two halves of "lg_migra")
 * in the database of the run.
 *
 * Every wait for it is bounded by lg.lock_timeout (0: the session's
 * lock_timeout); a wait that times out fails with SQLSTATE 55P03 naming the
 * holder (process id, role, since when).
 */
#pragma once

#include "pg/pg_headers.h"

/* "lg_migra", as the 0.1 advisory key; the halves are classid and objid. */
#define LG_RUN_LOCK_KEY INT64CONST(0x6c675f6d69677261)
#define LG_RUN_LOCK_SUBID 3

/*
 * Takes the run lock until the end of the transaction.  Under REPEATABLE
 * READ or SERIALIZABLE, fails with 40001 when a run or registration
 * committed after this transaction's snapshot was taken (planning from
 * that snapshot would apply revisions twice).  Needs SPI connected.
 */
void lg_run_lock_xact(void);

/* Takes the run lock for the session (CALL lg_apply across its commits);
 * the caller plans only after a commit, i.e. from a fresh snapshot. */
void lg_run_lock_session(void);
/* The same, with lg_run_lock_xact()'s snapshot check (40001): for
 * lg_script_begin(), which reads the version rows right after the wait. */
void lg_run_lock_session_checked(void);
/* Fails (55000) unless the run lock is still held: revision SQL run by
 * lg_apply could release the session-level lock with
 * pg_advisory_unlock_all(); the step must not commit without it. */
void lg_run_lock_check_held(void);
/* Whether any session (this one included) holds the run lock now. */
bool lg_run_lock_held_anywhere(void);

/* Releases the session-level run lock if held (every path of lg_apply). */
void lg_run_lock_session_release(void);

/* The line of an lg_sql() script that takes the run lock, given the
 * quoted schema of lg's functions (PUBLIC has no USAGE on schema lg, so
 * the function a migrator calls lives beside lg_migrate). */
#define LG_RUN_LOCK_SQL_FMT "SELECT %s.lg_lock_runs();"

/*
 * A run (migrate, downgrade, apply, stamp, repair) in progress in this
 * backend.  Revision SQL may register revisions, but may not start another
 * run or move the version rows: lg_run_refuse_nested() raises 55006 then.
 * lg_run_begin()/lg_run_end() bracket a run; lg_run_end() must be called on
 * every path, errors included (PG_TRY around the run, then re-throw).
 */
void lg_run_refuse_nested(const char *function);
void lg_run_begin(void);
void lg_run_end(void);

/* Calls body(arg) as a run: refuses a nested one (function names the
 * caller in the error), marks the backend in a run, clears it on every path. */
void lg_run_guarded(const char *function, void (*body)(void *), void *arg);

/* A run that ends in version rows (lg_stamp, lg_adopt): connects SPI, calls
 * body(arg) through lg_run_guarded, and returns the text[] of the *nrows
 * rows body left at *rows, built in the caller's memory context. */
Datum lg_run_rows(const char *function, void (*body)(void *), void *arg, char ***rows, int *nrows);
