/*
 * schema_state.cpp: lg.schema_state, written after runs (schema_state.h;
 * schema_drift.cpp compares it with the live catalog).  lg's statements on lg.schema_state run as
 * the owner, schema-qualified, every value a parameter (spi_util.h).
 */
#include "pg/schema_state.h"

#include "pg/catalog_describe.h"
#include "pg/spi_util.h"

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

static int find_unit(const LgUnitSet *set, char kind, const char *schema, const char *name) {
  for (int i = set->n - 1; i >= 0; i--) {
    const LgUnit *u = &set->units[i];
    if (u->kind == kind && strcmp(u->name, name) == 0 &&
        (u->schema == NULL ? schema == NULL : schema != NULL && strcmp(u->schema, schema) == 0))
      return i;
  }
  return -1;
}

/* Adds (a copy of) u to the run's units, attributed to the step. */
static void add_unit(LgSchemaRecord *r, const LgUnit *u, const char *revision,
                     const char *direction) {
  MemoryContext old = MemoryContextSwitchTo(r->units_cxt);
  int before = r->units.n;
  lg_unit_set_add(&r->units, u->kind, u->schema ? pstrdup(u->schema) : NULL, pstrdup(u->name));
  int i = r->units.n > before ? r->units.n - 1 : find_unit(&r->units, u->kind, u->schema, u->name);
  if (r->units.n > before) {
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

/* A text[] datum of n C strings, NULL items as NULL elements. */
static Datum text_array_nulls(const char **items, int n) {
  Datum *elems = (Datum *) palloc(sizeof(Datum) * (n > 0 ? n : 1));
  bool *nulls = (bool *) palloc(sizeof(bool) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) {
    nulls[i] = items[i] == NULL;
    elems[i] = nulls[i] ? (Datum) 0 : CStringGetTextDatum(items[i]);
  }
  int dims[1] = {n};
  int lbs[1] = {1};
  return PointerGetDatum(
      construct_md_array(elems, nulls, 1, dims, lbs, TEXTOID, -1, false, TYPALIGN_INT));
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
  Datum values[8] = {text_array_nulls(kinds, n), text_array_nulls(schemas, n),
                     text_array_nulls(names, n)};
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
  for (int c = 0; c < 8; c++) values[c] = text_array_nulls(cols[c], m);
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

void lg_schema_record_end(LgSchemaRecord *r) {
  if (r->watch != NULL) lg_watch_stop(r->watch);
  r->watch = NULL;
  if (r->cxt != NULL) MemoryContextDelete(r->cxt);
  r->cxt = NULL;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
