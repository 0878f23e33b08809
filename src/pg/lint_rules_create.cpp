/*
 * lint_rules_create.cpp: CREATE TABLE (a new, empty table: only the style
 * of its columns, and the lock a foreign key or PARTITION OF takes on an
 * existing table), the style rules of a column, and CREATE INDEX.
 */
#include "pg/pg_headers.h"

#include "pg/lint_rules.h"
#include "pg/script_text.h"

static const char *inert_ident(const char *name) {
  return lg_inert_text(quote_identifier(name), false);
}

/* The style rules of one column: its type (int, smallint, serial, char(n),
 * varchar(n), timestamp, json) and its name's length.  table: where it is,
 * for detail. */
void lg_lint_column_style(LgLintStmt *s, const char *table, ColumnDef *col, bool pk) {
  if (col->typeName == NULL) return;
  const TypeName *tn = col->typeName;
  const char *t = strVal(llast(tn->names));
  bool catalog =
      list_length(tn->names) == 2 && strcmp(strVal(linitial(tn->names)), "pg_catalog") == 0;
  bool plain = list_length(tn->names) == 1;
  if (!catalog && !plain) return;
  const char *colname = inert_ident(col->colname);
  ListCell *lc;
  foreach (lc, col->constraints)
    if (((Constraint *) lfirst(lc))->contype == CONSTR_PRIMARY) pk = true;
  const char *rule = NULL, *why = NULL;
  if (strcmp(t, "bpchar") == 0 && catalog) {
    rule = "ban_char_field";
    why = "char(n): use text (with a CHECK on its length) or varchar";
  } else if (strcmp(t, "varchar") == 0 && catalog && tn->typmods != NIL) {
    rule = "prefer_text_field";
    why = "varchar(n): text with a CHECK (length(col) <= n) can change its limit without a lock";
  } else if ((strcmp(t, "int4") == 0 && catalog) ||
             (plain && (strcmp(t, "serial") == 0 || strcmp(t, "serial4") == 0))) {
    rule = "prefer_bigint_over_int";
    why = pk ? "a 32-bit primary key: use bigint" : "32-bit integer: use bigint";
  } else if ((strcmp(t, "int2") == 0 && catalog) ||
             (plain && (strcmp(t, "smallserial") == 0 || strcmp(t, "serial2") == 0))) {
    rule = "prefer_bigint_over_smallint";
    why = "16-bit integer: use bigint";
  } else if (strcmp(t, "timestamp") == 0 && catalog) {
    rule = "prefer_timestamptz";
    why = "timestamp without time zone: use timestamptz";
  } else if (strcmp(t, "json") == 0) {
    /* plain up to 15; from 16 on JSON is a keyword, parsed as pg_catalog.json */
    rule = "prefer_jsonb";
    why = "json: use jsonb";
  }
  if (rule != NULL) lg_lint_emit(s, rule, LG_SEV_INFO, NULL, table, "column %s: %s", colname, why);
  if (plain &&
      (strcmp(t, "serial") == 0 || strcmp(t, "serial4") == 0 || strcmp(t, "bigserial") == 0 ||
       strcmp(t, "serial8") == 0 || strcmp(t, "smallserial") == 0 || strcmp(t, "serial2") == 0))
    lg_lint_emit(s, "prefer_identity", LG_SEV_INFO, NULL, table,
                 "column %s is %s: use GENERATED ... AS IDENTITY", colname, t);
}

/* Duplicate names in a list of column definitions. */
static void duplicate_columns(LgLintStmt *s, const char *table, List *elts) {
  ListCell *a, *b;
  foreach (a, elts) {
    if (!IsA(lfirst(a), ColumnDef)) continue;
    const char *na = ((ColumnDef *) lfirst(a))->colname;
    for (b = lnext(elts, a); b != NULL; b = lnext(elts, b))
      if (IsA(lfirst(b), ColumnDef) && strcmp(na, ((ColumnDef *) lfirst(b))->colname) == 0) {
        lg_lint_emit(s, "ban_duplicate_column_assignments", -1, NULL, table,
                     "column %s is declared twice", inert_ident(na));
        return;
      }
  }
}

/* A reference to an existing table: SHARE ROW EXCLUSIVE on it (the new
 * table is empty: nothing is checked). */
static void reference(LgLintStmt *s, Constraint *c) {
  if (c->contype != CONSTR_FOREIGN || c->pktable == NULL) return;
  LgLintRel ref;
  lg_lint_rel(s, c->pktable, &ref);
  if (ref.dropped_by != NULL)
    lg_lint_emit(s, "object_dropped_earlier", -1, NULL, ref.display,
                 "REFERENCES %s: dropped by revision %s earlier in this plan", ref.display,
                 ref.dropped_by);
  lg_lint_lock(s, &ref, "SHARE ROW EXCLUSIVE", "CREATE TABLE ... REFERENCES (referenced)",
               "no scan (the new table is empty)");
}

void lg_lint_create_table(LgLintStmt *s, CreateStmt *stmt) {
  LgLintRel rel;
  lg_lint_rel(s, stmt->relation, &rel);
  if (stmt->if_not_exists && (rel.is_new || OidIsValid(rel.oid))) return;
  duplicate_columns(s, rel.display, stmt->tableElts);
  ListCell *lc;
  foreach (lc, stmt->tableElts) {
    Node *e = (Node *) lfirst(lc);
    if (IsA(e, ColumnDef)) {
      ColumnDef *col = (ColumnDef *) e;
      lg_lint_column_style(s, rel.display, col, false);
      ListCell *k;
      foreach (k, col->constraints) reference(s, (Constraint *) lfirst(k));
    } else if (IsA(e, Constraint)) {
      reference(s, (Constraint *) e);
    }
  }
  foreach (lc, stmt->inhRelations) {
    LgLintRel parent;
    lg_lint_rel(s, (RangeVar *) lfirst(lc), &parent);
    lg_lint_lock(s, &parent, stmt->partbound ? "ACCESS EXCLUSIVE" : "SHARE UPDATE EXCLUSIVE",
                 stmt->partbound ? "CREATE TABLE ... PARTITION OF (parent)"
                                 : "CREATE TABLE ... INHERITS (parent)",
                 "no scan");
  }
  lg_lint_note_created(s, 'r', rel.schema, rel.name);
}

void lg_lint_index(LgLintStmt *s, IndexStmt *stmt) {
  LgLintRel rel;
  lg_lint_rel(s, stmt->relation, &rel);
  if (rel.dropped_by != NULL)
    lg_lint_emit(s, "object_dropped_earlier", -1, NULL, rel.display,
                 "CREATE INDEX on %s: dropped by revision %s earlier in this plan", rel.display,
                 rel.dropped_by);
  if (stmt->idxname != NULL) {
    Oid nsp = get_namespace_oid(rel.schema, true);
    bool exists = OidIsValid(nsp) && OidIsValid(get_relname_relid(stmt->idxname, nsp));
    if (stmt->if_not_exists && (exists || lg_lint_obj_is_new(s, 'r', rel.schema, stmt->idxname)))
      return;
    lg_lint_note_created(s, 'r', rel.schema, stmt->idxname);
  }
  if (!stmt->unique && !stmt->primary && list_length(stmt->indexParams) > 3)
    lg_lint_emit(s, "index_too_many_columns", -1, NULL, rel.display,
                 "a non-unique index on %d columns", list_length(stmt->indexParams));
  if (!OidIsValid(rel.oid) || rel.is_new) return;
  bool rows = lg_lint_lock(s, &rel, stmt->concurrent ? "SHARE UPDATE EXCLUSIVE" : "SHARE",
                           stmt->concurrent ? "CREATE INDEX CONCURRENTLY" : "CREATE INDEX",
                           stmt->concurrent ? "scans the table twice, writes go on"
                                            : "scans the table; writes wait for the build");
  if (!stmt->concurrent)
    lg_lint_emit(s, "require_concurrent_index_creation", rows ? LG_SEV_WARNING : LG_SEV_INFO,
                 "SHARE", rel.display,
                 "CREATE INDEX without CONCURRENTLY blocks writes to %s while it builds%s",
                 rel.display, rows ? "" : " (the table is empty now)");
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
