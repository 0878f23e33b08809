/*
 * schema_state.cpp: lg.schema_state, written after runs (schema_state.h;
 * schema_drift.cpp compares it with the live catalog).  lg's statements on lg.schema_state run as
 * the owner, schema-qualified, every value a parameter (spi_util.h).
 */
#include "pg/schema_state.h"

#include "pg/catalog_describe.h"
#include "pg/spi_util.h"
#include "pg/text_array.h"

extern "C" {
#include "catalog/index.h"
}

/* ---- recording ---- */

void lg_schema_record_begin(LgSchemaRecord *r) {
  memset(r, 0, sizeof *r);
  r->cxt = AllocSetContextCreate(CurrentMemoryContext, "lg schema record", ALLOCSET_SMALL_SIZES);
  MemoryContext old = MemoryContextSwitchTo(r->cxt);
  r->watch = lg_watch_start();
  MemoryContextSwitchTo(old);
  r->units_cxt = AllocSetContextCreate(r->cxt, "lg schema record units", ALLOCSET_SMALL_SIZES);
}

/* Adds (a copy of) u to the run's units, attributed to the step. */
static void add_unit(LgSchemaRecord *r, const LgUnit *u, const char *revision,
                     const char *direction) {
  MemoryContext old = MemoryContextSwitchTo(r->units_cxt);
  int i = lg_unit_set_find(&r->units, u->kind, u->schema, u->name);
  if (i < 0) {
    i = lg_unit_set_add(&r->units, u->kind, u->schema ? pstrdup(u->schema) : NULL,
                        pstrdup(u->name));
    if (i >= r->cap) {
      int cap = r->cap > 0 ? r->cap * 2 : 16;
      r->revision = r->revision ? (const char **) repalloc(r->revision, sizeof(char *) * cap)
                                : (const char **) palloc(sizeof(char *) * cap);
      r->direction = r->direction ? (const char **) repalloc(r->direction, sizeof(char *) * cap)
                                  : (const char **) palloc(sizeof(char *) * cap);
      r->cap = cap;
    }
  }
  r->revision[i] = revision ? pstrdup(revision) : NULL;
  r->direction[i] = direction ? pstrdup(direction) : NULL;
  MemoryContextSwitchTo(old);
}

void lg_schema_record_note(LgSchemaRecord *r, const char *revision, const char *direction) {
  LgUnitSet *seen = lg_watch_units(r->watch);
  for (int i = 0; i < seen->n; i++) add_unit(r, &seen->units[i], revision, direction);
  lg_watch_clear(r->watch);
  for (int i = 0; i < r->pending.n; i++) add_unit(r, &r->pending.units[i], revision, direction);
  memset(&r->pending, 0, sizeof r->pending); /* its memory goes at the next save */
}

/* A relation a top-level statement names, as its unit (an index's table). */
static void note_relation(LgSchemaRecord *r, RangeVar *rv) {
  if (rv == NULL) return;
  Oid relid = RangeVarGetRelid(rv, NoLock, true);
  if (!OidIsValid(relid)) return;
  char relkind = get_rel_relkind(relid);
  if (relkind == RELKIND_INDEX || relkind == RELKIND_PARTITIONED_INDEX)
    relid = IndexGetRelation(relid, true);
  if (!OidIsValid(relid)) return;
  char *name = get_rel_name(relid);
  char *schema = get_namespace_name(get_rel_namespace(relid));
  if (name == NULL || schema == NULL) return;
  MemoryContext old = MemoryContextSwitchTo(r->units_cxt);
  lg_unit_set_add(&r->pending, LG_UNIT_RELATION, pstrdup(schema), pstrdup(name));
  MemoryContextSwitchTo(old);
}

void lg_schema_record_statement(LgSchemaRecord *r, Node *parsetree) {
  if (parsetree != NULL && IsA(parsetree, RawStmt)) parsetree = ((RawStmt *) parsetree)->stmt;
  if (parsetree == NULL) return;
  switch (nodeTag(parsetree)) {
    case T_IndexStmt:
      note_relation(r, ((IndexStmt *) parsetree)->relation);
      break;
    case T_ReindexStmt:
      note_relation(r, ((ReindexStmt *) parsetree)->relation);
      break;
    case T_DropStmt: {
      DropStmt *d = (DropStmt *) parsetree;
      if (d->removeType != OBJECT_INDEX) break;
      ListCell *lc;
      foreach (lc, d->objects) note_relation(r, makeRangeVarFromNameList((List *) lfirst(lc)));
      break;
    }
    case T_AlterTableStmt: {
      AlterTableStmt *a = (AlterTableStmt *) parsetree;
      note_relation(r, a->relation);
      ListCell *lc;
      foreach (lc, a->cmds) {
        AlterTableCmd *cmd = (AlterTableCmd *) lfirst(lc);
        if (cmd->subtype == AT_DetachPartition && cmd->def != NULL && IsA(cmd->def, PartitionCmd))
          note_relation(r, ((PartitionCmd *) cmd->def)->name);
      }
      break;
    }
    default:
      break;
  }
}

static const char *kind_text(char kind) {
  switch (kind) {
    case LG_UNIT_RELATION:
      return "r";
    case LG_UNIT_TYPE:
      return "t";
    case LG_UNIT_ROUTINE:
      return "f";
    case LG_UNIT_SCHEMA:
      return "n";
    default:
      return "e";
  }
}

/* The rows of every noted unit go; its parts as described now come in. */
static void replace_rows(const LgSchemaRecord *r, const LgPartSet *parts) {
  int n = r->units.n;
  const char **kinds = (const char **) palloc(sizeof(char *) * n);
  const char **schemas = (const char **) palloc(sizeof(char *) * n);
  const char **names = (const char **) palloc(sizeof(char *) * n);
  for (int i = 0; i < n; i++) {
    kinds[i] = kind_text(r->units.units[i].kind);
    schemas[i] = r->units.units[i].schema;
    names[i] = r->units.units[i].name;
  }
  Oid types[8] = {TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
                  TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID};
  Datum values[8] = {lg_text_array((char **) kinds, n), lg_text_array((char **) schemas, n),
                     lg_text_array((char **) names, n)};
  lg_spi_exec_generic(
      "DELETE FROM lg.schema_state s USING ROWS FROM (pg_catalog.unnest($1), "
      "pg_catalog.unnest($2), pg_catalog.unnest($3)) AS u(kind, schema, name) "
      "WHERE s.unit_name OPERATOR(pg_catalog.=) u.name "
      "AND s.unit_kind OPERATOR(pg_catalog.=) u.kind "
      "AND COALESCE(s.unit_schema, '') OPERATOR(pg_catalog.=) COALESCE(u.schema, '')",
      3, types, values, NULL, false);
  if (parts->n == 0) return;
  int m = parts->n;
  const char **cols[8];
  for (int c = 0; c < 8; c++) cols[c] = (const char **) palloc(sizeof(char *) * m);
  for (int i = 0; i < m; i++) {
    const LgPart *p = &parts->parts[i];
    int u = p->unit;
    cols[0][i] = kinds[u];
    cols[1][i] = schemas[u];
    cols[2][i] = names[u];
    cols[3][i] = p->object_type;
    cols[4][i] = p->object_name;
    cols[5][i] = p->definition;
    cols[6][i] = r->revision[u];
    cols[7][i] = r->direction[u];
  }
  for (int c = 0; c < 8; c++) values[c] = lg_text_array((char **) cols[c], m);
  lg_spi_exec_generic(
      "INSERT INTO lg.schema_state (unit_kind, unit_schema, unit_name, object_type, object_name, "
      "definition, revision, direction) SELECT * FROM ROWS FROM (pg_catalog.unnest($1), "
      "pg_catalog.unnest($2), pg_catalog.unnest($3), pg_catalog.unnest($4), "
      "pg_catalog.unnest($5), pg_catalog.unnest($6), pg_catalog.unnest($7), "
      "pg_catalog.unnest($8))",
      8, types, values, NULL, false);
}

void lg_schema_record_save(LgSchemaRecord *r) {
  if (r->units.n == 0) return;
  LgPartSet *parts = lg_describe_units(&r->units);
  replace_rows(r, parts);
  /* What was saved is forgotten (pending too: a save follows a note). */
  MemoryContextReset(r->units_cxt);
  memset(&r->units, 0, sizeof r->units);
  memset(&r->pending, 0, sizeof r->pending);
  r->revision = r->direction = NULL;
  r->cap = 0;
}

/* ---- units named by parse trees (lg_script_step) ---- */

/* Not a unit: an index named, whose table lg_schema_record_units finds. */
#define INDEX_NAME 'i'

/* (kind, schema, name) into units; without a schema, once per schema of
 * the caller's search_path (temporary schemas left out). */
static void add_named(LgUnitSet *units, char kind, const char *schema, const char *name) {
  if (name == NULL) return;
  if (schema != NULL) {
    lg_unit_set_add(units, kind, pstrdup(schema), pstrdup(name));
    return;
  }
  List *path = fetch_search_path(false);
  ListCell *lc;
  foreach (lc, path) {
    Oid nsp = lfirst_oid(lc);
    if (isAnyTempNamespace(nsp)) continue;
    char *nspname = get_namespace_name(nsp);
    if (nspname != NULL) lg_unit_set_add(units, kind, nspname, pstrdup(name));
  }
}

static void add_range_var(LgUnitSet *units, const RangeVar *rv) {
  if (rv != NULL) add_named(units, LG_UNIT_RELATION, rv->schemaname, rv->relname);
}

/* A qualified name list (schema.name or name). */
static void add_name_list(LgUnitSet *units, char kind, List *names) {
  if (names == NIL) return;
  char *schema, *name;
  DeconstructQualifiedName(names, &schema, &name);
  add_named(units, kind, schema, name);
}

/* The relation of a trigger, policy or rule named (table, ..., object). */
static void add_owner_of_subobject(LgUnitSet *units, List *names) {
  int n = list_length(names);
  if (n < 2) return;
  add_name_list(units, LG_UNIT_RELATION, list_truncate(list_copy(names), n - 1));
}

static void add_dropped(LgUnitSet *units, DropStmt *d) {
  ListCell *lc;
  foreach (lc, d->objects) {
    Node *obj = (Node *) lfirst(lc);
    switch (d->removeType) {
      case OBJECT_TABLE:
      case OBJECT_VIEW:
      case OBJECT_MATVIEW:
      case OBJECT_SEQUENCE:
      case OBJECT_FOREIGN_TABLE:
        add_name_list(units, LG_UNIT_RELATION, (List *) obj);
        break;
      case OBJECT_INDEX: /* its table, found in lg.schema_state */
        add_name_list(units, INDEX_NAME, (List *) obj);
        break;
      case OBJECT_TYPE:
      case OBJECT_DOMAIN:
        add_name_list(units, LG_UNIT_TYPE, ((TypeName *) obj)->names);
        break;
      case OBJECT_FUNCTION:
      case OBJECT_PROCEDURE:
      case OBJECT_ROUTINE:
      case OBJECT_AGGREGATE:
        add_name_list(units, LG_UNIT_ROUTINE, ((ObjectWithArgs *) obj)->objname);
        break;
      case OBJECT_TRIGGER:
      case OBJECT_POLICY:
      case OBJECT_RULE:
        add_owner_of_subobject(units, (List *) obj);
        break;
      case OBJECT_SCHEMA:
        if (IsA(obj, String)) lg_unit_set_add(units, LG_UNIT_SCHEMA, NULL, pstrdup(strVal(obj)));
        break;
      case OBJECT_EXTENSION:
        if (IsA(obj, String)) lg_unit_set_add(units, LG_UNIT_EXTENSION, NULL, pstrdup(strVal(obj)));
        break;
      default:
        break;
    }
  }
}

static void add_renamed(LgUnitSet *units, RenameStmt *r) {
  if (r->relation == NULL) return;
  RangeVar renamed = *r->relation;
  renamed.relname = r->newname;
  switch (r->renameType) {
    case OBJECT_INDEX:
      add_named(units, INDEX_NAME, r->relation->schemaname, r->relation->relname);
      break;
    case OBJECT_TABLE:
    case OBJECT_VIEW:
    case OBJECT_MATVIEW:
    case OBJECT_SEQUENCE:
    case OBJECT_FOREIGN_TABLE:
      add_range_var(units, r->relation);
      add_range_var(units, &renamed);
      break;
    default: /* a column, constraint, trigger, policy or rule of the relation */
      add_range_var(units, r->relation);
      break;
  }
}

static void add_altered_table(LgUnitSet *units, AlterTableStmt *a) {
  if (a->objtype == OBJECT_INDEX)
    add_named(units, INDEX_NAME, a->relation->schemaname, a->relation->relname);
  else
    add_range_var(units, a->relation);
}

/* Relations: the statements that name one. */
static bool add_relation_statement(LgUnitSet *units, Node *n) {
  switch (nodeTag(n)) {
    case T_CreateStmt:
      add_range_var(units, ((CreateStmt *) n)->relation);
      return true;
    case T_AlterTableStmt:
      add_altered_table(units, (AlterTableStmt *) n);
      return true;
    case T_IndexStmt:
      add_range_var(units, ((IndexStmt *) n)->relation);
      return true;
    case T_ViewStmt:
      add_range_var(units, ((ViewStmt *) n)->view);
      return true;
    case T_CreateTableAsStmt:
      add_range_var(units, ((CreateTableAsStmt *) n)->into->rel);
      return true;
    case T_CreateSeqStmt:
      add_range_var(units, ((CreateSeqStmt *) n)->sequence);
      return true;
    case T_AlterSeqStmt:
      add_range_var(units, ((AlterSeqStmt *) n)->sequence);
      return true;
    case T_CreateTrigStmt:
      add_range_var(units, ((CreateTrigStmt *) n)->relation);
      return true;
    case T_CreatePolicyStmt:
      add_range_var(units, ((CreatePolicyStmt *) n)->table);
      return true;
    case T_AlterPolicyStmt:
      add_range_var(units, ((AlterPolicyStmt *) n)->table);
      return true;
    case T_RuleStmt:
      add_range_var(units, ((RuleStmt *) n)->relation);
      return true;
    case T_RenameStmt:
      add_renamed(units, (RenameStmt *) n);
      return true;
    default:
      return false;
  }
}

/* Types, routines, schemas, extensions. */
static void add_other_statement(LgUnitSet *units, Node *n) {
  switch (nodeTag(n)) {
    case T_CreateFunctionStmt:
      add_name_list(units, LG_UNIT_ROUTINE, ((CreateFunctionStmt *) n)->funcname);
      break;
    case T_AlterFunctionStmt:
      add_name_list(units, LG_UNIT_ROUTINE, ((AlterFunctionStmt *) n)->func->objname);
      break;
    case T_CompositeTypeStmt: {
      RangeVar *tv = ((CompositeTypeStmt *) n)->typevar;
      add_named(units, LG_UNIT_TYPE, tv->schemaname, tv->relname);
      break;
    }
    case T_CreateEnumStmt:
      add_name_list(units, LG_UNIT_TYPE, ((CreateEnumStmt *) n)->typeName);
      break;
    case T_AlterEnumStmt:
      add_name_list(units, LG_UNIT_TYPE, ((AlterEnumStmt *) n)->typeName);
      break;
    case T_CreateDomainStmt:
      add_name_list(units, LG_UNIT_TYPE, ((CreateDomainStmt *) n)->domainname);
      break;
    case T_AlterDomainStmt:
      add_name_list(units, LG_UNIT_TYPE, ((AlterDomainStmt *) n)->typeName);
      break;
    case T_CreateRangeStmt:
      add_name_list(units, LG_UNIT_TYPE, ((CreateRangeStmt *) n)->typeName);
      break;
    case T_DefineStmt:
      if (((DefineStmt *) n)->kind == OBJECT_TYPE)
        add_name_list(units, LG_UNIT_TYPE, ((DefineStmt *) n)->defnames);
      break;
    case T_CreateSchemaStmt:
      if (((CreateSchemaStmt *) n)->schemaname != NULL)
        lg_unit_set_add(units, LG_UNIT_SCHEMA, NULL, pstrdup(((CreateSchemaStmt *) n)->schemaname));
      break;
    case T_CreateExtensionStmt:
      lg_unit_set_add(units, LG_UNIT_EXTENSION, NULL,
                      pstrdup(((CreateExtensionStmt *) n)->extname));
      break;
    case T_AlterExtensionStmt:
      lg_unit_set_add(units, LG_UNIT_EXTENSION, NULL, pstrdup(((AlterExtensionStmt *) n)->extname));
      break;
    case T_DropStmt:
      add_dropped(units, (DropStmt *) n);
      break;
    default:
      break;
  }
}

void lg_schema_statement_units(Node *n, LgUnitSet *units) {
  if (n != NULL && IsA(n, RawStmt)) n = ((RawStmt *) n)->stmt;
  if (n == NULL) return;
  if (!add_relation_statement(units, n)) add_other_statement(units, n);
}

/* The units of the indexes named, from lg.schema_state; units without them. */
static LgUnitSet *resolve_index_names(const LgUnitSet *named) {
  LgUnitSet *units = (LgUnitSet *) palloc0(sizeof(LgUnitSet));
  int nindex = 0;
  char **index_names = (char **) palloc(sizeof(char *) * (named->n > 0 ? named->n : 1));
  for (int i = 0; i < named->n; i++) {
    const LgUnit *u = &named->units[i];
    if (u->kind != INDEX_NAME)
      lg_unit_set_add(units, u->kind, u->schema, u->name);
    else if (u->schema != NULL)
      index_names[nindex++] = (char *) quote_qualified_identifier(u->schema, u->name);
  }
  if (nindex == 0) return units;
  Oid types[1] = {TEXTARRAYOID};
  Datum values[1] = {lg_text_array(index_names, nindex)};
  uint64 found = lg_spi_exec(
      "SELECT DISTINCT unit_kind, unit_schema, unit_name FROM lg.schema_state "
      "WHERE object_type OPERATOR(pg_catalog.=) 'index' "
      "AND object_name OPERATOR(pg_catalog.=) ANY ($1)",
      1, types, values, NULL, true);
  for (uint64 i = 0; i < found; i++) {
    char *kind = lg_spi_text(i, 1);
    char *name = lg_spi_text(i, 3);
    if (kind != NULL && name != NULL) lg_unit_set_add(units, kind[0], lg_spi_text(i, 2), name);
  }
  return units;
}

void lg_schema_record_units(LgUnitSet *named, const char *revision, const char *direction) {
  if (named->n == 0) return;
  LgUnitSet *units = resolve_index_names(named);
  if (units->n == 0) return;
  LgSchemaRecord r;
  memset(&r, 0, sizeof r);
  r.units = *units;
  r.revision = (const char **) palloc(sizeof(char *) * units->n);
  r.direction = (const char **) palloc(sizeof(char *) * units->n);
  for (int i = 0; i < units->n; i++) {
    r.revision[i] = revision;
    r.direction[i] = direction;
  }
  replace_rows(&r, lg_describe_units(units));
}

void lg_schema_record_statements(const LgStatement *stmts, int n, const char *revision,
                                 const char *direction) {
  LgUnitSet *units = (LgUnitSet *) palloc0(sizeof(LgUnitSet));
  for (int i = 0; i < n; i++) lg_schema_statement_units(stmts[i].parsetree, units);
  lg_schema_record_units(units, revision, direction);
}

void lg_schema_record_end(LgSchemaRecord *r) {
  if (r->watch != NULL) lg_watch_stop(r->watch);
  r->watch = NULL;
  if (r->cxt != NULL) MemoryContextDelete(r->cxt);
  r->cxt = NULL;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
