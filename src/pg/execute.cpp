/*
 * execute.cpp: the statement loop shared by migrations and verification.
 * Statements come from PostgreSQL's parser (statements.cpp), never from a
 * hand-written splitter, and run with the caller's privileges and
 * search_path.  Lock waits are bounded: lg.lock_timeout applies while the
 * SQL runs, and a statement that times out on a lock is rolled back to its
 * own subtransaction and retried (lg.lock_retries, with backoff) before the
 * run fails.  lg.statement_timeout bounds each statement.
 */
#include "pg/execute.h"

#include "pg/catalog_watch.h"

#include "pg/guc.h"
#include "pg/statements.h"
#include "pg/subxact.h"
#include "pg/verify_rules.h"

/* The longest wait between two tries of a statement. */
#define LG_MAX_BACKOFF_MS 10000

typedef struct StmtRun {
  LgStmtContext *ctx;
  const LgStatement *stmt;
  bool verify;
} StmtRun;

static void run_statement(void *arg) {
  StmtRun *run = (StmtRun *) arg;
  MemoryContext cxt = CurrentMemoryContext;
  /* verify SQL: checked as read-only first (verify_rules.cpp) */
  int rc =
      run->verify ? lg_verify_execute(run->stmt->text) : SPI_execute(run->stmt->text, false, 0);
  MemoryContextSwitchTo(cxt);
  if (rc < 0)
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("statement cannot run through SPI: %s", SPI_result_code_string(rc))));
  if (run->verify) lg_check_verify_result(run->ctx);
  SPI_freetuptable(SPI_tuptable);
}

/*
 * Arms PostgreSQL's statement timeout for lg.statement_timeout, unless the
 * caller's own statement_timeout ends sooner; sets *outer to the caller's
 * deadline (0 if none) and returns whether lg touched the timer, for
 * statement_timer_stop to restore (whatever the SQL did to the setting).
 */
static bool statement_timer_start(TimestampTz *outer) {
  bool outer_active = get_timeout_active(STATEMENT_TIMEOUT);
  *outer = outer_active ? get_timeout_finish_time(STATEMENT_TIMEOUT) : 0;
  if (lg_statement_timeout_ms <= 0) return false;
  TimestampTz mine = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), lg_statement_timeout_ms);
  if (*outer == 0 || mine < *outer) enable_timeout_at(STATEMENT_TIMEOUT, mine);
  return true;
}

static void statement_timer_stop(bool armed, TimestampTz outer) {
  if (!armed) return;
  disable_timeout(STATEMENT_TIMEOUT, false);
  if (outer != 0) enable_timeout_at(STATEMENT_TIMEOUT, outer);
}

/* Sleeps ms milliseconds, answering a cancel at least every 100 ms. */
static void backoff_sleep(int ms) {
  for (int slept = 0; slept < ms; slept += 100) {
    CHECK_FOR_INTERRUPTS();
    pg_usleep(Min(100, ms - slept) * 1000L);
  }
  CHECK_FOR_INTERRUPTS();
}

/*
 * Runs one statement under lg.statement_timeout (in a subtransaction that
 * returns its error, or directly).  The timer is the caller's again on every
 * path: a failed statement whose error a caller catches must not leave lg's
 * timer armed, nor the caller's own statement_timeout replaced.
 */
static ErrorData *run_timed(StmtRun *run, bool in_subxact) {
  TimestampTz outer;
  const bool armed = statement_timer_start(&outer);
  ErrorData *volatile edata = NULL;
  PG_TRY();
  {
    if (in_subxact)
      edata = lg_run_in_subxact(run_statement, run, true, false);
    else
      run_statement(run);
  }
  PG_FINALLY();
  { statement_timer_stop(armed, outer); }
  PG_END_TRY();
  return edata;
}

/*
 * Runs one statement, retrying it after a lock timeout.  Retries belong to
 * lg.lock_timeout: when revision SQL set its own lock_timeout, its choice
 * stands and a timeout fails at once.
 */
static void run_with_retries(StmtRun *run) {
  bool lg_timeout_in_force = lg_lock_timeout_ms > 0 && LockTimeout == lg_lock_timeout_ms;
  if (!lg_timeout_in_force || lg_lock_retries <= 0) {
    (void) run_timed(run, false);
    return;
  }
  int wait_ms = 100;
  for (int attempt = 0;; attempt++) {
    ErrorData *edata = run_timed(run, true);
    if (edata == NULL) return;
    if (edata->sqlerrcode != ERRCODE_LOCK_NOT_AVAILABLE) ReThrowError(edata);
    if (attempt >= lg_lock_retries)
      ereport(ERROR, (errcode(ERRCODE_LOCK_NOT_AVAILABLE), errmsg("%s", edata->message),
                      errdetail("The statement waited %d ms for a lock, %d times.", LockTimeout,
                                attempt + 1),
                      errhint("Find the session holding the lock in pg_locks and "
                              "pg_stat_activity, or raise lg.lock_timeout or lg.lock_retries.")));
    ereport(NOTICE, (errmsg("lg: statement %d of revision \"%s\" waited %d ms for a lock; retry "
                            "%d of %d in %d ms",
                            run->ctx->statement, run->ctx->revision, LockTimeout, attempt + 1,
                            lg_lock_retries, wait_ms)));
    FreeErrorData(edata);
    backoff_sleep(wait_ms);
    wait_ms = Min(wait_ms * 2, LG_MAX_BACKOFF_MS);
  }
}

int lg_execute_begin(bool verify) {
  /* lg.lock_timeout holds while this SQL runs; a SET LOCAL in the SQL
   * lasts until its end, a plain SET stays (as in a function with SET). */
  int nest = lg_push_lock_timeout();
  if (verify) lg_verify_read_only(); /* until the nest level is popped */
  /* The lexing rule (statements.h): the statements run as they were
   * split, reviewed and checksummed; the split itself stays quiet, SPI's
   * parse raises the parser's notices once. */
  (void) lg_lexer_pin(false);
  return nest;
}

void lg_execute_end(int nest, bool verify) {
  /* Verify SQL sets nothing (plain queries): popping as an abort undoes
   * lg_verify_read_only()'s SET as well as the saved settings. */
  AtEOXact_GUC(!verify, nest);
}

void lg_execute_statement(const LgStatement *stmt, LgStmtContext *ctx, bool verify) {
  StmtRun run = {ctx, stmt, verify};
  run_with_retries(&run);
  if (!verify) lg_watch_note_statement(stmt->parsetree);
  lg_check_lexer_pinned();
  CHECK_FOR_INTERRUPTS();
}

int lg_execute_sql(const char *sql, LgStmtContext *ctx, bool verify) {
  int nest = lg_execute_begin(verify);
  LgStatement *stmts;
  int n = lg_split_statements(sql, &stmts, true);
  for (int i = 0; i < n; i++) {
    ctx->statement = i + 1;
    ctx->text = stmts[i].text;
    lg_check_transactional(&stmts[i]);
    lg_execute_statement(&stmts[i], ctx, verify);
  }
  ctx->statement = 0;
  lg_execute_end(nest, verify);
  return n;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
