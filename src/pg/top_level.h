/*
 * top_level.h: one statement run top level (outside any transaction block
 * or function) by a dynamic background worker that lg starts as the caller
 * and waits for: what CALL lg_apply() uses for the statements PostgreSQL
 * refuses inside a transaction block or a function (CREATE INDEX
 * CONCURRENTLY, VACUUM, ...), which SPI cannot run.
 */
#pragma once

#include "pg/pg_headers.h"

/*
 * Runs sql (exactly one statement, already split by lg) as a top-level
 * statement in a dynamic background worker, as the caller; waits for it.
 * Preconditions: called from a non-atomic CALL whose transaction holds no
 * snapshot and no lock of the caller's work (the runner commits first).
 * Notices and warnings of the worker are re-raised in the caller; an error
 * comes back as ERROR with the worker's SQLSTATE, message, detail, hint
 * (never FATAL), plus a context line saying it ran in lg's worker.
 *
 * The worker connects to the caller's database as the caller's session
 * user, takes the caller's settings (search_path, lock_timeout,
 * statement_timeout, ...), SET ROLE and current user and security context,
 * and reads sql with standard_conforming_strings = on and backslash_quote =
 * safe_encoding.  A cancel or an error of the caller while it waits
 * terminates the worker before the caller's error returns; the caller's
 * exit terminates it too.  Errors: 53000 when no background worker slot is
 * free (max_worker_processes), XX000 when a snapshot or a transaction id is
 * still held (the precondition), and when the worker ends without
 * reporting success or an error.
 */
void lg_run_top_level(const char *sql);

/* The worker's entry point (bgw_function_name); refuses a segment that is
 * not one lg_run_top_level made. */
extern "C" {
PGDLLEXPORT void lg_top_level_main(Datum main_arg);
}

/* ---- shared between the caller (top_level.cpp) and the worker ---- */

#define LG_TOP_LEVEL_MAGIC 0x6c67746cU /* "lgtl" */
#define LG_TOP_LEVEL_VERSION 1U
#define LG_TOP_LEVEL_QUEUE_SIZE 16384
/* The worker's message type for "the statement committed". */
#define LG_TOP_LEVEL_DONE 'Z'

/* The fixed header at the start of the segment; the SQL (NUL-terminated),
 * the serialized GUC state and the shm_mq follow at MAXALIGNed offsets. */
typedef struct LgTopLevelHeader {
  uint32 magic;
  uint32 version;
  int32 caller_pid;    /* must be the worker's bgw_notify_pid */
  Oid database_id;     /* MyDatabaseId */
  Oid session_user_id; /* the worker connects as this role */
  Oid role_id;         /* SET ROLE of the caller, InvalidOid for none */
  Oid current_user_id; /* GetUserIdAndSecContext of the caller */
  int32 sec_context;
  uint64 sql_offset, sql_len; /* sql_len without the NUL */
  uint64 guc_offset, guc_len;
  uint64 mq_offset, mq_len;
} LgTopLevelHeader;
