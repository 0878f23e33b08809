/*
 * apply_run.cpp: the plan of CALL lg_apply(), step by step, committing
 * after each (apply_step.h runs a step).  A revision left unfinished by an
 * earlier call (lg.progress) is resumed when it is a step of the plan; a
 * downgrade first reverts it (its down SQL, in full).  Anything else is
 * refused while it is unfinished: nothing needs a person to edit lg's
 * tables by hand.
 */
#include "pg/pg_headers.h"

#include "pg/apply_step.h"
#include "pg/errors.h"
#include "pg/progress.h"
#include "pg/run_lock.h"
#include "pg/schema_state.h"
#include "pg/runner.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"

typedef struct PlanStep {
  const LgPlan *plan;
  int index;
  const LgStepSql *sql;
} PlanStep;

/* In the step's last transaction, with its bookkeeping: what it touched
 * replaces those units' rows of lg.schema_state. */
static void record_schema(LgApplyStep *s) {
  lg_schema_record_note(s->schema, s->revision, s->direction);
  lg_schema_record_save(s->schema);
}

static void record_plan_step(LgApplyStep *s) {
  const PlanStep *p = (const PlanStep *) s->record_arg;
  lg_record_plan_step(p->plan, p->index, s->revision, s->direction, s->ms, s->statements,
                      p->sql->checksum, p->sql->down_checksum, p->sql->verify_checksum);
  record_schema(s);
}

static void notice_step(const LgApplyStep *s, const char *what) {
  ereport(NOTICE, (errmsg("lg: %s revision \"%s\"", what, lg_inert_text(s->revision, false)),
                   errdetail("%d statement%s in %.3f ms.", s->statements,
                             s->statements == 1 ? "" : "s", s->ms)));
}

static bool is_partial(const LgProgress *partial, const char *revision, const char *direction) {
  return partial != NULL && strcmp(partial->revision, revision) == 0 &&
         strcmp(partial->direction, direction) == 0;
}

static void run_one(const LgPlan *plan, int i, const char *revision, const LgStepSql *sql,
                    const LgProgress *partial, LgSchemaRecord *schema) {
  MemoryContext step_cxt =
      AllocSetContextCreate(CurrentMemoryContext, "lg apply step", ALLOCSET_DEFAULT_SIZES);
  MemoryContext outer = MemoryContextSwitchTo(step_cxt);
  bool up = lg_plan_step_direction(plan, i) == LG_UP;
  PlanStep p = {plan, i, sql};
  LgApplyStep s;
  memset(&s, 0, sizeof s);
  s.revision = revision;
  s.direction = up ? "up" : "down";
  s.sql = sql->sql ? sql->sql : "";
  s.verify = sql->verify;
  s.transactional = sql->transactional;
  s.record = record_plan_step;
  s.record_arg = &p;
  s.schema = schema;
  if (is_partial(partial, s.revision, s.direction)) {
    s.resuming = true;
    s.done = partial->done;
    s.done_checksum = partial->done_checksum;
  }
  lg_apply_step(&s);
  notice_step(&s, up ? "applied" : "reverted");
  MemoryContextSwitchTo(outer);
  MemoryContextDelete(step_cxt);
}

/* A partly applied revision is not in lg.version: reverting it moves no
 * row; the journal gets its 'down' line. */
static void record_revert(LgApplyStep *s) {
  const LgStepSql *sql = (const LgStepSql *) s->record_arg;
  lg_record_step(NULL, 0, NULL, 0, s->revision, "down", true, s->ms, s->statements, sql->checksum,
                 sql->down_checksum, sql->verify_checksum);
  record_schema(s);
}

/* The down SQL of the unfinished revision, in full, before a downgrade. */
static void revert_partial(const LgProgress *partial, LgSchemaRecord *schema) {
  Oid types[1] = {TEXTOID};
  Datum values[1] = {CStringGetTextDatum(partial->revision)};
  uint64 found = lg_spi_exec(
      "SELECT s.down_sql, s.checksum, s.down_checksum, s.verify_checksum, r.transactional "
      "FROM lg.script s JOIN lg.revision r ON r.id OPERATOR(pg_catalog.=) s.revision "
      "WHERE s.revision OPERATOR(pg_catalog.=) $1",
      1, types, values, NULL, true);
  bool isnull = true;
  if (found == 1) (void) SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
  if (isnull)
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("revision \"%s\" is partly applied and cannot be reverted",
                           lg_inert_text(partial->revision, false)),
                    errdetail(found == 1 ? "It has no down SQL." : "It is no longer registered."),
                    errhint("Resume it with CALL lg_apply(), or register it again with down SQL "
                            "that undoes what its committed statements did.")));
  LgStepSql sql;
  memset(&sql, 0, sizeof sql);
  sql.sql = lg_spi_text(0, 1);
  sql.checksum = lg_spi_text(0, 2);
  sql.down_checksum = lg_spi_text(0, 3);
  sql.verify_checksum = lg_spi_text(0, 4);
  Datum tx = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 5, &isnull);
  sql.transactional = isnull || DatumGetBool(tx);
  SPI_freetuptable(SPI_tuptable);

  LgApplyStep s;
  memset(&s, 0, sizeof s);
  s.revision = partial->revision;
  s.direction = "down";
  s.sql = sql.sql;
  /* Its progress row must go with the revert, whatever its kind. */
  s.transactional = false;
  s.record = record_revert;
  s.record_arg = &sql;
  s.schema = schema;
  if (strcmp(partial->direction, "down") == 0) {
    s.resuming = true;
    s.done = partial->done;
    s.done_checksum = partial->done_checksum;
  }
  lg_apply_step(&s);
  notice_step(&s, "reverted the partly applied");
  lg_run_lock_check_held();
  SPI_commit();
}

static bool is_applied(const LgRegistry *reg, const char *revision) {
  int index = lg_graph_find(reg->graph, revision);
  if (index < 0) return false;
  unsigned char *applied;
  (void) lg_registry_applied(reg, &applied);
  return applied[index] != 0;
}

static bool plan_has(const LgRegistry *reg, const LgPlan *plan, const LgProgress *partial) {
  for (int i = 0; i < lg_plan_nsteps(plan); i++) {
    const char *dir = lg_plan_step_direction(plan, i) == LG_UP ? "up" : "down";
    if (is_partial(partial, reg->ids[lg_plan_step_revision(plan, i)], dir)) return true;
  }
  return false;
}

static void run_steps(const LgRegistry *reg, const LgPlan *plan, bool down,
                      const LgProgress *partial, LgSchemaRecord *schema) {
  if (partial != NULL && !plan_has(reg, plan, partial)) {
    /* A downgrade reverts an unfinished revision that is not applied (an
     * upgrade that stopped, or the revert of one that stopped). */
    if (!down || is_applied(reg, partial->revision)) lg_progress_refuse(partial);
    revert_partial(partial, schema);
    partial = NULL;
  }
  int n = lg_plan_nsteps(plan);
  LgStepSql *sql = lg_prepare_steps(reg, plan);
  if (n == 0) lg_tidy_rows(reg, plan);
  for (int i = 0; i < n; i++) {
    run_one(plan, i, reg->ids[lg_plan_step_revision(plan, i)], &sql[i], partial, schema);
    lg_run_lock_check_held();
    SPI_commit();
    CHECK_FOR_INTERRUPTS();
  }
}

void lg_run_plan_committing(const LgRegistry *reg, const LgPlan *plan, bool down,
                            const LgProgress *partial) {
  /* The watch lives in the SPI procedure context, across the commits; each
   * step records what it touched in its own transaction. */
  LgSchemaRecord schema;
  lg_schema_record_begin(&schema);
  PG_TRY();
  { run_steps(reg, plan, down, partial, &schema); }
  PG_CATCH();
  {
    lg_schema_record_end(&schema);
    PG_RE_THROW();
  }
  PG_END_TRY();
  lg_schema_record_end(&schema);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
