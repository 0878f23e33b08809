/*
 * apply_step.cpp: one step of CALL lg_apply() (apply_step.h).  Each part
 * runs in an internal subtransaction, so that a failure leaves a healthy
 * transaction in which lg writes where it failed and commits that before
 * re-raising the error: the journal keeps failed attempts.  One
 * subtransaction per transaction costs nothing of the quadratic kind that
 * keeps lg_migrate's steps out of subtransactions (runner.cpp).
 */
#include "pg/apply_step.h"

#include "pg/execute.h"
#include "pg/fingerprint.h"
#include "pg/index_cleanup.h"
#include "pg/journal.h"
#include "pg/progress.h"
#include "pg/run_lock.h"
#include "pg/schema_state.h"
#include "pg/script_text.h"
#include "pg/sha256.h"
#include "pg/subxact.h"
#include "pg/top_level.h"

/* A commit of lg_apply's transaction, under the run lock. */
static void commit(bool chain) {
  lg_run_lock_check_held();
  if (chain)
    SPI_commit_and_chain();
  else
    SPI_commit();
}

static LgStmtClass class_of(const LgApplyStep *s, int i) { return s->classes[i]; }

static void set_current(LgApplyStep *s, int i) {
  s->ctx.statement = i + 1;
  s->ctx.text = s->stmts[i].text;
}

/*
 * The checksum of statements 1..upto (NULL for none), kept in lg.progress:
 * a chain of SHA-256 over each statement's fingerprint, so that each
 * commit hashes only the statements it adds.
 */
static const char *prefix_checksum(LgApplyStep *s, int upto) {
  for (; s->hashed < upto; s->hashed++) {
    char *link =
        psprintf("%s/%s", s->prefix ? s->prefix : "", lg_sql_fingerprint(s->stmts[s->hashed].text));
    s->prefix = lg_sha256_hex(link, strlen(link));
  }
  return upto == 0 ? NULL : s->prefix;
}

static void advance(LgApplyStep *s, int statement) {
  lg_progress_advance(s->revision, s->next, prefix_checksum(s, s->next), statement);
}

/* A resume runs the rest of the SQL whose first statements committed: if
 * those statements changed since, the count would be of other SQL. */
static void check_resumable(LgApplyStep *s) {
  const char *now = s->done <= s->n ? prefix_checksum(s, s->done) : NULL;
  if (s->done <= s->n &&
      (now == NULL ? s->done_checksum == NULL
                   : s->done_checksum != NULL && strcmp(now, s->done_checksum) == 0))
    return;
  ereport(ERROR,
          (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
           errmsg("revision \"%s\" cannot resume: its first %d statements changed since they "
                  "were committed",
                  lg_inert_text(s->revision, false), s->done),
           errdetail("Nothing was run.  A resume runs the statements after the committed ones; "
                     "a change after them (the one that failed, say) is fine."),
           errhint("Register the committed statements as they were, or revert the revision "
                   "with CALL lg_apply(target, 'down').")));
}

/* After the last statement: verify SQL, then the step's bookkeeping. */
static void finish(LgApplyStep *s) {
  if (s->verify != NULL) {
    s->in_verify = true;
    LgStmtContext vctx;
    lg_stmt_context_push(&vctx, s->revision, "verify", s->verify);
    lg_execute_sql(s->verify, &vctx, true);
    lg_stmt_context_pop(&vctx);
    s->in_verify = false;
  }
  instr_time elapsed;
  INSTR_TIME_SET_CURRENT(elapsed);
  INSTR_TIME_SUBTRACT(elapsed, s->start);
  s->ms = INSTR_TIME_GET_MILLISEC(elapsed);
  s->statements = s->n;
  s->record(s);
  if (!s->transactional) lg_progress_clear(s->revision);
  s->finished = true;
}

/* A part: statements from s->next up to a commit point, in the caller's
 * transaction (a subtransaction of it); the last part also finishes. */
static void run_part(void *arg) {
  LgApplyStep *s = (LgApplyStep *) arg;
  s->commit_after = false;
  int nest = lg_execute_begin(false);
  int i = s->next;
  for (; i < s->n; i++) {
    LgStmtClass c = class_of(s, i);
    if (!s->transactional && (c.kind == LG_STMT_NEEDS_TOP_LEVEL || c.kind == LG_STMT_COMMIT)) break;
    set_current(s, i);
    if (s->transactional)
      lg_check_transactional(&s->stmts[i]);
    else if (c.kind == LG_STMT_NEVER)
      lg_check_runnable(&s->stmts[i]); /* registration refused it; its own error here too */
    lg_execute_statement(&s->stmts[i], &s->ctx, false);
    if (c.commit_after && !s->transactional) {
      s->commit_after = true;
      i++;
      break;
    }
  }
  lg_execute_end(nest, false);
  s->next = i;
  if (i == s->n && !s->commit_after) finish(s);
}

/* A statement that must run top level: in lg's worker, after lg's own
 * transaction committed (nothing of the caller's is held meanwhile). */
static void run_top_level(void *arg) {
  LgApplyStep *s = (LgApplyStep *) arg;
  set_current(s, s->next);
  lg_run_top_level(s->stmts[s->next].text);
}

/* Resuming at a CREATE INDEX CONCURRENTLY: an INVALID index it left is
 * dropped first; a valid one means it had completed (s->skip). */
static void clean_up(void *arg) {
  LgApplyStep *s = (LgApplyStep *) arg;
  set_current(s, s->next);
  s->skip = lg_index_cleanup(&s->stmts[s->next], s->revision, s->direction, s->next + 1);
}

/* Where a failed step failed, committed; then the error again. */
LG_NORETURN static void fail(LgApplyStep *s, ErrorData *edata) {
  int statement = s->in_verify ? 0 : s->ctx.statement;
  const char *state = unpack_sql_state(edata->sqlerrcode);
  const char *message = edata->message ? edata->message : "";
  if (!s->transactional) {
    lg_progress_fail(s->revision, statement, state, message);
    /* Its committed parts stay: what they touched is recorded with them. */
    if (s->schema != NULL) {
      lg_schema_record_note(s->schema, s->revision, s->direction);
      lg_schema_record_save(s->schema);
    }
  }
  lg_journal_outcome(s->revision, s->direction, "failed", statement, state, message,
                     s->in_verify ? "the verify SQL failed" : NULL);
  commit(false);
  ReThrowError(edata);
}

static void run_parts(LgApplyStep *s) {
  while (!s->finished) {
    ErrorData *edata;
    if (!s->transactional && s->next < s->n &&
        class_of(s, s->next).kind == LG_STMT_NEEDS_TOP_LEVEL) {
      /* lg's worker runs it, unseen by this backend's catalog watch: the
       * relations it names, resolved now, as the caller. */
      if (s->schema != NULL) lg_schema_record_statement(s->schema, s->stmts[s->next].parsetree);
      advance(s, s->next + 1);
      commit(false);
      s->skip = false;
      if (s->resuming && s->next == s->done) {
        edata = lg_run_in_subxact(clean_up, s, true, false);
        if (edata != NULL) fail(s, edata);
        commit(false); /* the cleanup's journal line stays, whatever follows */
      }
      if (!s->skip) {
        edata = lg_run_in_subxact(run_top_level, s, true, false);
        if (edata != NULL) fail(s, edata);
      }
      s->next++;
      advance(s, s->next < s->n ? s->next + 1 : 0);
      commit(false);
      continue;
    }
    if (!s->transactional && s->next < s->n && class_of(s, s->next).kind == LG_STMT_COMMIT) {
      bool chain = class_of(s, s->next).chain;
      s->next++;
      advance(s, s->next < s->n ? s->next + 1 : 0);
      commit(chain);
      continue;
    }
    edata = lg_run_in_subxact(run_part, s, true, false);
    if (edata != NULL) fail(s, edata);
    if (s->commit_after) {
      advance(s, s->next < s->n ? s->next + 1 : 0);
      commit(false);
    }
  }
}

void lg_apply_step(LgApplyStep *s) {
  INSTR_TIME_SET_CURRENT(s->start);
  lg_stmt_context_push(&s->ctx, s->revision, s->direction, s->sql);
  int pin = lg_lexer_pin(true);
  s->n = lg_split_statements(s->sql, &s->stmts, true);
  lg_lexer_unpin(pin);
  s->classes = (LgStmtClass *) palloc(sizeof(LgStmtClass) * (s->n > 0 ? s->n : 1));
  for (int i = 0; i < s->n; i++) s->classes[i] = lg_classify_statement(s->stmts[i].parsetree);
  s->next = 0;
  if (s->resuming) {
    check_resumable(s);
    s->next = s->done;
  }
  s->finished = false;
  if (!s->transactional) {
    lg_progress_begin(s->revision, s->direction);
    commit(false);
  }
  run_parts(s);
  lg_stmt_context_pop(&s->ctx);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
