/* guc.h: lg's settings (lg.lock_timeout, lg.lock_retries, lg.statement_timeout). */
#pragma once

extern int lg_lock_timeout_ms;      /* lock_timeout while revision SQL runs; 0 = the session's */
extern int lg_lock_retries;         /* retries of a statement that timed out on a lock */
extern int lg_statement_timeout_ms; /* bound on each revision statement; 0 = none */

/* DROP EXTENSION lg guard (drop_guard.cpp). */
extern bool lg_allow_drop; /* lets DROP EXTENSION lg drop applied history */

/* lg_status() counts the live-schema drift (fn_status.cpp). */
extern bool lg_status_schema_drift;

/* Opens a GUC nest level with lock_timeout = lg.lock_timeout (when set)
 * and returns it, for AtEOXact_GUC(true, nest) to pop. */
int lg_push_lock_timeout(void);

/* Defines the settings; called from _PG_init. */
void lg_define_gucs(void);
