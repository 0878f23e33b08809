/*
 * fn_check.cpp: lg_check(target), the stairway test.  For each revision of
 * the plan to target, from the state S0 the revisions before it made: up,
 * down, up again, comparing the description (catalog_describe.h) of every
 * object the up and the down touched (catalog_watch.h) after the down with
 * the one at S0.  All of it runs inside one subtransaction that is always
 * rolled back, so the database, lg's rows and the journal are as before the
 * call; the revision SQL runs as the caller (trial_run.h), lg's own reads
 * as the owner.  docs/DESIGN.md, "The stairway check", says why the order
 * below runs each up twice (three times on the long path) and each down
 * once, and never scans the whole catalog.
 */
#include "pg/pg_headers.h"

#include "pg/catalog_describe.h"
#include "pg/catalog_watch.h"
#include "pg/check_guess.h"
#include "pg/column_types.h"
#include "pg/plan_util.h"
#include "pg/progress.h"
#include "pg/registry.h"
#include "pg/run_lock.h"
#include "pg/runner.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"
#include "pg/srf.h"
#include "pg/subxact.h"
#include "pg/text_array.h"
#include "pg/trial_run.h"

/* One result row; ok: 1 true, 0 false, -1 null. */
typedef struct CheckRow {
  char *revision; /* NULL: the row about the revisions not checked */
  const char *step;
  int ok;
  char *detail; /* NULL: none */
} CheckRow;

typedef struct CheckRun {
  const char *target;
  MemoryContext cxt; /* where rows live: outlives every subtransaction */
  CheckRow *rows;
  int nrows;
  int cap;
  /* the plan, read before the trial */
  const LgRegistry *reg;
  const LgPlan *plan;
  LgStepSql *up;
  char **down; /* per step; NULL: the revision has no down SQL */
  LgWatch *watch;
  int advancing;         /* the step whose up is being applied to go on, -1 if none */
  LgTrialResult advance; /* how far that up got */
} CheckRun;

static void add_row(CheckRun *run, const char *revision, const char *step, int ok,
                    const char *detail) {
  MemoryContext old = MemoryContextSwitchTo(run->cxt);
  if (run->nrows == run->cap) {
    run->cap = run->cap == 0 ? 16 : run->cap * 2;
    run->rows = run->rows == NULL ? (CheckRow *) palloc(sizeof(CheckRow) * run->cap)
                                  : (CheckRow *) repalloc(run->rows, sizeof(CheckRow) * run->cap);
  }
  CheckRow *row = &run->rows[run->nrows++];
  row->revision = revision ? pstrdup(revision) : NULL;
  row->step = step;
  row->ok = ok;
  row->detail = detail ? pstrdup(detail) : NULL;
  MemoryContextSwitchTo(old);
}

/* An error caught from revision SQL, as a detail: SQLSTATE, message (user
 * text, made inert) and the statement it stopped at. */
static char *error_detail(const ErrorData *e, int statement) {
  if (e == NULL) return pstrdup("failed");
  const char *msg = lg_inert_text(e->message ? e->message : "", false);
  if (statement > 0)
    return psprintf("%s: %s (statement %d)", unpack_sql_state(e->sqlerrcode), msg, statement);
  return psprintf("%s: %s", unpack_sql_state(e->sqlerrcode), msg);
}

/* A cancel, a shutdown or out of memory ends the check, whatever step it
 * hit (subxact.h); nothing is left behind either way. */
static void rethrow_cancel(ErrorData *e) {
  if (e != NULL && lg_error_ends_trial(e)) ReThrowError(e);
}

/* ---- one revision ---- */

/* Where the trial was when an error ended it. */
typedef enum StairPhase {
  PHASE_UP,
  PHASE_DOWN,
  PHASE_DESCRIBE,
  PHASE_AGAIN,
  PHASE_DONE
} StairPhase;

typedef struct Stair {
  const char *revision;
  const char *up_sql;
  const char *verify_sql; /* NULL: none */
  const char *down_sql;
  LgWatch *watch;
  StairPhase phase;
  LgTrialResult up, down, again;
  ErrorData *error;          /* what ended Y (down or up again), NULL if nothing */
  LgUnitSet *units;          /* what the up and the down touched */
  LgPartSet *after_down;     /* their description after the down */
  LgUnitSet *guess;          /* the units the parse trees name (short path), or NULL */
  LgPartSet *at_guess;       /* their description at S0 */
  LgUnitSet *at_guess_units; /* the units at_guess describes (those that exist) */
  LgPartSet *before;         /* units' description at S0 when the guess covers them, else NULL */
} Stair;

static void stair_up(Stair *st) {
  lg_trial_run_sql(st->revision, "up", st->up_sql, false, &st->up);
  if (st->verify_sql != NULL) lg_trial_run_sql(st->revision, "verify", st->verify_sql, true, NULL);
}

/*
 * Subtransaction Y, always rolled back: down, what the up and the down
 * touched described, up again, one after the other.  The first error ends
 * Y and phase says where it was; nothing after it depends on what Y did,
 * so no subtransaction of its own is needed for each part (each costs
 * PostgreSQL work in the size of the whole transaction: pending file
 * deletions, locks, the relation cache).
 */
static void stair_trial(void *arg) {
  Stair *st = (Stair *) arg;
  st->phase = PHASE_DOWN;
  lg_trial_run_sql(st->revision, "down", st->down_sql, false, &st->down);
  st->phase = PHASE_DESCRIBE;
  st->units = lg_watch_units(st->watch);
  LgUnitSet *described;
  st->after_down = lg_describe_existing(st->units, &described);
  if (st->guess != NULL && lg_unit_set_covers(st->guess, st->units))
    st->before = lg_parts_of_units(st->at_guess, st->at_guess_units, st->units);
  st->phase = PHASE_AGAIN;
  lg_trial_run_sql(st->revision, "up", st->up_sql, false, &st->again);
  st->phase = PHASE_DONE;
}

/*
 * Subtransaction X: the up, then Y inside it.  X is kept (its state is the
 * one after the up, to go on from) unless the state before the up is still
 * needed: when the down ran and the parse trees did not name every unit
 * touched, so that their description before the up is not known yet.  An
 * error of the up ends X; one of lg's own (describing) is raised again.
 */
static bool stair_body(void *arg) {
  Stair *st = (Stair *) arg;
  st->phase = PHASE_UP;
  stair_up(st);
  st->error = lg_run_in_subxact(stair_trial, st, false, false);
  rethrow_cancel(st->error);
  if (st->error != NULL && st->phase == PHASE_DESCRIBE) ReThrowError(st->error);
  bool down_failed = st->error != NULL && st->phase == PHASE_DOWN;
  return down_failed || st->before != NULL;
}

/* The row saying how many revisions after step i are not checked. */
static void report_rest(CheckRun *run, int i, const char *revision) {
  int rest = lg_plan_nsteps(run->plan) - i - 1;
  if (rest > 0)
    add_row(run, NULL, "not checked", -1,
            psprintf("the %d revision%s after \"%s\" in the plan %s not checked: %s on what its "
                     "up makes",
                     rest, rest == 1 ? "" : "s", revision, rest == 1 ? "is" : "are",
                     rest == 1 ? "it runs" : "they run"));
}

/* The up of step i failed with e: its row, then the row about the rest. */
static void report_up_failed(CheckRun *run, int i, const char *revision, const LgTrialResult *up,
                             const ErrorData *e, const char *when) {
  char *detail = error_detail(e, up->statement);
  if (e->sqlerrcode == ERRCODE_UNSAFE_NEW_ENUM_VALUE_USAGE && up->added_enum_value) {
    detail = psprintf(
        "%s; not checkable: the check runs each revision inside one transaction, "
        "where a value added by ALTER TYPE ... ADD VALUE cannot be used before it "
        "commits",
        detail);
    add_row(run, revision, "up", -1, detail);
  } else {
    add_row(run, revision, "up", 0, when ? psprintf("%s %s", when, detail) : detail);
  }
  report_rest(run, i, revision);
}

/* The differences between the description at S0 and after the down, one
 * line each ("column public.t.c: integer -> bigint"); NULL when none. */
static char *not_restored(const Stair *st) {
  LgUnitSet *described;
  LgPartSet *before = st->before != NULL ? st->before : lg_describe_existing(st->units, &described);
  LgPartChange *changes;
  int n = lg_diff_parts(before, st->after_down, &changes);
  if (n == 0) return NULL;
  StringInfoData out;
  initStringInfo(&out);
  appendStringInfo(&out, "the down does not restore %d object%s:", n, n == 1 ? "" : "s");
  for (int j = 0; j < n; j++) {
    appendStringInfoChar(&out, '\n');
    appendStringInfoString(&out, lg_inert_text(lg_part_change_text(&changes[j]), false));
  }
  return out.data;
}

/* The rows of a revision whose up ran in X; e: the error that ended Y. */
static void report_stair(CheckRun *run, const Stair *st, const ErrorData *e) {
  add_row(run, st->revision, "up", 1, st->up.notes);
  if (st->phase == PHASE_DOWN) {
    add_row(run, st->revision, "down", 0, error_detail(e, st->down.statement));
    add_row(run, st->revision, "up again", -1, "not run: the down failed");
    return;
  }
  char *diff = not_restored(st);
  add_row(run, st->revision, "down", diff == NULL ? 1 : 0, diff != NULL ? diff : st->down.notes);
  if (st->phase == PHASE_AGAIN)
    add_row(run, st->revision, "up again", 0,
            psprintf("after its down, %s", error_detail(e, st->again.statement)));
  else
    add_row(run, st->revision, "up again", 1, NULL);
}

/*
 * Checks step i from S0, then applies its up for the next one, directly in
 * the outer subtransaction: run->advancing says so, and an error there
 * ends the whole check (check_all's caller reports it).  Returns false
 * when the up failed in X: the rest of the plan is not checked.
 */
static bool check_revision(CheckRun *run, int i) {
  Stair st;
  memset(&st, 0, sizeof st);
  st.revision = run->reg->ids[lg_plan_step_revision(run->plan, i)];
  st.up_sql = run->up[i].sql ? run->up[i].sql : "";
  st.verify_sql = run->up[i].verify;
  st.down_sql = run->down[i];
  st.watch = run->watch;
  lg_watch_clear(run->watch);

  if (st.down_sql != NULL) {
    /* The short path: the units the parse trees name, described at S0
     * (check_guess.h). */
    LgUnitSet *guess = (LgUnitSet *) palloc0(sizeof(LgUnitSet));
    if (lg_guess_units(st.up_sql, guess) && lg_guess_units(st.down_sql, guess)) {
      st.guess = guess;
      st.at_guess = lg_describe_existing(guess, &st.at_guess_units);
    }
    bool kept;
    ErrorData *e = lg_run_in_subxact_decide(stair_body, &st, &kept);
    rethrow_cancel(e);
    if (e != NULL && st.phase == PHASE_DESCRIBE) ReThrowError(e); /* lg's own failure */
    if (e != NULL && st.phase == PHASE_UP) {
      report_up_failed(run, i, st.revision, &st.up, e, NULL);
      return false;
    }
    if (e != NULL) ReThrowError(e); /* not the revision's: Y's own errors are in st.error */
    report_stair(run, &st, st.error);
    if (kept) return true; /* X is the state after the up */
  }
  /* Back at S0: the up once more, kept, for the next revision. */
  run->advancing = i;
  memset(&run->advance, 0, sizeof run->advance);
  lg_trial_run_sql(st.revision, "up", st.up_sql, false, &run->advance);
  if (st.down_sql == NULL) {
    if (st.verify_sql != NULL) lg_trial_run_sql(st.revision, "verify", st.verify_sql, true, NULL);
    add_row(run, st.revision, "up", 1, run->advance.notes);
    add_row(run, st.revision, "down", -1,
            "not checked: the revision is irreversible (no down SQL)");
  }
  run->advancing = -1;
  return true;
}

/* The trial, inside the outer subtransaction that is always rolled back. */
static void check_all(void *arg) {
  CheckRun *run = (CheckRun *) arg;
  run->watch = lg_watch_start();
  int n = lg_plan_nsteps(run->plan);
  for (int i = 0; i < n; i++) {
    /* A revision's parse trees, descriptions and errors go when it ends. */
    MemoryContext rev_cxt =
        AllocSetContextCreate(CurrentMemoryContext, "lg check revision", ALLOCSET_DEFAULT_SIZES);
    MemoryContext outer = MemoryContextSwitchTo(rev_cxt);
    bool go_on = check_revision(run, i);
    MemoryContextSwitchTo(outer);
    MemoryContextDelete(rev_cxt);
    CHECK_FOR_INTERRUPTS();
    if (!go_on) break;
  }
  lg_watch_stop(run->watch);
}

static void check_body(void *arg) {
  CheckRun *run = (CheckRun *) arg;
  /* As runs do: the lock first (held to the end of the caller's
   * transaction, outside the subtransaction that is rolled back), then
   * the plan from what is found after it. */
  lg_run_lock_xact();
  LgRegistry *reg = lg_registry_load(false);
  LgPlan *plan = lg_build_plan(reg, run->target, LG_UP);
  lg_progress_refuse_any();
  run->reg = reg;
  run->plan = plan;
  run->up = lg_prepare_steps(reg, plan);
  run->down = lg_plan_down_sql(reg, plan);
  run->advancing = -1;
  ErrorData *e = lg_run_in_subxact(check_all, run, false, false);
  if (run->watch != NULL) lg_watch_stop(run->watch); /* on every path */
  if (e == NULL) return;
  /* Only an up that ran in X and failed when applied again ends the check
   * this way (a volatile up); anything else is raised. */
  rethrow_cancel(e);
  if (run->advancing < 0) ReThrowError(e);
  int i = run->advancing;
  report_up_failed(run, i, run->reg->ids[lg_plan_step_revision(run->plan, i)], &run->advance, e,
                   run->down[i] != NULL ? "when applied again to go on," : NULL);
}

/* lg_check(target text DEFAULT 'heads'): (revision, step, ok, detail) rows. */
LG_FUNCTION(lg_check) {
  CheckRun run;
  memset(&run, 0, sizeof run);
  run.target = lg_target_arg(fcinfo, 0, LG_UP);
  run.cxt = CurrentMemoryContext;
  TupleDesc tupdesc;
  Tuplestorestate *store = lg_srf_materialize(fcinfo, &tupdesc);

  SPI_connect();
  lg_run_guarded("lg_check()", check_body, &run);
  SPI_finish();

  for (int i = 0; i < run.nrows; i++) {
    const CheckRow *r = &run.rows[i];
    Datum values[4] = {r->revision ? CStringGetTextDatum(r->revision) : (Datum) 0,
                       CStringGetTextDatum(r->step), BoolGetDatum(r->ok == 1),
                       r->detail ? CStringGetTextDatum(r->detail) : (Datum) 0};
    bool nulls[4] = {r->revision == NULL, false, r->ok < 0, r->detail == NULL};
    tuplestore_putvalues(store, tupdesc, values, nulls);
  }
  return (Datum) 0;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
