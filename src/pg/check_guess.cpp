/*
 * check_guess.cpp: the units a revision's SQL names, from its parse
 * trees (check_guess.h says what for and why a guess is always checked).
 */
#include "pg/check_guess.h"

#include "pg/catalog_describe.h"
#include "pg/statements.h"

/* Whether the object of unit u exists now (a routine, an extension: as if). */
static bool unit_exists(const LgUnit *u) {
  if (u->kind == LG_UNIT_SCHEMA) return OidIsValid(get_namespace_oid(u->name, true));
  if (u->kind == LG_UNIT_EXTENSION || u->schema == NULL) return true;
  Oid nsp = get_namespace_oid(u->schema, true);
  if (!OidIsValid(nsp)) return false;
  switch (u->kind) {
    case LG_UNIT_RELATION:
      return OidIsValid(get_relname_relid(u->name, nsp));
    case LG_UNIT_TYPE:
      return OidIsValid(GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum(u->name),
                                        ObjectIdGetDatum(nsp)));
    default:
      return true;
  }
}

LgPartSet *lg_describe_existing(const LgUnitSet *units, LgUnitSet **described) {
  LgUnitSet *some = (LgUnitSet *) palloc0(sizeof(LgUnitSet));
  for (int i = 0; i < units->n; i++)
    if (unit_exists(&units->units[i]))
      lg_unit_set_add(some, units->units[i].kind, units->units[i].schema, units->units[i].name);
  *described = some;
  if (some->n == 0) return (LgPartSet *) palloc0(sizeof(LgPartSet));
  return lg_describe_units(some);
}

/* The schema of type typid, InvalidOid if there is none. */
static Oid type_namespace(Oid typid) {
  HeapTuple tup = SearchSysCache1(TYPEOID, ObjectIdGetDatum(typid));
  if (!HeapTupleIsValid(tup)) return InvalidOid;
  Oid nsp = ((Form_pg_type) GETSTRUCT(tup))->typnamespace;
  ReleaseSysCache(tup);
  return nsp;
}

/* The table of index idx, InvalidOid if there is none. */
static Oid index_table(Oid idx) {
  HeapTuple tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(idx));
  if (!HeapTupleIsValid(tup)) return InvalidOid;
  Oid table = ((Form_pg_index) GETSTRUCT(tup))->indrelid;
  ReleaseSysCache(tup);
  return table;
}

static char *nsp_name(Oid nsp) { return OidIsValid(nsp) ? get_namespace_name(nsp) : NULL; }

/* The schema an unqualified new object goes to: the first of search_path. */
static Oid creation_namespace(void) {
  List *path = fetch_search_path(false);
  Oid nsp = path != NIL ? linitial_oid(path) : InvalidOid;
  list_free(path);
  return nsp;
}

static bool add(LgUnitSet *set, char kind, Oid nsp, const char *name) {
  char *schema = nsp_name(nsp);
  if (schema == NULL || name == NULL) return false;
  lg_unit_set_add(set, kind, schema, pstrdup(name));
  return true;
}

/* A relation by its RangeVar; creating: a new relation's name. */
static bool add_relation(LgUnitSet *set, const RangeVar *rv, bool creating) {
  Oid nsp = InvalidOid;
  if (rv->schemaname != NULL)
    nsp = get_namespace_oid(rv->schemaname, true);
  else if (!creating) {
    Oid relid = RangeVarGetRelid(rv, NoLock, true);
    nsp = OidIsValid(relid) ? get_rel_namespace(relid) : creation_namespace();
  } else {
    nsp = creation_namespace();
  }
  return add(set, LG_UNIT_RELATION, nsp, rv->relname);
}

/* A qualified name list (schema.name or name) of kind. */
static bool add_named(LgUnitSet *set, char kind, List *names) {
  char *schema, *name;
  DeconstructQualifiedName(names, &schema, &name);
  Oid nsp = schema != NULL ? get_namespace_oid(schema, true) : InvalidOid;
  if (schema == NULL && kind == LG_UNIT_RELATION) {
    RangeVar *rv = makeRangeVarFromNameList(names);
    return add_relation(set, rv, false);
  }
  if (schema == NULL && kind == LG_UNIT_TYPE) {
    Oid typid = TypenameGetTypid(name);
    nsp = OidIsValid(typid) ? type_namespace(typid) : creation_namespace();
  } else if (schema == NULL) {
    nsp = creation_namespace();
  }
  return add(set, kind, nsp, name);
}

/* The table of an existing index named by names. */
static bool add_index_table(LgUnitSet *set, List *names) {
  RangeVar *rv = makeRangeVarFromNameList(names);
  Oid idx = RangeVarGetRelid(rv, NoLock, true);
  if (!OidIsValid(idx)) return true; /* DROP INDEX IF EXISTS of nothing */
  Oid table = index_table(idx);
  if (!OidIsValid(table)) return false;
  return add(set, LG_UNIT_RELATION, get_rel_namespace(table), get_rel_name(table));
}

/* Foreign keys name the table they reference, which gets triggers. */
static bool add_constraint_refs(LgUnitSet *set, List *elts) {
  ListCell *lc;
  foreach (lc, elts) {
    Node *n = (Node *) lfirst(lc);
    List *cons = NIL;
    if (IsA(n, Constraint))
      cons = list_make1(n);
    else if (IsA(n, ColumnDef))
      cons = ((ColumnDef *) n)->constraints;
    ListCell *c;
    foreach (c, cons) {
      Constraint *con = (Constraint *) lfirst(c);
      if (IsA(con, Constraint) && con->contype == CONSTR_FOREIGN && con->pktable != NULL &&
          !add_relation(set, con->pktable, false))
        return false;
    }
  }
  return true;
}

static bool guess_drop(const DropStmt *d, LgUnitSet *set) {
  if (d->behavior == DROP_CASCADE) return false;
  ListCell *lc;
  foreach (lc, d->objects) {
    Node *obj = (Node *) lfirst(lc);
    bool ok;
    switch (d->removeType) {
      case OBJECT_TABLE:
      case OBJECT_VIEW:
      case OBJECT_MATVIEW:
      case OBJECT_SEQUENCE:
      case OBJECT_FOREIGN_TABLE:
        ok = add_named(set, LG_UNIT_RELATION, (List *) obj);
        break;
      case OBJECT_INDEX:
        ok = add_index_table(set, (List *) obj);
        break;
      case OBJECT_TYPE:
      case OBJECT_DOMAIN:
        ok = add_named(set, LG_UNIT_TYPE, ((TypeName *) obj)->names);
        break;
      case OBJECT_FUNCTION:
      case OBJECT_PROCEDURE:
      case OBJECT_ROUTINE:
        ok = add_named(set, LG_UNIT_ROUTINE, ((ObjectWithArgs *) obj)->objname);
        break;
      case OBJECT_TRIGGER:
      case OBJECT_POLICY:
      case OBJECT_RULE:
        /* (schema.)table.name: the table is the list without its last */
        ok = add_named(set, LG_UNIT_RELATION,
                       list_copy_head((List *) obj, list_length((List *) obj) - 1));
        break;
      default:
        ok = false;
    }
    if (!ok) return false;
  }
  return true;
}

/* Long because it is a table: one case per kind of statement read. */
static bool guess_statement(Node *n, LgUnitSet *set) {
  switch (nodeTag(n)) {
    case T_CreateStmt: {
      CreateStmt *c = (CreateStmt *) n;
      ListCell *lc;
      foreach (lc, c->inhRelations)
        if (!add_relation(set, (RangeVar *) lfirst(lc), false)) return false;
      return add_relation(set, c->relation, true) && add_constraint_refs(set, c->tableElts);
    }
    case T_AlterTableStmt: {
      AlterTableStmt *a = (AlterTableStmt *) n;
      if (!add_relation(set, a->relation, false)) return false;
      ListCell *lc;
      foreach (lc, a->cmds) {
        AlterTableCmd *cmd = (AlterTableCmd *) lfirst(lc);
        if (cmd->behavior == DROP_CASCADE) return false;
        if (cmd->def != NULL && !add_constraint_refs(set, list_make1(cmd->def))) return false;
        bool partition = cmd->subtype == AT_AttachPartition || cmd->subtype == AT_DetachPartition;
        if (partition && (cmd->def == NULL || !IsA(cmd->def, PartitionCmd) ||
                          !add_relation(set, ((PartitionCmd *) cmd->def)->name, false)))
          return false;
      }
      return true;
    }
    case T_IndexStmt:
      return add_relation(set, ((IndexStmt *) n)->relation, false);
    case T_CreateTrigStmt:
      return add_relation(set, ((CreateTrigStmt *) n)->relation, false);
    case T_CreatePolicyStmt:
      return add_relation(set, ((CreatePolicyStmt *) n)->table, false);
    case T_AlterPolicyStmt:
      return add_relation(set, ((AlterPolicyStmt *) n)->table, false);
    case T_ViewStmt:
      return add_relation(set, ((ViewStmt *) n)->view, true);
    case T_CreateSeqStmt:
      return add_relation(set, ((CreateSeqStmt *) n)->sequence, true);
    case T_AlterSeqStmt:
      return add_relation(set, ((AlterSeqStmt *) n)->sequence, false);
    case T_CreateFunctionStmt:
      return add_named(set, LG_UNIT_ROUTINE, ((CreateFunctionStmt *) n)->funcname);
    case T_CreateEnumStmt:
      return add_named(set, LG_UNIT_TYPE, ((CreateEnumStmt *) n)->typeName);
    case T_AlterEnumStmt:
      return add_named(set, LG_UNIT_TYPE, ((AlterEnumStmt *) n)->typeName);
    case T_CreateDomainStmt:
      return add_named(set, LG_UNIT_TYPE, ((CreateDomainStmt *) n)->domainname);
    case T_CompositeTypeStmt:
      return add_relation(set, ((CompositeTypeStmt *) n)->typevar, true) &&
             add(set, LG_UNIT_TYPE,
                 ((CompositeTypeStmt *) n)->typevar->schemaname
                     ? get_namespace_oid(((CompositeTypeStmt *) n)->typevar->schemaname, true)
                     : creation_namespace(),
                 ((CompositeTypeStmt *) n)->typevar->relname);
    case T_CommentStmt:
      return true; /* comments are not described */
    case T_DropStmt:
      return guess_drop((DropStmt *) n, set);
    default:
      return false;
  }
}

bool lg_guess_units(const char *sql, LgUnitSet *set) {
  LgStatement *stmts;
  int n = lg_split_statements(sql, &stmts, true);
  for (int i = 0; i < n; i++)
    if (!guess_statement(stmts[i].parsetree, set)) return false;
  return true;
}

static bool has_unit(const LgUnitSet *set, const LgUnit *u) {
  return lg_unit_set_find(set, u->kind, u->schema, u->name) >= 0;
}

bool lg_unit_set_covers(const LgUnitSet *set, const LgUnitSet *sub) {
  for (int i = 0; i < sub->n; i++)
    if (!has_unit(set, &sub->units[i])) return false;
  return true;
}

LgPartSet *lg_parts_of_units(const LgPartSet *parts, const LgUnitSet *described,
                             const LgUnitSet *units) {
  LgPartSet *out = (LgPartSet *) palloc0(sizeof(LgPartSet));
  out->parts = (LgPart *) palloc(sizeof(LgPart) * (parts->n > 0 ? parts->n : 1));
  for (int i = 0; i < parts->n; i++)
    if (has_unit(units, &described->units[parts->parts[i].unit]))
      out->parts[out->n++] = parts->parts[i];
  return out;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
