/*
 * plan_atomic.cpp: a one-transaction run refuses a plan with a
 * non-transactional revision before anything runs (plan_atomic.h).
 */
#include "pg/plan_atomic.h"

#include "pg/column_types.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"
#include "pg/statements.h"

/* Statement number (1-based) of sql's first statement that cannot run
 * inside one transaction, 0 when there is none; *cls gets its class. */
static int first_statement(const char *sql, LgStmtClass *cls) {
  if (sql == NULL) return 0;
  LgStatement *stmts;
  int n = lg_split_statements(sql, &stmts, true);
  return lg_first_nontransactional(stmts, n, cls) + 1;
}

/* Why a statement of this class keeps the revision out of one transaction. */
static const char *why(const LgStmtClass *c) {
  if (c->kind == LG_STMT_COMMIT) return "commits inside the revision";
  if (c->commit_after) return "must commit before the statements after it";
  return "cannot run inside a transaction block";
}

static void refuse(const char *caller_name, const char *target, const char *id,
                   LgDirection direction) {
  Oid types[1] = {TEXTOID};
  Datum values[1] = {CStringGetTextDatum(id)};
  lg_spi_exec("SELECT up_sql, down_sql FROM lg.script WHERE revision OPERATOR(pg_catalog.=) $1", 1,
              types, values, NULL, true);
  static const LgColumn cols[2] = {{"lg.script.up_sql", TEXTOID}, {"lg.script.down_sql", TEXTOID}};
  lg_expect_columns(cols, 2);
  char *up = SPI_processed == 1 ? lg_spi_text(0, 1) : NULL;
  char *down = SPI_processed == 1 ? lg_spi_text(0, 2) : NULL;
  const char *which = direction == LG_UP ? "up" : "down";
  const char *other = direction == LG_UP ? "down" : "up";
  LgStmtClass c;
  int at = first_statement(direction == LG_UP ? up : down, &c);
  if (at == 0) {
    at = first_statement(direction == LG_UP ? down : up, &c);
    which = other;
  }
  StringInfoData msg;
  initStringInfo(&msg);
  appendStringInfo(&msg, "%s cannot run revision \"%s\" inside one transaction: ", caller_name, id);
  if (at > 0)
    appendStringInfo(&msg, "statement %d of its %s SQL (%s) %s", at, which, c.what, why(&c));
  else
    appendStringInfoString(&msg, "it is registered with transactional => false");
  char *quoted = lg_inert_text(quote_literal_cstr(target), false);
  ereport(ERROR,
          (errcode(ERRCODE_ACTIVE_SQL_TRANSACTION), errmsg("%s", msg.data),
           errdetail("Nothing was run."),
           errhint("Run the plan with CALL lg_apply(%s%s), outside a transaction block: it runs "
                   "non-transactional revisions, committing as they need.",
                   quoted, direction == LG_UP ? "" : ", 'down'")));
}

void lg_refuse_nontransactional(const LgRegistry *reg, const LgPlan *plan, const char *caller_name,
                                const char *target) {
  int n = lg_plan_nsteps(plan);
  for (int i = 0; i < n; i++) {
    int index = lg_plan_step_revision(plan, i);
    if (!reg->transactional[index])
      refuse(caller_name, target, reg->ids[index], lg_plan_step_direction(plan, i));
    if ((i & 1023) == 1023) CHECK_FOR_INTERRUPTS();
  }
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
