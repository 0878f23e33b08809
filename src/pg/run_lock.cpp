/*
 * run_lock.cpp: the run lock (run_lock.h): its tag, the bounded wait for
 * it, the error that names its holder, the snapshot check after the wait,
 * lg_lock_runs() for lg_sql() scripts, and the in-run flag of this backend.
 */
#include "pg/run_lock.h"

#include "pg/owner.h"

#include "pg/guc.h"
#include "pg/text_array.h"

static void run_lock_tag(LOCKTAG *tag) {
  SET_LOCKTAG_ADVISORY(*tag, MyDatabaseId, (uint32) (LG_RUN_LOCK_KEY >> 32),
                       (uint32) LG_RUN_LOCK_KEY, LG_RUN_LOCK_SUBID);
}

/* The earlier of two timestamps that may be unset (0). */
static TimestampTz earliest(TimestampTz a, TimestampTz b) {
  if (a == 0) return b;
  if (b == 0) return a;
  return a < b ? a : b;
}

/*
 * "process 123, role "alice", since <time>" for the session that holds the
 * lock: its pid from the lock manager, its role and the start of its
 * transaction or of its current statement (the earlier: a CALL lg_apply
 * commits inside one statement) from the backend status table.
 */
static void describe_holder(const LOCKTAG *tag, StringInfo out) {
  int n = 0;
  VirtualTransactionId *holders = GetLockConflicts(tag, ExclusiveLock, &n);
  for (int i = 0; i < n; i++) {
    if (out->len > 0) appendStringInfoString(out, "; ");
    /* No backend: a prepared transaction holds it. */
    PGPROC *proc = LG_VXID_PROC(holders[i]);
    if (proc == NULL || proc->pid == 0) {
      appendStringInfoString(out, "a prepared transaction (see pg_prepared_xacts)");
      continue;
    }
    int pid = proc->pid;
    const char *role = NULL;
    TimestampTz since = 0;
    int nbackends = pgstat_fetch_stat_numbackends();
    for (int b = 1; b <= nbackends; b++) {
      LocalPgBackendStatus *local = LG_LOCAL_BEENTRY(b);
      if (local == NULL || local->backendStatus.st_procpid != pid) continue;
      role = GetUserNameFromId(local->backendStatus.st_userid, true);
      since = earliest(local->backendStatus.st_xact_start_timestamp,
                       local->backendStatus.st_activity_start_timestamp);
      break;
    }
    appendStringInfo(out, "process %d, role \"%s\", since %s", pid, role ? role : "?",
                     since != 0 ? timestamptz_to_str(since) : "an unknown time");
  }
  if (out->len == 0) appendStringInfoString(out, "a session that has released it meanwhile");
}

bool lg_run_lock_held_anywhere(void) {
  LOCKTAG tag;
  run_lock_tag(&tag);
  if (LG_LOCK_HELD_BY_ME(&tag, ExclusiveLock)) return true;
  int n = 0;
  (void) GetLockConflicts(&tag, ExclusiveLock, &n);
  return n > 0;
}

/*
 * LockAcquire with the wait bounded by lg.lock_timeout (0: the session's
 * lock_timeout stands).  A timeout is caught here, only to be raised again
 * as lg's own error naming the holder.
 */
/* Everything that takes the run lock writes lg's tables, which a hot
 * standby cannot: say so before anything runs, instead of failing deep
 * inside a revision or lg's bookkeeping with "read-only transaction". */
static void refuse_on_standby(void) {
  if (!RecoveryInProgress()) return;
  ereport(ERROR, (errcode(ERRCODE_READ_ONLY_SQL_TRANSACTION),
                  errmsg("lg cannot run, register or stamp migrations on a hot standby"),
                  errdetail("This server is in recovery: lg's tables and the schema are read-only "
                            "here."),
                  errhint("Run it on the primary; replication brings the result and lg's "
                          "history here.  lg's read-only functions work on a standby.")));
}

static void acquire(bool session) {
  refuse_on_standby();
  LOCKTAG tag;
  run_lock_tag(&tag);
  if (LockAcquire(&tag, ExclusiveLock, session, true) != LOCKACQUIRE_NOT_AVAIL) return;

  int nest = lg_push_lock_timeout();
  int waited_ms = LockTimeout;
  MemoryContext cxt = CurrentMemoryContext;
  volatile bool timed_out = false;
  PG_TRY();
  { (void) LockAcquire(&tag, ExclusiveLock, session, false); }
  PG_CATCH();
  {
    MemoryContextSwitchTo(cxt);
    ErrorData *edata = CopyErrorData();
    if (edata->sqlerrcode != ERRCODE_LOCK_NOT_AVAILABLE) PG_RE_THROW();
    /* Out of the lock's wait queue (ProcessInterrupts did it already; this
     * is idempotent), then the error is ours to raise. */
    FlushErrorState();
    FreeErrorData(edata);
    LockErrorCleanup();
    timed_out = true;
  }
  PG_END_TRY();
  AtEOXact_GUC(true, nest);
  if (!timed_out) return;

  StringInfoData holder;
  initStringInfo(&holder);
  describe_holder(&tag, &holder);
  ereport(ERROR,
          (errcode(ERRCODE_LOCK_NOT_AVAILABLE),
           errmsg("lg: could not obtain the run lock within %d ms", waited_ms),
           errdetail("The run lock is held by %s.", holder.data),
           errhint("Another lg run, registration, stamp or repair is in progress; retry when it "
                   "ends, or raise lg.lock_timeout.  In pg_locks the run lock is the advisory "
                   "lock with objsubid %d.",
                   LG_RUN_LOCK_SUBID)));
}

/* What any run or registration changes: the journal's last line and the
 * registry generation.  Every name is qualified (it runs with the caller's
 * search_path). */
#define LG_CHANGE_MARK_SQL                                                               \
  "SELECT pg_catalog.concat(COALESCE((SELECT pg_catalog.max(id) FROM lg.log), 0), '/', " \
  "(SELECT generation FROM lg.registry_state))"

static char *change_mark(Snapshot snapshot) {
  /* As the owner, like every statement of lg's on its tables (owner.h). */
  LgOwnerSwitch sw;
  lg_owner_enter(&sw);
  SPIPlanPtr plan = SPI_prepare(LG_CHANGE_MARK_SQL, 0, NULL);
  if (plan == NULL) elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
  int rc = SPI_execute_snapshot(plan, NULL, NULL, snapshot, InvalidSnapshot, true, false, 1);
  if (rc != SPI_OK_SELECT)
    elog(ERROR, "SPI_execute_snapshot failed: %s", SPI_result_code_string(rc));
  lg_owner_leave(&sw);
  char *mark = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
  SPI_freeplan(plan);
  return mark ? mark : pstrdup("");
}

static void refuse_stale_snapshot(void) {
  /* Under REPEATABLE READ or SERIALIZABLE the transaction's snapshot may
   * predate a run that committed while we waited: planning from it would
   * apply revisions twice.  Fail as PostgreSQL does, with a retryable error.
   * (Under READ COMMITTED every lg statement after the lock takes a new
   * snapshot.) */
  if (IsolationUsesXactSnapshot()) {
    char *mine = change_mark(GetActiveSnapshot());
    char *latest = change_mark(GetLatestSnapshot());
    if (strcmp(mine, latest) != 0)
      ereport(ERROR, (errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
                      errmsg("could not serialize access due to a concurrent lg run"),
                      errdetail("Another session changed the revisions or the version rows after "
                                "this transaction's snapshot was taken."),
                      errhint("Retry the transaction.")));
  }
}

void lg_run_lock_xact(void) {
  /* Held already (a registration inside lg_import, or inside a revision of
   * a run): nobody can have committed a run since this transaction took it,
   * and that first acquisition did the snapshot check below.  Checking
   * again would compare the statement's snapshot with this statement's own
   * earlier writes and fail for nothing. */
  LOCKTAG tag;
  run_lock_tag(&tag);
  bool held = LG_LOCK_HELD_BY_ME(&tag, ExclusiveLock);
  acquire(false);
  if (held) return;

  refuse_stale_snapshot();
}

void lg_run_lock_session(void) { acquire(true); }

void lg_run_lock_session_checked(void) {
  LOCKTAG tag;
  run_lock_tag(&tag);
  bool held = LG_LOCK_HELD_BY_ME(&tag, ExclusiveLock);
  acquire(true);
  if (!held) refuse_stale_snapshot();
}

void lg_run_lock_check_held(void) {
  LOCKTAG tag;
  run_lock_tag(&tag);
  if (!LG_LOCK_HELD_BY_ME(&tag, ExclusiveLock))
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("lg's run lock was released during the run"),
                    errdetail("Revision SQL released the session's advisory locks "
                              "(pg_advisory_unlock_all()); the revision was not committed."),
                    errhint("Remove the call from the revision SQL.")));
}

void lg_run_lock_session_release(void) {
  LOCKTAG tag;
  run_lock_tag(&tag);
  if (LG_LOCK_HELD_BY_ME(&tag, ExclusiveLock)) (void) LockRelease(&tag, ExclusiveLock, true);
}

/* lg_lock_runs(): the run lock for the rest of the transaction, for the
 * scripts of lg_sql(); not executable by PUBLIC. */
LG_FUNCTION(lg_lock_runs) {
  SPI_connect();
  lg_run_lock_xact();
  SPI_finish();
  PG_RETURN_VOID();
}

/* ---- runs in progress in this backend ---------------------------------- */

static bool run_in_progress = false;

void lg_run_refuse_nested(const char *function) {
  if (!run_in_progress) return;
  ereport(ERROR,
          (errcode(ERRCODE_OBJECT_IN_USE),
           errmsg("%s cannot be called while an lg run is in progress in this session", function),
           errdetail("Revision SQL may register revisions, but not run migrations, stamp "
                     "or repair: the run in progress owns the version rows."),
           errhint("Register the work as a revision of its own.")));
}

void lg_run_begin(void) { run_in_progress = true; }

void lg_run_end(void) { run_in_progress = false; }

void lg_run_guarded(const char *function, void (*body)(void *), void *arg) {
  lg_run_refuse_nested(function);
  run_in_progress = true;
  PG_TRY();
  { body(arg); }
  PG_CATCH();
  {
    run_in_progress = false;
    PG_RE_THROW();
  }
  PG_END_TRY();
  run_in_progress = false;
}

Datum lg_run_rows(const char *function, void (*body)(void *), void *arg, char ***rows, int *nrows) {
  MemoryContext caller = CurrentMemoryContext;
  SPI_connect();
  lg_run_guarded(function, body, arg);
  MemoryContextSwitchTo(caller);
  Datum result = lg_text_array(*rows, *nrows);
  SPI_finish();
  return result;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
