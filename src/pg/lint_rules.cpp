/*
 * lint_rules.cpp: the statement rules of lg_lint(): dispatch on the raw
 * parse tree, and the two ways a rule reports (lg_lint_emit, and
 * lg_lint_lock for the "lock" row).
 */
#include "pg/pg_headers.h"

#include "pg/lint_rules.h"

void lg_lint_emit(LgLintStmt *s, const char *rule, int sev, const char *lock, const char *relation,
                  const char *fmt, ...) {
  const LgLintRule *r = lg_lint_rule(rule);
  StringInfoData b;
  initStringInfo(&b);
  for (;;) {
    va_list args;
    va_start(args, fmt);
    int needed = appendStringInfoVA(&b, fmt, args);
    va_end(args);
    if (needed == 0) break;
    enlargeStringInfo(&b, needed);
  }
  LgFinding f = {s->revision, s->statement, rule,  sev >= 0 ? (LgSeverity) sev : r->severity,
                 lock,        relation,     b.data};
  lg_lint_add(s->out, &f);
  pfree(b.data);
}

bool lg_lint_lock(LgLintStmt *s, const LgLintRel *rel, const char *lock, const char *action,
                  const char *effect) {
  if (!OidIsValid(rel->oid) || rel->is_new) return false;
  s->locked_existing = true;
  LgLintSize size;
  lg_lint_size(rel->oid, &size);
  lg_lint_emit(s, "lock", -1, lock, rel->display, "%s: %s; %s", action, effect,
               lg_lint_size_text(&size));
  return lg_lint_has_rows(&size);
}

/* Statements that take a lock and have no rule of their own. */
void lg_lint_simple_lock(LgLintStmt *s, RangeVar *rv, const char *lock, const char *action,
                         const char *effect) {
  if (rv == NULL) return;
  LgLintRel rel;
  lg_lint_rel(s, rv, &rel);
  if (rel.dropped_by != NULL)
    lg_lint_emit(s, "object_dropped_earlier", -1, NULL, rel.display,
                 "%s: relation %s is dropped by revision %s earlier in this plan", action,
                 rel.display, rel.dropped_by);
  lg_lint_lock(s, &rel, lock, action, effect);
}

const char *lg_lint_lock_name(int mode) {
  static const char *const names[] = {
      "",      "ACCESS SHARE",        "ROW SHARE", "ROW EXCLUSIVE",   "SHARE UPDATE EXCLUSIVE",
      "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"};
  return mode >= 1 && mode <= 8 ? names[mode] : "ACCESS EXCLUSIVE";
}

/* DML: ROW EXCLUSIVE on the target; an UPDATE or DELETE without WHERE
 * touches every row (backfilling_data when the revision also changes a
 * table's schema in the same transaction). */
static void lint_dml(LgLintStmt *s, RangeVar *rv, const char *action, bool every_row) {
  if (rv == NULL) return;
  LgLintRel rel;
  lg_lint_rel(s, rv, &rel);
  if (rel.dropped_by != NULL)
    lg_lint_emit(s, "object_dropped_earlier", -1, NULL, rel.display,
                 "%s: relation %s is dropped by revision %s earlier in this plan", action,
                 rel.display, rel.dropped_by);
  bool rows =
      lg_lint_lock(s, &rel, "ROW EXCLUSIVE", action,
                   every_row ? "writes every row (no WHERE)" : "writes the rows it matches");
  if (rows && every_row && s->transactional)
    lg_lint_emit(s, "backfilling_data", -1, "ROW EXCLUSIVE", rel.display,
                 "%s of every row of %s in the revision's one transaction: a large table holds "
                 "the revision's locks for the whole backfill; batch it in a non-transactional "
                 "revision (COMMIT AND CHAIN between batches)",
                 action, rel.display);
}

/* Dispatch; plan-wide rules (enum labels, timeouts, transactions) after.
 * Long because it is a table: one case per kind of statement. */
void lg_lint_statement(LgLintStmt *s) {
  Node *n = s->stmt->parsetree;
  if (IsA(n, RawStmt)) n = ((RawStmt *) n)->stmt;
  switch (nodeTag(n)) {
    case T_AlterTableStmt:
      lg_lint_alter_table(s, (AlterTableStmt *) n);
      break;
    case T_CreateStmt:
      lg_lint_create_table(s, (CreateStmt *) n);
      break;
    case T_IndexStmt:
      lg_lint_index(s, (IndexStmt *) n);
      break;
    case T_DropStmt:
      lg_lint_drop(s, (DropStmt *) n);
      break;
    case T_TruncateStmt:
      lg_lint_truncate(s, (TruncateStmt *) n);
      break;
    case T_RenameStmt:
      lg_lint_rename(s, (RenameStmt *) n);
      break;
    case T_InsertStmt:
      lint_dml(s, ((InsertStmt *) n)->relation, "INSERT", false);
      break;
    case T_UpdateStmt:
      lint_dml(s, ((UpdateStmt *) n)->relation, "UPDATE", ((UpdateStmt *) n)->whereClause == NULL);
      break;
    case T_DeleteStmt:
      lint_dml(s, ((DeleteStmt *) n)->relation, "DELETE", ((DeleteStmt *) n)->whereClause == NULL);
      break;
    case T_LockStmt: {
      LockStmt *l = (LockStmt *) n;
      ListCell *lc;
      foreach (lc, l->relations)
        lg_lint_simple_lock(s, (RangeVar *) lfirst(lc), lg_lint_lock_name(l->mode), "LOCK TABLE",
                            "held to the end of the transaction");
      break;
    }
    case T_CreateTrigStmt:
      lg_lint_simple_lock(s, ((CreateTrigStmt *) n)->relation, "SHARE ROW EXCLUSIVE",
                          "CREATE TRIGGER", "no scan");
      break;
    case T_CreatePolicyStmt:
      lg_lint_simple_lock(s, ((CreatePolicyStmt *) n)->table, "ACCESS EXCLUSIVE", "CREATE POLICY",
                          "no scan");
      break;
    case T_AlterPolicyStmt:
      lg_lint_simple_lock(s, ((AlterPolicyStmt *) n)->table, "ACCESS EXCLUSIVE", "ALTER POLICY",
                          "no scan");
      break;
    case T_RuleStmt:
      lg_lint_simple_lock(s, ((RuleStmt *) n)->relation, "ACCESS EXCLUSIVE", "CREATE RULE",
                          "no scan");
      break;
    case T_CreateStatsStmt: {
      CreateStatsStmt *st = (CreateStatsStmt *) n;
      if (list_length(st->relations) == 1 && IsA(linitial(st->relations), RangeVar))
        lg_lint_simple_lock(s, (RangeVar *) linitial(st->relations), "SHARE UPDATE EXCLUSIVE",
                            "CREATE STATISTICS", "no scan");
      break;
    }
    case T_AlterObjectSchemaStmt: {
      AlterObjectSchemaStmt *a = (AlterObjectSchemaStmt *) n;
      if (a->relation != NULL)
        lg_lint_simple_lock(s, a->relation, "ACCESS EXCLUSIVE", "ALTER ... SET SCHEMA",
                            "no scan; code using the old schema's name fails");
      break;
    }
    case T_CommentStmt: {
      CommentStmt *c = (CommentStmt *) n;
      if (c->objtype == OBJECT_COLUMN && IsA(c->object, List) &&
          list_length((List *) c->object) >= 2 && list_length((List *) c->object) <= 4) {
        List *names = list_copy((List *) c->object);
        lg_lint_simple_lock(s,
                            makeRangeVarFromNameList(list_truncate(names, list_length(names) - 1)),
                            "SHARE UPDATE EXCLUSIVE", "COMMENT ON COLUMN", "no scan");
      } else if ((c->objtype == OBJECT_TABLE || c->objtype == OBJECT_VIEW ||
                  c->objtype == OBJECT_MATVIEW) &&
                 IsA(c->object, List) && list_length((List *) c->object) <= 3)
        lg_lint_simple_lock(s, makeRangeVarFromNameList((List *) c->object),
                            "SHARE UPDATE EXCLUSIVE", "COMMENT ON", "no scan");
      break;
    }
    default:
      lg_lint_other(s, n);
      break;
  }
  lg_lint_plan_rules(s);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
