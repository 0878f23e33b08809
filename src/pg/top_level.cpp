/*
 * top_level.cpp: the caller's side of lg_run_top_level (top_level.h).  It
 * lays out one dynamic shared memory segment (a fixed header, the SQL, the
 * caller's serialized settings and a message queue), starts a dynamic
 * background worker on it (top_level_worker.cpp), relays the worker's
 * notices as they come and re-raises its error once the worker is gone, as
 * PostgreSQL's parallel.c does for parallel workers.  Whatever ends the
 * caller's wait early (a cancel, a timeout, the caller's exit) terminates
 * the worker.
 */
#include "pg/top_level.h"

/* The library the worker loads: the extension's module_pathname. */
#define LG_LIBRARY "$libdir/lg"
/* How long a caller whose wait failed waits for its terminated worker. */
#define LG_WORKER_GONE_MS 5000

/* ---- preconditions ---- */

/* A concurrent index build (and DROP INDEX CONCURRENTLY, REINDEX ...
 * CONCURRENTLY, DETACH PARTITION ... CONCURRENTLY) waits for every
 * transaction whose snapshot is older than its own, and for the holders of
 * conflicting locks: if this transaction held a snapshot or had written
 * anything, the worker would wait for its own caller, which waits for the
 * worker.  The runner commits before calling; this refuses a caller that
 * did not, rather than hang. */
static void check_nothing_held(void) {
  InvalidateCatalogSnapshot();
  if (!TransactionIdIsValid(MyProc->xmin) && !TransactionIdIsValid(GetTopTransactionIdIfAny()))
    return;
  ereport(ERROR,
          (errcode(ERRCODE_INTERNAL_ERROR),
           errmsg("lg cannot start its worker while this transaction holds a %s",
                  TransactionIdIsValid(MyProc->xmin) ? "snapshot" : "transaction id"),
           errdetail("A statement that waits for older transactions (CREATE INDEX CONCURRENTLY "
                     "and the like) would wait for the caller, which waits for the statement."),
           errhint("This is a bug in lg: the transaction must commit before the statement runs.")));
}

/* ---- the shared memory segment ---- */

/* A segment holding the header, sql, the caller's GUC state and a queue
 * whose receiver is this backend. */
static dsm_segment *make_segment(const char *sql, shm_mq **mq_out) {
  uint64 sql_len = strlen(sql);
  Size guc_len = EstimateGUCStateSpace();
  uint64 sql_offset = MAXALIGN(sizeof(LgTopLevelHeader));
  uint64 guc_offset = MAXALIGN(sql_offset + sql_len + 1);
  uint64 mq_offset = MAXALIGN(guc_offset + guc_len);
  Size total = mq_offset + LG_TOP_LEVEL_QUEUE_SIZE;

  dsm_segment *seg = dsm_create(total, 0);
  char *base = (char *) dsm_segment_address(seg);
  LgTopLevelHeader *hdr = (LgTopLevelHeader *) base;
  memset(hdr, 0, sizeof(*hdr));
  hdr->magic = LG_TOP_LEVEL_MAGIC;
  hdr->version = LG_TOP_LEVEL_VERSION;
  hdr->caller_pid = MyProcPid;
  hdr->database_id = MyDatabaseId;
  hdr->session_user_id = GetSessionUserId();
  hdr->role_id = GetCurrentRoleId();
  int sec_context;
  GetUserIdAndSecContext(&hdr->current_user_id, &sec_context);
  hdr->sec_context = sec_context;
  hdr->sql_offset = sql_offset;
  hdr->sql_len = sql_len;
  memcpy(base + sql_offset, sql, sql_len + 1);
  hdr->guc_offset = guc_offset;
  hdr->guc_len = guc_len;
  SerializeGUCState(guc_len, base + guc_offset);
  hdr->mq_offset = mq_offset;
  hdr->mq_len = LG_TOP_LEVEL_QUEUE_SIZE;
  shm_mq *mq = shm_mq_create(base + mq_offset, LG_TOP_LEVEL_QUEUE_SIZE);
  shm_mq_set_receiver(mq, MyProc);
  *mq_out = mq;
  return seg;
}

/* ---- the worker ---- */

/* The segment goes away before the caller saw its worker stop: the
 * caller's transaction aborted or its process is exiting.  The worker must
 * not outlive the caller's interest in it.  Also runs on the normal path,
 * where the worker is already gone (terminating a stopped worker is a
 * no-op). */
static void terminate_on_detach(dsm_segment *seg, Datum arg) {
  BackgroundWorkerHandle *handle = (BackgroundWorkerHandle *) DatumGetPointer(arg);
  TerminateBackgroundWorker(handle);
  pfree(handle);
}

/* Registers the worker on seg; the handle lives in TopMemoryContext until
 * the segment is detached. */
static BackgroundWorkerHandle *register_worker(dsm_segment *seg) {
  BackgroundWorker worker;
  memset(&worker, 0, sizeof(worker));
  worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
  worker.bgw_start_time = BgWorkerStart_ConsistentState;
  worker.bgw_restart_time = BGW_NEVER_RESTART;
  snprintf(worker.bgw_library_name, sizeof(worker.bgw_library_name), "%s", LG_LIBRARY);
  snprintf(worker.bgw_function_name, sizeof(worker.bgw_function_name), "lg_top_level_main");
  snprintf(worker.bgw_name, sizeof(worker.bgw_name), "lg worker for PID %d", MyProcPid);
  snprintf(worker.bgw_type, sizeof(worker.bgw_type), "lg worker");
  worker.bgw_main_arg = UInt32GetDatum(dsm_segment_handle(seg));
  worker.bgw_notify_pid = MyProcPid;

  BackgroundWorkerHandle *handle = NULL;
  MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);
  bool ok = RegisterDynamicBackgroundWorker(&worker, &handle);
  MemoryContextSwitchTo(old);
  if (!ok) {
    dsm_detach(seg);
    ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_RESOURCES),
                    errmsg("lg could not start a background worker to run the statement"),
                    errdetail("All %d background worker slots (max_worker_processes) are in use.",
                              max_worker_processes),
                    errhint("Run again when fewer background workers run, or raise "
                            "max_worker_processes (a server restart is needed).")));
  }
  on_dsm_detach(seg, terminate_on_detach, PointerGetDatum(handle));
  return handle;
}

/* Terminates the worker and waits, interrupts held, until the postmaster
 * reports it gone, for at most LG_WORKER_GONE_MS: the caller's error then
 * returns with no worker left running. */
static void terminate_and_wait(BackgroundWorkerHandle *handle) {
  HOLD_INTERRUPTS();
  TerminateBackgroundWorker(handle);
  TimestampTz start = GetCurrentTimestamp();
  for (;;) {
    pid_t pid;
    BgwHandleStatus status = GetBackgroundWorkerPid(handle, &pid);
    if (status == BGWH_STOPPED || status == BGWH_POSTMASTER_DIED) break;
    if (TimestampDifferenceExceeds(start, GetCurrentTimestamp(), LG_WORKER_GONE_MS)) break;
    (void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 10,
                     PG_WAIT_EXTENSION);
    ResetLatch(MyLatch);
  }
  RESUME_INTERRUPTS();
}

/* ---- the worker's messages ---- */

typedef struct LgWorkerOutcome {
  TimestampTz start;   /* before the registration */
  TimestampTz started; /* the postmaster reported the worker running */
  bool done;           /* the worker reported that the statement committed */
  bool got_error;      /* error holds the worker's error */
  bool got_message;    /* the worker sent anything at all */
  ErrorData error;
} LgWorkerOutcome;

/* The context line of everything the worker raised. */
static void mark_from_worker(ErrorData *edata, const char *sql) {
  const char *line = "statement run top level by lg's background worker";
  edata->context =
      edata->context != NULL ? psprintf("%s\n%s", edata->context, line) : pstrdup(line);
  /* A position refers to the statement, not to the caller's query. */
  if (edata->cursorpos > 0) {
    edata->internalpos = edata->cursorpos;
    edata->internalquery = pstrdup(sql);
    edata->cursorpos = 0;
  }
}

/* One message of the worker: a notice is raised here at once, an error is
 * kept for when the worker is gone, "done" is noted.  Other protocol
 * messages (there should be none: the worker's destination is DestNone)
 * are ignored. */
static void take_message(const char *data, Size nbytes, const char *sql, LgWorkerOutcome *out) {
  StringInfoData msg;
  initStringInfo(&msg);
  appendBinaryStringInfo(&msg, data, (int) nbytes);
  char type = (char) pq_getmsgbyte(&msg);
  out->got_message = true;
  if (type == LG_TOP_LEVEL_DONE) {
    out->done = true;
  } else if (type == 'E' || type == 'N') {
    ErrorData edata;
    pq_parse_errornotice(&msg, &edata);
    mark_from_worker(&edata, sql);
    if (edata.elevel >= ERROR && out->done) {
      /* The statement committed; what failed afterwards (the worker's
       * exit) does not undo it. */
      edata.elevel = WARNING;
      ThrowErrorData(&edata);
    } else if (edata.elevel >= ERROR) {
      /* FATAL in the worker (its exit) is an ERROR of the caller's. */
      edata.elevel = ERROR;
      if (!out->got_error) out->error = edata;
      out->got_error = true;
    } else {
      ThrowErrorData(&edata);
      /* Should an error context callback have read the catalogs, its
       * snapshot must not hold back the worker (check_nothing_held). */
      InvalidateCatalogSnapshot();
    }
  }
  pfree(msg.data);
}

/* Reads the queue until the worker detaches from it (it exits), then
 * waits until the postmaster has seen it stop, so that its transaction
 * has ended and its slot is free when this returns. */
static void read_until_gone(shm_mq_handle *mqh, BackgroundWorkerHandle *handle, const char *sql,
                            LgWorkerOutcome *out) {
  pid_t pid;
  BgwHandleStatus status = WaitForBackgroundWorkerStartup(handle, &pid);
  if (status == BGWH_POSTMASTER_DIED)
    ereport(ERROR, (errcode(ERRCODE_ADMIN_SHUTDOWN),
                    errmsg("lg's background worker could not start: the postmaster died")));
  /* BGWH_STOPPED: the worker failed to start, or already finished; the
   * queue says which. */
  out->started = GetCurrentTimestamp();
  for (;;) {
    Size nbytes;
    void *data;
    if (shm_mq_receive(mqh, &nbytes, &data, false) != SHM_MQ_SUCCESS) break;
    take_message((const char *) data, nbytes, sql, out);
  }
  (void) WaitForBackgroundWorkerShutdown(handle);
  /* The worker's cost, for bench/: its start, and its whole life. */
  elog(DEBUG1, "lg's worker: running after %.3f ms, gone after %.3f ms",
       (double) (out->started - out->start) / 1000.0,
       (double) (GetCurrentTimestamp() - out->start) / 1000.0);
}

/* ---- the entry point ---- */

void lg_run_top_level(const char *sql) {
  check_nothing_held();
  LgWorkerOutcome out;
  memset(&out, 0, sizeof(out));
  out.start = GetCurrentTimestamp();
  shm_mq *mq;
  dsm_segment *seg = make_segment(sql, &mq);
  shm_mq_handle *mqh = shm_mq_attach(mq, seg, NULL);
  BackgroundWorkerHandle *handle = register_worker(seg);
  shm_mq_set_handle(mqh, handle);
  PG_TRY();
  { read_until_gone(mqh, handle, sql, &out); }
  PG_CATCH();
  {
    /* A cancel, a timeout or another error of the caller's own while it
     * waits: the worker stops before the caller's error goes on. */
    terminate_and_wait(handle);
    PG_RE_THROW();
  }
  PG_END_TRY();
  /* Runs terminate_on_detach (the worker is gone: a no-op) and frees the
   * handle. */
  dsm_detach(seg);

  if (out.got_error) ThrowErrorData(&out.error);
  if (!out.done)
    ereport(ERROR,
            (errcode(ERRCODE_INTERNAL_ERROR),
             errmsg("lg's background worker ended without finishing the statement"),
             out.got_message
                 ? errdetail("The worker exited without reporting success or an error; whether "
                             "the statement took effect is unknown.")
                 : errdetail("The worker exited before it reported anything; the server log may "
                             "say why."),
             errcontext("statement run top level by lg's background worker")));
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
