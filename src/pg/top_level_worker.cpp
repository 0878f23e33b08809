/*
 * top_level_worker.cpp: the background worker of lg_run_top_level
 * (top_level.h).  It checks that its segment is one lg_run_top_level made
 * for the backend that started it, sends everything it reports through the
 * segment's queue, connects as the caller's session user, takes the
 * caller's settings, SET ROLE, current user and security context, and runs
 * the one statement top level, as exec_simple_query does; then it reports
 * "done" and exits.  Its own errors end it (the caller re-raises them).
 */
#include "pg/top_level.h"

/* ---- the segment ---- */

static void refuse(const char *why) {
  ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                  errmsg("lg's background worker refused its shared memory segment: %s", why)));
}

/* True when [offset, offset + len) lies inside a segment of size total. */
static bool inside(uint64 offset, uint64 len, Size total) {
  return offset >= sizeof(LgTopLevelHeader) && offset <= total && len <= total - offset;
}

/* The header of seg, after checking everything the worker relies on: a
 * segment of another layout, another program or another backend is
 * refused before anything runs. */
static const LgTopLevelHeader *validated_header(dsm_segment *seg) {
  Size total = dsm_segment_map_length(seg);
  const char *base = (const char *) dsm_segment_address(seg);
  if (total < sizeof(LgTopLevelHeader)) refuse("it is too small");
  const LgTopLevelHeader *hdr = (const LgTopLevelHeader *) base;
  if (hdr->magic != LG_TOP_LEVEL_MAGIC) refuse("bad magic number");
  if (hdr->version != LG_TOP_LEVEL_VERSION) refuse("unknown layout version");
  if (MyBgworkerEntry == NULL || hdr->caller_pid != (int32) MyBgworkerEntry->bgw_notify_pid)
    refuse("it was not made by the backend that started this worker");
  if (!inside(hdr->sql_offset, hdr->sql_len + 1, total) ||
      base[hdr->sql_offset + hdr->sql_len] != '\0' ||
      strlen(base + hdr->sql_offset) != hdr->sql_len)
    refuse("bad statement text");
  if (!inside(hdr->guc_offset, hdr->guc_len, total)) refuse("bad settings");
  if (!inside(hdr->mq_offset, hdr->mq_len, total) || hdr->mq_len < shm_mq_minimum_size ||
      hdr->mq_offset != MAXALIGN(hdr->mq_offset))
    refuse("bad message queue");
  return hdr;
}

/* ---- the caller's identity and settings ---- */

static void set_setting(const char *name, const char *value) {
  (void) set_config_option(name, value, PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SET, true, ERROR,
                           false);
}

/* After the connection as the caller's session user: the caller's
 * settings, then its SET ROLE (checked again: the session user must still
 * be allowed to take that role), then its current user and security
 * context; and lg's lexing rule (statements.h), under which lg split the
 * statement. */
static void take_callers_state(const LgTopLevelHeader *hdr, char *gucstate) {
  StartTransactionCommand();
  /* Restores session_authorization too, which is the session user this
   * worker connected as (so its check passes on every release); "role" is
   * left out of the serialized state (PostgreSQL 15) or restored before
   * session_authorization resets it: set it again, last, by name. */
  RestoreGUCState(gucstate);
  if (OidIsValid(hdr->role_id)) set_setting("role", GetUserNameFromId(hdr->role_id, false));
  /* Messages go to the caller, which re-raises them in its own client
   * encoding: they travel in the database encoding (as parallel workers'
   * do), whatever client_encoding says. */
  SetClientEncoding(GetDatabaseEncoding());
  set_setting("standard_conforming_strings", "on");
  set_setting("backslash_quote", "safe_encoding");
  CommitTransactionCommand();
  SetUserIdAndSecContext(hdr->current_user_id, hdr->sec_context);
}

/* ---- the statement ---- */

/* Parses, plans and runs sql, exactly one statement, top level, in a
 * transaction of its own that it commits (the statement may commit and
 * start transactions itself, as CREATE INDEX CONCURRENTLY does), with the
 * caller's statement_timeout.  Parse and plan trees live in cxt, which
 * outlives those transactions; the steps are exec_simple_query's. */
static void run_statement(const char *sql, MemoryContext cxt) {
  SetCurrentStatementStartTimestamp();
  debug_query_string = sql;
  pgstat_report_activity(STATE_RUNNING, sql);
  StartTransactionCommand();
  if (StatementTimeout > 0) enable_timeout_after(STATEMENT_TIMEOUT, StatementTimeout);

  MemoryContext old = MemoryContextSwitchTo(cxt);
  List *parsetrees = pg_parse_query(sql);
  if (list_length(parsetrees) != 1)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("lg's background worker received %d statements, not one",
                           list_length(parsetrees))));
  RawStmt *raw = linitial_node(RawStmt, parsetrees);
  if (IsA(raw->stmt, TransactionStmt))
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("lg's background worker does not run transaction control statements")));
  /* The worker has no client: COPY FROM STDIN would fail half-way ("there
   * is no client connection"), COPY TO STDOUT would send its rows to the
   * caller, which has nowhere to put them.  Say so at once. */
  if (IsA(raw->stmt, CopyStmt) && castNode(CopyStmt, raw->stmt)->filename == NULL &&
      !castNode(CopyStmt, raw->stmt)->is_program)
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("lg's background worker does not run COPY from or to the client")));
  CommandTag tag = CreateCommandTag(raw->stmt);
  set_ps_display(GetCommandTagName(tag));
  BeginCommand(tag, DestNone);

  bool snapshot = analyze_requires_snapshot(raw);
  if (snapshot) PushActiveSnapshot(GetTransactionSnapshot());
  List *queries = pg_analyze_and_rewrite_fixedparams(raw, sql, NULL, 0, NULL);
  List *plans = pg_plan_queries(queries, sql, CURSOR_OPT_PARALLEL_OK, NULL);
  if (snapshot) PopActiveSnapshot();
  CHECK_FOR_INTERRUPTS();

  Portal portal = CreatePortal("", true, true);
  portal->visible = false;
  PortalDefineQuery(portal, NULL, sql, tag, plans, NULL);
  PortalStart(portal, NULL, 0, InvalidSnapshot);
  int16 format = 0;
  PortalSetResultFormat(portal, 1, &format);
  DestReceiver *dest = CreateDestReceiver(DestNone);
  MemoryContextSwitchTo(old);

  QueryCompletion qc;
  (void) LG_PORTAL_RUN_ONCE(portal, true, dest, &qc);
  dest->rDestroy(dest);
  PortalDrop(portal, false);

  disable_timeout(STATEMENT_TIMEOUT, false);
  CommitTransactionCommand();
  pgstat_report_activity(STATE_IDLE, NULL);
  debug_query_string = NULL;
}

/* The explicit end: without it the caller takes the worker's exit for a
 * failure. */
static void send_done(void) {
  StringInfoData buf;
  pq_beginmessage(&buf, LG_TOP_LEVEL_DONE);
  pq_sendbyte(&buf, 'I');
  pq_endmessage(&buf);
}

/* ---- the entry point ---- */

void lg_top_level_main(Datum main_arg) {
  pqsignal(SIGTERM, die);
  BackgroundWorkerUnblockSignals();
  MemoryContext cxt = AllocSetContextCreate(TopMemoryContext, "lg worker", ALLOCSET_DEFAULT_SIZES);
  MemoryContextSwitchTo(cxt);

  /* No resource owner yet: the mapping lasts until the worker exits. */
  dsm_segment *seg = dsm_attach(DatumGetUInt32(main_arg));
  if (seg == NULL)
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("lg's background worker could not map its shared memory segment")));
  const LgTopLevelHeader *hdr = validated_header(seg);
  char *base = (char *) dsm_segment_address(seg);
  shm_mq *mq = (shm_mq *) (base + hdr->mq_offset);
  shm_mq_set_sender(mq, MyProc);
  pq_redirect_to_shm_mq(seg, shm_mq_attach(mq, seg, NULL));

  /* From here on, what the worker reports (a FATAL included) reaches the
   * caller. */
  BackgroundWorkerInitializeConnectionByOid(hdr->database_id, hdr->session_user_id, 0);
  char *sql = pstrdup(base + hdr->sql_offset);

  PG_TRY();
  {
    take_callers_state(hdr, base + hdr->guc_offset);
    run_statement(sql, cxt);
  }
  PG_CATCH();
  {
    /* Report at ERROR (the caller re-raises it), end the transaction,
     * exit: nothing else runs in this worker. */
    HOLD_INTERRUPTS();
    EmitErrorReport();
    AbortOutOfAnyTransaction();
    proc_exit(1);
  }
  PG_END_TRY();
  /* Committed: a terminate from now on must not turn into an error that
   * says otherwise. */
  HOLD_INTERRUPTS();
  send_done();
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
