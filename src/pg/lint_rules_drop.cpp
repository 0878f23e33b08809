/*
 * lint_rules_drop.cpp: DROP, TRUNCATE and RENAME: the data that goes, the
 * objects that depend on what goes (pg_depend: without CASCADE the DROP
 * fails, with it they go too), and names that code still uses.
 */
#include "pg/pg_headers.h"

extern "C" {
#include "catalog/dependency.h"
#include "catalog/index.h"
#include "catalog/pg_namespace.h"
#include "parser/parse_type.h"
}

#include "pg/lint_rules.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"

/* Normal dependents of (classid, objid[, subid]), less the object's own
 * parts (its constraints, defaults, triggers, rules: they go with it); a
 * view's rule is named as the view. */
char *lg_lint_dependents(Oid classid, Oid objid, int32 subid, int *count) {
  Oid types[3] = {OIDOID, OIDOID, INT4OID};
  Datum values[3] = {ObjectIdGetDatum(classid), ObjectIdGetDatum(objid), Int32GetDatum(subid)};
  uint64 n = lg_spi_exec(
      "SELECT DISTINCT CASE WHEN d.classid OPERATOR(pg_catalog.=) "
      "'pg_catalog.pg_rewrite'::pg_catalog.regclass "
      "THEN pg_catalog.pg_describe_object('pg_catalog.pg_class'::pg_catalog.regclass, r.ev_class, 0) "
      "ELSE pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) END AS what "
      "FROM pg_catalog.pg_depend d "
      "LEFT JOIN pg_catalog.pg_rewrite r ON d.classid OPERATOR(pg_catalog.=) "
      "'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid OPERATOR(pg_catalog.=) d.objid "
      "LEFT JOIN pg_catalog.pg_constraint c ON d.classid OPERATOR(pg_catalog.=) "
      "'pg_catalog.pg_constraint'::pg_catalog.regclass AND c.oid OPERATOR(pg_catalog.=) d.objid "
      "LEFT JOIN pg_catalog.pg_attrdef a ON d.classid OPERATOR(pg_catalog.=) "
      "'pg_catalog.pg_attrdef'::pg_catalog.regclass AND a.oid OPERATOR(pg_catalog.=) d.objid "
      "LEFT JOIN pg_catalog.pg_trigger t ON d.classid OPERATOR(pg_catalog.=) "
      "'pg_catalog.pg_trigger'::pg_catalog.regclass AND t.oid OPERATOR(pg_catalog.=) d.objid "
      "WHERE d.refclassid OPERATOR(pg_catalog.=) $1 AND d.refobjid OPERATOR(pg_catalog.=) $2 "
      "AND ($3 OPERATOR(pg_catalog.=) 0 OR d.refobjsubid OPERATOR(pg_catalog.=) $3) "
      "AND d.deptype OPERATOR(pg_catalog.=) 'n' "
      "AND NOT (d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass "
      "AND d.objid OPERATOR(pg_catalog.=) $2) "
      "AND r.ev_class IS DISTINCT FROM $2 AND c.conrelid IS DISTINCT FROM $2 "
      "AND a.adrelid IS DISTINCT FROM $2 AND t.tgrelid IS DISTINCT FROM $2 "
      "ORDER BY 1",
      3, types, values, NULL, true);
  *count = (int) n;
  if (n == 0) {
    SPI_freetuptable(SPI_tuptable);
    return NULL;
  }
  StringInfoData b;
  initStringInfo(&b);
  for (uint64 i = 0; i < n && i < 10; i++) {
    char *what = lg_spi_text(i, 1);
    appendStringInfo(&b, "%s%s", i ? ", " : "", what ? lg_inert_text(what, false) : "?");
  }
  if (n > 10) appendStringInfo(&b, " and %d more", (int) (n - 10));
  SPI_freetuptable(SPI_tuptable);
  return b.data;
}

static void report_dependents(LgLintStmt *s, DropStmt *stmt, Oid classid, Oid objid,
                              const char *display) {
  int count;
  char *deps = lg_lint_dependents(classid, objid, 0, &count);
  if (count == 0) return;
  bool cascade = stmt->behavior == DROP_CASCADE;
  lg_lint_emit(s, "drop_with_dependents", cascade ? LG_SEV_WARNING : LG_SEV_ERROR, NULL, display,
               "%s: %s %s", display,
               cascade ? "CASCADE also drops" : "the DROP fails without CASCADE: needed by", deps);
}

static const char *drop_kind(ObjectType t) {
  switch (t) {
    case OBJECT_TABLE:
      return "TABLE";
    case OBJECT_VIEW:
      return "VIEW";
    case OBJECT_MATVIEW:
      return "MATERIALIZED VIEW";
    case OBJECT_SEQUENCE:
      return "SEQUENCE";
    case OBJECT_INDEX:
      return "INDEX";
    case OBJECT_FOREIGN_TABLE:
      return "FOREIGN TABLE";
    default:
      return "";
  }
}

/* DROP TABLE / VIEW / INDEX / SEQUENCE ... of one name. */
static void drop_relation(LgLintStmt *s, DropStmt *stmt, List *names) {
  LgLintRel rel;
  lg_lint_rel(s, makeRangeVarFromNameList(names), &rel);
  const char *kind = drop_kind(stmt->removeType);
  if (rel.dropped_by != NULL && !stmt->missing_ok)
    lg_lint_emit(s, "object_dropped_earlier", -1, NULL, rel.display,
                 "DROP %s %s: dropped by revision %s earlier in this plan: this DROP fails", kind,
                 rel.display, rel.dropped_by);
  bool existing = OidIsValid(rel.oid) && !rel.is_new;
  if (existing) {
    if (stmt->removeType == OBJECT_INDEX) {
      Oid table = IndexGetRelation(rel.oid, true);
      if (OidIsValid(table)) {
        LgLintRel t;
        memset(&t, 0, sizeof(t));
        t.oid = table;
        t.display =
            lg_inert_text(quote_qualified_identifier(get_namespace_name(get_rel_namespace(table)),
                                                     get_rel_name(table)),
                          false);
        bool rows = lg_lint_lock(
            s, &t, stmt->concurrent ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE",
            psprintf("DROP INDEX%s %s", stmt->concurrent ? " CONCURRENTLY" : "", rel.display),
            "no scan");
        if (!stmt->concurrent)
          lg_lint_emit(s, "require_concurrent_index_deletion", rows ? LG_SEV_WARNING : LG_SEV_INFO,
                       "ACCESS EXCLUSIVE", t.display,
                       "DROP INDEX %s without CONCURRENTLY blocks reads and writes of %s",
                       rel.display, t.display);
      }
    } else {
      LgLintSize size;
      lg_lint_size(rel.oid, &size);
      bool rows = lg_lint_lock(s, &rel, "ACCESS EXCLUSIVE", psprintf("DROP %s", kind), "no scan");
      if (stmt->removeType == OBJECT_TABLE)
        lg_lint_emit(s, "ban_drop_table", -1, "ACCESS EXCLUSIVE", rel.display,
                     "%s and its rows are dropped (%s)%s", rel.display, lg_lint_size_text(&size),
                     rows ? "" : "; it is empty now");
    }
    report_dependents(s, stmt, RelationRelationId, rel.oid, rel.display);
  }
  if (existing || rel.is_new) lg_lint_note_dropped(s, 'r', rel.schema, rel.name);
}

/* DROP TYPE / DOMAIN: dependents (columns of that type, functions). */
static void drop_type(LgLintStmt *s, DropStmt *stmt, TypeName *tn) {
  const char *schema = NULL, *name = NULL;
  DeconstructQualifiedName(tn->names, (char **) &schema, (char **) &name);
  Type t = LookupTypeName(NULL, tn, NULL, true);
  Oid oid = InvalidOid;
  if (t != NULL) {
    oid = typeTypeId(t);
    ReleaseSysCache(t);
    HeapTuple tup = SearchSysCache1(TYPEOID, ObjectIdGetDatum(oid));
    if (schema == NULL && HeapTupleIsValid(tup))
      schema = get_namespace_name(((Form_pg_type) GETSTRUCT(tup))->typnamespace);
    if (HeapTupleIsValid(tup)) ReleaseSysCache(tup);
  }
  if (schema == NULL) schema = lg_lint_creation_schema();
  char *display = lg_inert_text(quote_qualified_identifier(schema, name), false);
  const char *by = lg_lint_obj_dropped_by(s, 't', schema, name);
  /* the catalog still has what an earlier revision of the plan drops */
  if (by != NULL && !stmt->missing_ok)
    lg_lint_emit(s, "object_dropped_earlier", -1, NULL, display,
                 "DROP TYPE %s: dropped by revision %s earlier in this plan: this DROP fails",
                 display, by);
  bool is_new = lg_lint_obj_is_new(s, 't', schema, name);
  if (OidIsValid(oid) && by == NULL && !is_new)
    report_dependents(s, stmt, TypeRelationId, oid, display);
  lg_lint_note_dropped(s, 't', schema, name);
}

/* DROP FUNCTION / PROCEDURE / ROUTINE: by name, the one candidate with as
 * many arguments (none is looked up if that is ambiguous). */
static void drop_routine(LgLintStmt *s, DropStmt *stmt, ObjectWithArgs *owa) {
  char *schema = NULL, *name = NULL;
  DeconstructQualifiedName(owa->objname, &schema, &name);
  FuncCandidateList c = FuncnameGetCandidates(owa->objname, -1, NIL, false, false, false, true);
  Oid oid = InvalidOid;
  int matches = 0;
  for (; c != NULL; c = c->next)
    if (owa->args_unspecified || c->nargs == list_length(owa->objargs)) {
      oid = c->oid;
      matches++;
    }
  if (matches != 1) oid = InvalidOid;
  if (schema == NULL)
    schema = OidIsValid(oid) ? get_namespace_name(get_func_namespace(oid))
                             : (char *) lg_lint_creation_schema();
  char *display = lg_inert_text(quote_qualified_identifier(schema, name), false);
  const char *by = lg_lint_obj_dropped_by(s, 'f', schema, name);
  if (by != NULL && !stmt->missing_ok)
    lg_lint_emit(s, "object_dropped_earlier", -1, NULL, display,
                 "DROP FUNCTION %s: dropped by revision %s earlier in this plan: this DROP fails",
                 display, by);
  if (OidIsValid(oid) && by == NULL && !lg_lint_obj_is_new(s, 'f', schema, name))
    report_dependents(s, stmt, ProcedureRelationId, oid, display);
  lg_lint_note_dropped(s, 'f', schema, name);
}

static void drop_schema(LgLintStmt *s, DropStmt *stmt, const char *name) {
  Oid oid = get_namespace_oid(name, true);
  char *display = lg_inert_text(quote_identifier(name), false);
  const char *by = lg_lint_obj_dropped_by(s, 'n', NULL, name);
  if (by != NULL && !stmt->missing_ok)
    lg_lint_emit(s, "object_dropped_earlier", -1, NULL, display,
                 "DROP SCHEMA %s: dropped by revision %s earlier in this plan", display, by);
  if (OidIsValid(oid) && by == NULL && !lg_lint_obj_is_new(s, 'n', NULL, name))
    report_dependents(s, stmt, NamespaceRelationId, oid, display);
  lg_lint_note_dropped(s, 'n', NULL, name);
}

void lg_lint_drop(LgLintStmt *s, DropStmt *stmt) {
  ListCell *lc;
  foreach (lc, stmt->objects) {
    Node *o = (Node *) lfirst(lc);
    switch (stmt->removeType) {
      case OBJECT_TABLE:
      case OBJECT_VIEW:
      case OBJECT_MATVIEW:
      case OBJECT_SEQUENCE:
      case OBJECT_INDEX:
      case OBJECT_FOREIGN_TABLE:
        drop_relation(s, stmt, (List *) o);
        break;
      case OBJECT_TYPE:
      case OBJECT_DOMAIN:
        drop_type(s, stmt, (TypeName *) o);
        break;
      case OBJECT_FUNCTION:
      case OBJECT_PROCEDURE:
      case OBJECT_ROUTINE:
        drop_routine(s, stmt, (ObjectWithArgs *) o);
        break;
      case OBJECT_SCHEMA:
        drop_schema(s, stmt, strVal(o));
        break;
      case OBJECT_TRIGGER:
      case OBJECT_POLICY:
      case OBJECT_RULE: {
        List *names = (List *) o;
        if (list_length(names) < 2) break;
        LgLintRel rel;
        lg_lint_rel(
            s, makeRangeVarFromNameList(list_truncate(list_copy(names), list_length(names) - 1)),
            &rel);
        lg_lint_lock(s, &rel, "ACCESS EXCLUSIVE",
                     stmt->removeType == OBJECT_TRIGGER  ? "DROP TRIGGER"
                     : stmt->removeType == OBJECT_POLICY ? "DROP POLICY"
                                                         : "DROP RULE",
                     "no scan");
        break;
      }
      default:
        break;
    }
  }
}

void lg_lint_truncate(LgLintStmt *s, TruncateStmt *stmt) {
  ListCell *lc;
  foreach (lc, stmt->relations) {
    LgLintRel rel;
    lg_lint_rel(s, (RangeVar *) lfirst(lc), &rel);
    if (rel.dropped_by != NULL)
      lg_lint_emit(s, "object_dropped_earlier", -1, NULL, rel.display,
                   "TRUNCATE %s: dropped by revision %s earlier in this plan", rel.display,
                   rel.dropped_by);
    lg_lint_lock(s, &rel, "ACCESS EXCLUSIVE", "TRUNCATE", "empties the table");
    if (stmt->behavior == DROP_CASCADE)
      lg_lint_emit(s, "ban_truncate_cascade", -1, "ACCESS EXCLUSIVE", rel.display,
                   "TRUNCATE %s CASCADE also empties every table with a foreign key to it",
                   rel.display);
  }
}

void lg_lint_rename(LgLintStmt *s, RenameStmt *stmt) {
  switch (stmt->renameType) {
    case OBJECT_TABLE:
    case OBJECT_VIEW:
    case OBJECT_MATVIEW:
    case OBJECT_INDEX:
    case OBJECT_SEQUENCE:
    case OBJECT_COLUMN:
    case OBJECT_TABCONSTRAINT: {
      LgLintRel rel;
      lg_lint_rel(s, stmt->relation, &rel);
      if (rel.dropped_by != NULL && !stmt->missing_ok)
        lg_lint_emit(s, "object_dropped_earlier", -1, NULL, rel.display,
                     "ALTER ... RENAME: %s is dropped by revision %s earlier in this plan",
                     rel.display, rel.dropped_by);
      if (rel.is_new && stmt->renameType != OBJECT_COLUMN &&
          stmt->renameType != OBJECT_TABCONSTRAINT) {
        lg_lint_note_dropped(s, 'r', rel.schema, rel.name);
        lg_lint_note_created(s, 'r', rel.schema, stmt->newname);
      }
      if (!OidIsValid(rel.oid) || rel.is_new) break;
      bool index = stmt->renameType == OBJECT_INDEX;
      lg_lint_lock(s, &rel, index ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE", "RENAME",
                   "no scan");
      if (stmt->renameType == OBJECT_COLUMN)
        lg_lint_emit(s, "renaming_column", -1, "ACCESS EXCLUSIVE", rel.display,
                     "column %s becomes %s: code still using the old name fails",
                     lg_inert_text(quote_identifier(stmt->subname), false),
                     lg_inert_text(quote_identifier(stmt->newname), false));
      else if (stmt->renameType == OBJECT_TABLE || stmt->renameType == OBJECT_VIEW ||
               stmt->renameType == OBJECT_MATVIEW)
        lg_lint_emit(s, "renaming_table", -1, "ACCESS EXCLUSIVE", rel.display,
                     "%s becomes %s: code still using the old name fails", rel.display,
                     lg_inert_text(quote_identifier(stmt->newname), false));
      break;
    }
    case OBJECT_SCHEMA:
      if (!lg_lint_obj_is_new(s, 'n', NULL, stmt->subname) &&
          OidIsValid(get_namespace_oid(stmt->subname, true)))
        lg_lint_emit(s, "renaming_schema", -1, NULL, NULL,
                     "schema %s becomes %s: code still using the old name fails",
                     lg_inert_text(quote_identifier(stmt->subname), false),
                     lg_inert_text(quote_identifier(stmt->newname), false));
      break;
    default:
      break;
  }
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
