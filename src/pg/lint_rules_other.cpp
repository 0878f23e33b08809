/*
 * lint_rules_other.cpp: the statements that are neither ALTER TABLE,
 * CREATE TABLE / INDEX, DROP, TRUNCATE nor RENAME: what they create (for
 * the plan's facts), domains and enums, VACUUM FULL, CLUSTER, REINDEX,
 * REFRESH MATERIALIZED VIEW, DROP DATABASE, COMMIT, SET lock_timeout.
 */
#include "pg/pg_headers.h"

#include "pg/lint_rules.h"
#include "pg/script_text.h"

static char *qualified(List *names, const char **schema, const char **name) {
  char *sch = NULL, *nm = NULL;
  DeconstructQualifiedName(names, &sch, &nm);
  *schema = sch ? sch : lg_lint_creation_schema();
  *name = nm;
  return lg_inert_text(quote_qualified_identifier(*schema, *name), false);
}

static bool has_option(List *options, const char *name) {
  ListCell *lc;
  foreach (lc, options) {
    DefElem *d = (DefElem *) lfirst(lc);
    if (strcmp(d->defname, name) == 0) return d->arg == NULL || defGetBoolean(d);
  }
  return false;
}

/* A statement that rewrites rv under ACCESS EXCLUSIVE: VACUUM FULL, CLUSTER. */
static void repack(LgLintStmt *s, RangeVar *rv, const char *what) {
  if (rv == NULL) {
    lg_lint_emit(s, "prefer_repack", -1, "ACCESS EXCLUSIVE", NULL,
                 "%s of every table in the database, each under ACCESS EXCLUSIVE", what);
    return;
  }
  LgLintRel rel;
  lg_lint_rel(s, rv, &rel);
  if (!OidIsValid(rel.oid) || rel.is_new) return;
  bool rows = lg_lint_lock(s, &rel, "ACCESS EXCLUSIVE", what, "rewrites the table");
  lg_lint_emit(s, "prefer_repack", rows ? LG_SEV_WARNING : LG_SEV_INFO, "ACCESS EXCLUSIVE",
               rel.display, "%s rewrites %s while reads and writes wait; pg_repack does not block",
               what, rel.display);
}

static void enum_stmt(LgLintStmt *s, AlterEnumStmt *stmt) {
  const char *schema, *name;
  char *display = qualified(stmt->typeName, &schema, &name);
  if (lg_lint_obj_is_new(s, 't', schema, name)) return;
  if (stmt->oldVal != NULL) {
    lg_lint_emit(s, "renaming_enum_value", -1, NULL, display,
                 "label %s of %s becomes %s: code still writing the old label fails",
                 lg_inert_text(quote_literal_cstr(stmt->oldVal), false), display,
                 lg_inert_text(quote_literal_cstr(stmt->newVal), false));
    return;
  }
  if (stmt->newVal == NULL) return;
  if (stmt->newValNeighbor == NULL)
    lg_lint_emit(s, "require_enum_value_ordering", -1, NULL, display,
                 "label %s goes last in the order of %s: say BEFORE or AFTER",
                 lg_inert_text(quote_literal_cstr(stmt->newVal), false), display);
  lg_lint_note_enum_label(s, display, stmt->newVal);
}

/* Long because it is a table: one case per kind of statement. */
void lg_lint_other(LgLintStmt *s, Node *n) {
  const char *schema, *name;
  switch (nodeTag(n)) {
    case T_ViewStmt: {
      ViewStmt *v = (ViewStmt *) n;
      LgLintRel rel;
      lg_lint_rel(s, v->view, &rel);
      if (v->replace && OidIsValid(rel.oid))
        lg_lint_lock(s, &rel, "ACCESS EXCLUSIVE", "CREATE OR REPLACE VIEW", "no scan");
      lg_lint_note_created(s, 'r', rel.schema, rel.name);
      break;
    }
    case T_CreateTableAsStmt: {
      LgLintRel rel;
      lg_lint_rel(s, ((CreateTableAsStmt *) n)->into->rel, &rel);
      lg_lint_note_created(s, 'r', rel.schema, rel.name);
      break;
    }
    case T_CreateSeqStmt: {
      LgLintRel rel;
      lg_lint_rel(s, ((CreateSeqStmt *) n)->sequence, &rel);
      lg_lint_note_created(s, 'r', rel.schema, rel.name);
      break;
    }
    case T_CompositeTypeStmt: {
      RangeVar *rv = ((CompositeTypeStmt *) n)->typevar;
      lg_lint_note_created(s, 't', rv->schemaname ? rv->schemaname : lg_lint_creation_schema(),
                           rv->relname);
      break;
    }
    case T_CreateEnumStmt:
      qualified(((CreateEnumStmt *) n)->typeName, &schema, &name);
      lg_lint_note_created(s, 't', schema, name);
      break;
    case T_CreateRangeStmt:
      qualified(((CreateRangeStmt *) n)->typeName, &schema, &name);
      lg_lint_note_created(s, 't', schema, name);
      break;
    case T_CreateDomainStmt: {
      CreateDomainStmt *d = (CreateDomainStmt *) n;
      char *display = qualified(d->domainname, &schema, &name);
      ListCell *lc;
      foreach (lc, d->constraints)
        if (((Constraint *) lfirst(lc))->contype == CONSTR_CHECK) {
          lg_lint_emit(s, "ban_create_domain_with_constraint", -1, NULL, display,
                       "domain %s has a CHECK: changing it later checks every column of the "
                       "type under lock; a CHECK on each column can be added NOT VALID",
                       display);
          break;
        }
      lg_lint_note_created(s, 't', schema, name);
      break;
    }
    case T_AlterDomainStmt: {
      AlterDomainStmt *d = (AlterDomainStmt *) n;
      char *display = qualified(d->typeName, &schema, &name);
      if (d->subtype == 'C' && !lg_lint_obj_is_new(s, 't', schema, name))
        lg_lint_emit(s, "ban_alter_domain_with_add_constraint", -1, NULL, display,
                     "ADD CONSTRAINT on domain %s checks every column of the type, locking "
                     "their tables",
                     display);
      break;
    }
    case T_AlterEnumStmt:
      enum_stmt(s, (AlterEnumStmt *) n);
      break;
    case T_CreateFunctionStmt:
      qualified(((CreateFunctionStmt *) n)->funcname, &schema, &name);
      lg_lint_note_created(s, 'f', schema, name);
      break;
    case T_CreateSchemaStmt: {
      CreateSchemaStmt *c = (CreateSchemaStmt *) n;
      if (c->schemaname == NULL) break;
      lg_lint_note_created(s, 'n', NULL, c->schemaname);
      ListCell *lc;
      foreach (lc, c->schemaElts)
        if (IsA(lfirst(lc), CreateStmt))
          lg_lint_note_created(s, 'r', c->schemaname,
                               ((CreateStmt *) lfirst(lc))->relation->relname);
      break;
    }
    case T_DropdbStmt:
      lg_lint_emit(s, "ban_drop_database", -1, NULL, NULL,
                   "database %s and all it holds are dropped",
                   lg_inert_text(quote_identifier(((DropdbStmt *) n)->dbname), false));
      break;
    case T_VacuumStmt: {
      VacuumStmt *v = (VacuumStmt *) n;
      if (!v->is_vacuumcmd || !has_option(v->options, "full")) {
        ListCell *lc;
        foreach (lc, v->rels)
          lg_lint_simple_lock(s, ((VacuumRelation *) lfirst(lc))->relation,
                              "SHARE UPDATE EXCLUSIVE", v->is_vacuumcmd ? "VACUUM" : "ANALYZE",
                              "reads the table; reads and writes go on");
        break;
      }
      if (v->rels == NIL) repack(s, NULL, "VACUUM FULL");
      ListCell *lc;
      foreach (lc, v->rels) repack(s, ((VacuumRelation *) lfirst(lc))->relation, "VACUUM FULL");
      break;
    }
    case T_ClusterStmt:
      repack(s, ((ClusterStmt *) n)->relation, "CLUSTER");
      break;
    case T_ReindexStmt: {
      ReindexStmt *r = (ReindexStmt *) n;
      if (has_option(r->params, "concurrently")) break;
      LgLintRel rel;
      if (r->relation != NULL) {
        lg_lint_rel(s, r->relation, &rel);
        if (!OidIsValid(rel.oid) || rel.is_new) break;
      }
      lg_lint_emit(s, "require_concurrent_reindex", -1, "SHARE", r->relation ? rel.display : NULL,
                   "REINDEX without CONCURRENTLY blocks writes, and reads through the index");
      break;
    }
    case T_RefreshMatViewStmt: {
      RefreshMatViewStmt *r = (RefreshMatViewStmt *) n;
      LgLintRel rel;
      lg_lint_rel(s, r->relation, &rel);
      lg_lint_lock(
          s, &rel, r->concurrent ? "EXCLUSIVE" : "ACCESS EXCLUSIVE",
          r->concurrent ? "REFRESH MATERIALIZED VIEW CONCURRENTLY" : "REFRESH MATERIALIZED VIEW",
          "runs its query and refills it");
      break;
    }
    case T_TransactionStmt: {
      TransactionStmt *t = (TransactionStmt *) n;
      if (t->kind == TRANS_STMT_COMMIT)
        lg_lint_emit(s, "transaction_nesting", -1, NULL, NULL,
                     "COMMIT%s ends the revision's transaction here: what ran before it stays "
                     "if a later statement fails (lg records the revision after its last)",
                     t->chain ? " AND CHAIN" : "");
      break;
    }
    case T_VariableSetStmt: {
      VariableSetStmt *v = (VariableSetStmt *) n;
      if (v->name != NULL && strcmp(v->name, "lock_timeout") == 0) lg_lint_note_timeout(s);
      break;
    }
    default:
      break;
  }
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
