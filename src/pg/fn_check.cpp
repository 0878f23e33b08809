/*
 * fn_check.cpp: lg_check(target), the stairway test.  For each revision of
 * the plan to target, from the state S0 the revisions before it made: up,
 * down, up again, comparing the description (catalog_describe.h) of every
 * object the up and the down touched (catalog_watch.h) after the down with
 * the one at S0.  All of it runs inside one subtransaction that is always
 * rolled back, so the database, lg's rows and the journal are as before the
 * call; the revision SQL runs as the caller (trial_run.h), lg's own reads
 * as the owner.  docs/DESIGN.md, "The stairway check", says why the order
 * below runs each up three times and each down once and never scans the
 * whole catalog.
 */
#include "pg/pg_headers.h"

#include "pg/catalog_describe.h"
#include "pg/catalog_watch.h"
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
  const char *msg = lg_inert_text(e->message ? e->message : "", false);
  if (statement > 0)
    return psprintf("%s: %s (statement %d)", unpack_sql_state(e->sqlerrcode), msg, statement);
  return psprintf("%s: %s", unpack_sql_state(e->sqlerrcode), msg);
}

/* The down SQL of every step, in step order, as the owner (NULL: none). */
static char **fetch_down_sql(const LgRegistry *reg, const LgPlan *plan) {
  int n = lg_plan_nsteps(plan);
  char **out = (char **) palloc0(sizeof(char *) * (n > 0 ? n : 1));
  if (n == 0) return out;
  char **ids = (char **) palloc(sizeof(char *) * n);
  for (int i = 0; i < n; i++) ids[i] = reg->ids[lg_plan_step_revision(plan, i)];
  Oid types[1] = {TEXTARRAYOID};
  Datum values[1] = {lg_text_array(ids, n)};
  uint64 found = lg_spi_exec(
      "SELECT s.down_sql FROM ROWS FROM (pg_catalog.unnest($1)) WITH ORDINALITY AS p(id, n) "
      "LEFT JOIN lg.script s ON s.revision OPERATOR(pg_catalog.=) p.id ORDER BY p.n",
      1, types, values, NULL, true);
  if (found != (uint64) n) elog(ERROR, "lg: the plan's down SQL came back incomplete");
  static const LgColumn cols[1] = {{"lg.script.down_sql", TEXTOID}};
  lg_expect_columns(cols, 1);
  for (int i = 0; i < n; i++) out[i] = lg_spi_text(i, 1);
  SPI_freetuptable(SPI_tuptable);
  return out;
}

/* ---- one revision ---- */

typedef enum StairPhase { PHASE_UP, PHASE_DOWN, PHASE_DESCRIBE, PHASE_DONE } StairPhase;

typedef struct Stair {
  const char *revision;
  const char *up_sql;
  const char *verify_sql; /* NULL: none */
  const char *down_sql;
  LgWatch *watch;
  StairPhase phase;
  LgTrialResult up, down, again;
  ErrorData *down_error;  /* NULL: the down ran */
  ErrorData *again_error; /* NULL: the second up ran (or did not run) */
  LgUnitSet *units;       /* what the up and the down touched */
  LgPartSet *after_down;  /* their description after the down */
} Stair;

static void stair_up(void *arg) {
  Stair *st = (Stair *) arg;
  lg_trial_run_sql(st->revision, "up", st->up_sql, false, &st->up);
  if (st->verify_sql != NULL) lg_trial_run_sql(st->revision, "verify", st->verify_sql, true, NULL);
}

static void stair_down(void *arg) {
  Stair *st = (Stair *) arg;
  lg_trial_run_sql(st->revision, "down", st->down_sql, false, &st->down);
}

static void stair_again(void *arg) {
  Stair *st = (Stair *) arg;
  lg_trial_run_sql(st->revision, "up", st->up_sql, false, &st->again);
}

/* Inside subtransaction X (rolled back): up; down in a nested
 * subtransaction (kept); what they touched described; up again in a nested
 * one.  An error of the first up ends X; the others are caught. */
static void stair_body(void *arg) {
  Stair *st = (Stair *) arg;
  st->phase = PHASE_UP;
  stair_up(st);
  st->phase = PHASE_DOWN;
  st->down_error = lg_run_in_subxact(stair_down, st, true, false);
  if (st->down_error != NULL) {
    st->phase = PHASE_DONE;
    return;
  }
  st->phase = PHASE_DESCRIBE;
  st->units = lg_watch_units(st->watch);
  st->after_down = lg_describe_units(st->units);
  st->again_error = lg_run_in_subxact(stair_again, st, false, false);
  st->phase = PHASE_DONE;
}

/* The up of a revision that failed, then the row saying what is left. */
static void report_up_failed(CheckRun *run, int i, const Stair *st, const ErrorData *e,
                             const char *when) {
  char *detail = error_detail(e, st->up.statement);
  if (e->sqlerrcode == ERRCODE_UNSAFE_NEW_ENUM_VALUE_USAGE && st->up.added_enum_value) {
    detail = psprintf(
        "%s; not checkable: the check runs each revision inside one transaction, "
        "where a value added by ALTER TYPE ... ADD VALUE cannot be used before it "
        "commits",
        detail);
    add_row(run, st->revision, "up", -1, detail);
  } else {
    add_row(run, st->revision, "up", 0, when ? psprintf("%s %s", when, detail) : detail);
  }
  int rest = lg_plan_nsteps(run->plan) - i - 1;
  if (rest > 0)
    add_row(run, NULL, "not checked", -1,
            psprintf("the %d revision%s after \"%s\" in the plan %s not checked: %s on what its "
                     "up makes",
                     rest, rest == 1 ? "" : "s", st->revision, rest == 1 ? "is" : "are",
                     rest == 1 ? "it runs" : "they run"));
}

/* The differences between the description at S0 and after the down, one
 * line each ("column public.t.c: integer -> bigint"); NULL when none. */
static char *not_restored(const Stair *st) {
  LgPartSet *before = lg_describe_units(st->units);
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

static void report_stair(CheckRun *run, const Stair *st) {
  add_row(run, st->revision, "up", 1, st->up.notes);
  if (st->down_error != NULL) {
    add_row(run, st->revision, "down", 0, error_detail(st->down_error, st->down.statement));
    add_row(run, st->revision, "up again", -1, "not run: the down failed");
    return;
  }
  char *diff = not_restored(st);
  add_row(run, st->revision, "down", diff == NULL ? 1 : 0, diff != NULL ? diff : st->down.notes);
  if (st->again_error != NULL)
    add_row(run, st->revision, "up again", 0,
            psprintf("after its down, %s", error_detail(st->again_error, st->again.statement)));
  else
    add_row(run, st->revision, "up again", 1, NULL);
}

/* Checks step i from S0 and leaves the state after its up; false: the up
 * failed and the rest of the plan is not checked. */
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
    ErrorData *e = lg_run_in_subxact(stair_body, &st, false, false);
    if (e != NULL && st.phase != PHASE_UP) ReThrowError(e); /* lg's own failure */
    if (e != NULL) {
      report_up_failed(run, i, &st, e, NULL);
      return false;
    }
    report_stair(run, &st);
  }
  /* Back at S0: the up once more, kept, for the next revision. */
  Stair next = st;
  memset(&next.up, 0, sizeof next.up);
  ErrorData *e = lg_run_in_subxact(stair_up, &next, true, false);
  if (e != NULL) {
    report_up_failed(run, i, &next, e, st.down_sql != NULL ? "when run again to go on," : NULL);
    return false;
  }
  if (st.down_sql == NULL) {
    add_row(run, st.revision, "up", 1, next.up.notes);
    add_row(run, st.revision, "down", -1,
            "not checked: the revision is irreversible (no down SQL)");
  }
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
  run->down = fetch_down_sql(reg, plan);
  (void) lg_run_in_subxact(check_all, run, false, true);
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
