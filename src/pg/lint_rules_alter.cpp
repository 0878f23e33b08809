/*
 * lint_rules_alter.cpp: ALTER TABLE.  The lock is PostgreSQL's own
 * AlterTableGetLockLevel() over the raw subcommands (what utility.c asks
 * for); whether the table is rewritten or scanned is decided per
 * subcommand as tablecmds.c does: a volatile default, an identity, serial
 * or stored generated column rewrite; a type change rewrites unless the
 * coercion the server would build, once simplified by the planner, is the
 * column itself (binary coercible, or a length coercion the type's support
 * function drops); SET NOT NULL, a CHECK or a foreign key without NOT
 * VALID, a NOT NULL column without default scan.
 */
#include "pg/pg_headers.h"

extern "C" {
#include "commands/tablecmds.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "parser/parse_coerce.h"
#include "parser/parse_type.h"
#include "utils/fmgroids.h"
#include "utils/typcache.h"
}

#include "pg/lint_rules.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"

const char *lg_lint_lock_name(int mode);

/* What one ALTER TABLE does to its table, gathered over its subcommands. */
typedef struct AlterEffect {
  StringInfoData rewrite; /* why it rewrites ("" when it does not) */
  StringInfoData scan;    /* why it scans */
  bool unsure;            /* a rewrite lg cannot judge */
} AlterEffect;

static void add_reason(StringInfo b, const char *why) {
  if (b->len > 0) appendStringInfoString(b, ", ");
  appendStringInfoString(b, why);
}

static bool volatile_walker(Node *node, void *context) {
  if (node == NULL) return false;
  if (IsA(node, FuncCall)) {
    FuncCall *fc = (FuncCall *) node;
    FuncCandidateList c = FuncnameGetCandidates(fc->funcname, -1, NIL, false, false, false, true);
    for (; c != NULL; c = c->next)
      if (func_volatile(c->oid) == PROVOLATILE_VOLATILE) {
        *(const char **) context = strVal(llast(fc->funcname));
        return true;
      }
  }
  return raw_expression_tree_walker(node, LG_WALKER(volatile_walker), context);
}

/* The name of a volatile function the raw expression calls, or NULL. */
static const char *volatile_call(Node *expr) {
  const char *name = NULL;
  volatile_walker(expr, &name);
  return name;
}

static const char *type_last_name(const TypeName *tn) {
  return tn && tn->names ? strVal(llast(tn->names)) : "";
}

static bool is_serial(const TypeName *tn) {
  const char *t = type_last_name(tn);
  return list_length(tn->names) == 1 &&
         (strcmp(t, "serial") == 0 || strcmp(t, "serial4") == 0 || strcmp(t, "bigserial") == 0 ||
          strcmp(t, "serial8") == 0 || strcmp(t, "smallserial") == 0 || strcmp(t, "serial2") == 0);
}

/* ADD COLUMN.  Long because a column definition carries its constraints:
 * each kind decides a rule. */
static void add_column(LgLintStmt *s, const LgLintRel *rel, ColumnDef *col, bool rows,
                       AlterEffect *fx) {
  lg_lint_column_style(s, rel->display, col, false);
  if (rel->is_new || !OidIsValid(rel->oid)) return;
  bool not_null = col->is_not_null, has_default = col->raw_default != NULL, pk = false;
  Node *def = col->raw_default;
  const char *identity = NULL, *generated = NULL;
  ListCell *lc;
  foreach (lc, col->constraints) {
    Constraint *c = (Constraint *) lfirst(lc);
    switch (c->contype) {
      case CONSTR_NOTNULL:
        not_null = true;
        break;
      case CONSTR_DEFAULT:
        has_default = true;
        def = c->raw_expr;
        break;
      case CONSTR_IDENTITY:
        identity = "an identity column";
        break;
      case CONSTR_GENERATED:
        generated = "a stored generated column";
        break;
      case CONSTR_PRIMARY:
        pk = true;
        not_null = true;
        break;
      case CONSTR_UNIQUE:
        if (rows)
          lg_lint_emit(s, "disallowed_unique_constraint", -1, "ACCESS EXCLUSIVE", rel->display,
                       "column %s UNIQUE builds its index under ACCESS EXCLUSIVE; add the column, "
                       "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING "
                       "INDEX",
                       lg_inert_text(quote_identifier(col->colname), false));
        break;
      case CONSTR_CHECK:
        add_reason(&fx->scan, "the new column's CHECK");
        break;
      case CONSTR_FOREIGN:
        add_reason(&fx->scan, "the new column's foreign key");
        break;
      default:
        break;
    }
  }
  const char *colname = lg_inert_text(quote_identifier(col->colname), false);
  int sev = rows ? LG_SEV_WARNING : LG_SEV_INFO;
  const char *vol = def != NULL ? volatile_call(def) : NULL;
  if (is_serial(col->typeName) || identity != NULL) {
    add_reason(&fx->rewrite, "a serial or identity column");
    lg_lint_emit(s, "adding_serial_primary_key_field", sev, "ACCESS EXCLUSIVE", rel->display,
                 "column %s (%s%s) fills every row from a sequence: the table is rewritten%s",
                 colname, identity ? identity : type_last_name(col->typeName),
                 pk ? ", primary key" : "", pk ? " and its primary key index built" : "");
  } else if (generated != NULL) {
    add_reason(&fx->rewrite, generated);
    lg_lint_emit(s, "adding_stored_generated_field", sev, "ACCESS EXCLUSIVE", rel->display,
                 "column %s is stored generated: every row is computed and the table rewritten",
                 colname);
  } else if (vol != NULL) {
    add_reason(&fx->rewrite, "a volatile default");
    lg_lint_emit(s, "adding_field_with_default", sev, "ACCESS EXCLUSIVE", rel->display,
                 "column %s defaults to volatile %s(): every row gets its own value, the table "
                 "is rewritten; add it without default, set the default, backfill in batches",
                 colname, lg_inert_text(vol, false));
  }
  if (pk && !is_serial(col->typeName) && identity == NULL)
    lg_lint_emit(s, "adding_primary_key_constraint", sev, "ACCESS EXCLUSIVE", rel->display,
                 "column %s PRIMARY KEY builds its index under ACCESS EXCLUSIVE", colname);
  if (not_null && !has_default && identity == NULL && generated == NULL &&
      !is_serial(col->typeName)) {
    add_reason(&fx->scan, "a NOT NULL column without default");
    lg_lint_emit(s, "adding_required_field", rows ? LG_SEV_ERROR : LG_SEV_WARNING,
                 "ACCESS EXCLUSIVE", rel->display, "column %s is NOT NULL without a default: %s",
                 colname,
                 rows ? "fails, the table has rows"
                      : "the table is empty now, but this fails on any database where it has rows");
  }
}

/* Whether a valid CHECK (col IS NOT NULL) exists on the table or was added
 * earlier in the plan. */
static bool has_not_null_check(LgLintStmt *s, const LgLintRel *rel, const char *col) {
  char key[2 * NAMEDATALEN + 2];
  snprintf(key, sizeof(key), "%s.%s", rel->name, col);
  if (lg_lint_noted_extra(s, 'k', rel->schema, key, NULL) != NULL) return true;
  if (!OidIsValid(rel->oid)) return false;
  char *def = psprintf("CHECK ((%s IS NOT NULL))", quote_identifier(col));
  Oid types[2] = {OIDOID, TEXTOID};
  Datum values[2] = {ObjectIdGetDatum(rel->oid), CStringGetTextDatum(def)};
  uint64 n = lg_spi_exec(
      "SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conrelid OPERATOR(pg_catalog.=) $1 "
      "AND c.contype OPERATOR(pg_catalog.=) 'c' AND c.convalidated "
      "AND pg_catalog.pg_get_constraintdef(c.oid) OPERATOR(pg_catalog.=) $2",
      2, types, values, NULL, true);
  SPI_freetuptable(SPI_tuptable);
  return n > 0;
}

/* The column a CHECK constraint's raw expression tests IS NOT NULL, or NULL. */
static const char *not_null_check_column(Constraint *c) {
  Node *e = c->raw_expr;
  if (e == NULL || !IsA(e, NullTest)) return NULL;
  NullTest *nt = (NullTest *) e;
  if (nt->nulltesttype != IS_NOT_NULL || !IsA(nt->arg, ColumnRef)) return NULL;
  ColumnRef *cr = (ColumnRef *) nt->arg;
  if (list_length(cr->fields) != 1 || !IsA(linitial(cr->fields), String)) return NULL;
  return strVal(linitial(cr->fields));
}

/*
 * Whether changing col of rel to tn (with USING expression using) rewrites
 * the table (1) or not (0); -1: it fails; 2: lg cannot tell (the column or
 * the type is not in the catalog now).  *why says why.
 */
static int type_change_rewrites(const LgLintRel *rel, const char *col, TypeName *tn,
                                Node *using_expr, const char **why, char **tname) {
  HeapTuple att = SearchSysCacheAttName(rel->oid, col);
  if (!HeapTupleIsValid(att)) {
    *why = "the column is not in the table now (added or renamed earlier in the plan?)";
    return 2;
  }
  Form_pg_attribute a = (Form_pg_attribute) GETSTRUCT(att);
  Oid oldtype = a->atttypid, oldcoll = a->attcollation;
  int32 oldmod = a->atttypmod;
  AttrNumber attnum = a->attnum;
  ReleaseSysCache(att);
  int32 newmod;
  Type t = LookupTypeName(NULL, tn, &newmod, true);
  if (t == NULL) {
    *why = "the new type does not exist yet";
    return 2;
  }
  Oid newtype = typeTypeId(t);
  ReleaseSysCache(t);
  *tname = format_type_with_typemod(newtype, newmod);
  if (using_expr != NULL) {
    *why = "a USING expression";
    return 1;
  }
  Var *v = makeVar(1, attnum, oldtype, oldmod, oldcoll, 0);
  Node *expr = coerce_to_target_type(NULL, (Node *) v, oldtype, newtype, newmod,
                                     COERCION_ASSIGNMENT, COERCE_IMPLICIT_CAST, -1);
  if (expr == NULL) {
    *why = "there is no assignment cast: the statement fails without USING";
    return -1;
  }
  expr = (Node *) expression_planner((Expr *) expr);
  for (;;) {
    if (IsA(expr, Var) && ((Var *) expr)->varattno == attnum) {
      *why = "binary coercible";
      return 0;
    }
    if (IsA(expr, RelabelType)) {
      expr = (Node *) ((RelabelType *) expr)->arg;
    } else if (IsA(expr, CoerceToDomain)) {
      if (DomainHasConstraints(((CoerceToDomain *) expr)->resulttype)) {
        *why = "a domain with constraints";
        return 1;
      }
      expr = (Node *) ((CoerceToDomain *) expr)->arg;
    } else if (IsA(expr, FuncExpr) && (((FuncExpr *) expr)->funcid == F_TIMESTAMPTZ_TIMESTAMP ||
                                       ((FuncExpr *) expr)->funcid == F_TIMESTAMP_TIMESTAMPTZ)) {
      if (TimestampTimestampTzRequiresRewrite()) {
        *why = "timestamp and timestamptz differ unless TimeZone is UTC";
        return 1;
      }
      expr = (Node *) linitial(((FuncExpr *) expr)->args);
    } else {
      *why = "the values are converted";
      return 1;
    }
  }
}

static void alter_column_type(LgLintStmt *s, const LgLintRel *rel, AlterTableCmd *cmd, bool rows,
                              AlterEffect *fx) {
  ColumnDef *def = (ColumnDef *) cmd->def;
  const char *why;
  char *tname = TypeNameToString(def->typeName);
  int r = type_change_rewrites(rel, cmd->name, def->typeName, def->raw_default, &why, &tname);
  tname = lg_inert_text(tname, false);
  const char *colname = lg_inert_text(quote_identifier(cmd->name), false);
  if (r == 0) return;
  if (r == 2) {
    add_reason(&fx->rewrite, "a column type change lg cannot judge");
    fx->unsure = true;
    lg_lint_emit(s, "changing_column_type", rows ? LG_SEV_WARNING : LG_SEV_INFO, "ACCESS EXCLUSIVE",
                 rel->display, "column %s to %s: %s; lg cannot tell whether it rewrites the table",
                 colname, tname, why);
    return;
  }
  add_reason(&fx->rewrite, "a column type change");
  lg_lint_emit(s, "changing_column_type",
               r < 0 ? LG_SEV_ERROR : (rows ? LG_SEV_WARNING : LG_SEV_INFO), "ACCESS EXCLUSIVE",
               rel->display, "column %s to %s: %s; %s", colname, tname, why,
               r < 0 ? "add USING" : "the table and its indexes are rewritten");
}

/* ADD CONSTRAINT (and the constraint's notes for later statements).
 * Long because it is a table: one case per kind of constraint. */
static void add_constraint(LgLintStmt *s, const LgLintRel *rel, Constraint *c, bool rows,
                           AlterEffect *fx) {
  int sev = rows ? LG_SEV_WARNING : LG_SEV_INFO;
  const char *conname =
      c->conname ? lg_inert_text(quote_identifier(c->conname), false) : "(unnamed)";
  if (c->skip_validation && c->conname != NULL) {
    char key[2 * NAMEDATALEN + 2];
    snprintf(key, sizeof(key), "%s.%s", rel->name, c->conname);
    lg_lint_note_extra(s, 'v', rel->schema, key,
                       c->contype == CONSTR_CHECK ? not_null_check_column(c) : NULL);
  }
  switch (c->contype) {
    case CONSTR_FOREIGN: {
      LgLintRel ref;
      lg_lint_rel(s, c->pktable, &ref);
      lg_lint_lock(
          s, &ref, "SHARE ROW EXCLUSIVE", "ALTER TABLE ADD FOREIGN KEY (referenced)",
          c->skip_validation ? "no scan" : "looked up for every row of the referencing table");
      if (!c->skip_validation && !rel->is_new) {
        add_reason(&fx->scan, "a foreign key");
        lg_lint_emit(s, "adding_foreign_key_constraint", sev, "SHARE ROW EXCLUSIVE", rel->display,
                     "foreign key %s to %s checks every row while both tables refuse writes; add "
                     "it NOT VALID, then VALIDATE CONSTRAINT (SHARE UPDATE EXCLUSIVE)",
                     conname, ref.display);
      }
      break;
    }
    case CONSTR_CHECK:
      if (!c->skip_validation) {
        const char *col = not_null_check_column(c);
        if (col != NULL) {
          char key[2 * NAMEDATALEN + 2];
          snprintf(key, sizeof(key), "%s.%s", rel->name, col);
          lg_lint_note_extra(s, 'k', rel->schema, key, col);
        }
        if (rel->is_new) break;
        add_reason(&fx->scan, "a CHECK constraint");
        lg_lint_emit(s, "constraint_missing_not_valid", sev, "ACCESS EXCLUSIVE", rel->display,
                     "CHECK %s checks every row under ACCESS EXCLUSIVE; add it NOT VALID, then "
                     "VALIDATE CONSTRAINT in another transaction",
                     conname);
      }
      break;
    case CONSTR_PRIMARY:
    case CONSTR_UNIQUE:
      if (c->indexname == NULL && !rel->is_new) {
        add_reason(&fx->scan, "an index build");
        lg_lint_emit(s,
                     c->contype == CONSTR_PRIMARY ? "adding_primary_key_constraint"
                                                  : "disallowed_unique_constraint",
                     sev, "ACCESS EXCLUSIVE", rel->display,
                     "%s %s builds its index under ACCESS EXCLUSIVE; CREATE UNIQUE INDEX "
                     "CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX",
                     c->contype == CONSTR_PRIMARY ? "PRIMARY KEY" : "UNIQUE", conname);
      }
      break;
    case CONSTR_EXCLUSION:
      if (!rel->is_new) {
        add_reason(&fx->scan, "an exclusion index build");
        lg_lint_emit(s, "adding_exclusion_constraint", sev, "ACCESS EXCLUSIVE", rel->display,
                     "EXCLUDE %s builds its index and checks every row under ACCESS EXCLUSIVE",
                     conname);
      }
      break;
    default:
      break;
  }
}

/* VALIDATE CONSTRAINT: a scan under SHARE UPDATE EXCLUSIVE, fine unless
 * the same transaction added it NOT VALID (the ADD's ACCESS EXCLUSIVE is
 * still held). */
static void validate_constraint(LgLintStmt *s, const LgLintRel *rel, const char *name,
                                AlterEffect *fx) {
  char key[2 * NAMEDATALEN + 2];
  snprintf(key, sizeof(key), "%s.%s", rel->name, name);
  const char *revision = NULL;
  const char *col = lg_lint_noted_extra(s, 'v', rel->schema, key, &revision);
  add_reason(&fx->scan, "validating a constraint");
  if (col != NULL && col[0] != '\0') {
    char k2[2 * NAMEDATALEN + 2];
    snprintf(k2, sizeof(k2), "%s.%s", rel->name, col);
    lg_lint_note_extra(s, 'k', rel->schema, k2, col);
  }
  if (col != NULL && s->transactional && strcmp(revision, s->revision) == 0 && !rel->is_new)
    lg_lint_emit(s, "constraint_missing_not_valid", -1, "ACCESS EXCLUSIVE", rel->display,
                 "constraint %s is validated in the transaction that added it NOT VALID: the "
                 "ADD's ACCESS EXCLUSIVE is held during the scan; validate in a later revision",
                 lg_inert_text(quote_identifier(name), false));
}

static void set_not_null(LgLintStmt *s, const LgLintRel *rel, const char *col, bool rows,
                         AlterEffect *fx) {
  if (rel->is_new || has_not_null_check(s, rel, col)) return;
  add_reason(&fx->scan, "SET NOT NULL");
  lg_lint_emit(s, "adding_not_nullable_field", rows ? LG_SEV_WARNING : LG_SEV_INFO,
               "ACCESS EXCLUSIVE", rel->display,
               "SET NOT NULL on %s checks every row under ACCESS EXCLUSIVE; first ADD CONSTRAINT "
               "... CHECK (%s IS NOT NULL) NOT VALID and VALIDATE it, then SET NOT NULL is "
               "instant",
               lg_inert_text(quote_identifier(col), false),
               lg_inert_text(quote_identifier(col), false));
}

/* One subcommand (long: one case per kind of subcommand). */
static void subcommand(LgLintStmt *s, const LgLintRel *rel, AlterTableCmd *cmd, bool rows,
                       AlterEffect *fx) {
  bool existing = OidIsValid(rel->oid) && !rel->is_new;
  int sev = rows ? LG_SEV_WARNING : LG_SEV_INFO;
  switch (cmd->subtype) {
    case AT_AddColumn:
      add_column(s, rel, (ColumnDef *) cmd->def, rows, fx);
      break;
    case AT_AlterColumnType:
      if (existing) alter_column_type(s, rel, cmd, rows, fx);
      break;
    case AT_SetNotNull:
      set_not_null(s, rel, cmd->name, rows, fx);
      break;
    case AT_DropNotNull:
      if (existing)
        lg_lint_emit(s, "ban_drop_not_null", -1, "ACCESS EXCLUSIVE", rel->display,
                     "column %s may now be NULL: code reading it may not expect that",
                     lg_inert_text(quote_identifier(cmd->name), false));
      break;
    case AT_DropColumn:
      if (existing) {
        lg_lint_emit(s, "ban_drop_column", -1, "ACCESS EXCLUSIVE", rel->display,
                     "column %s and its data are dropped%s; code still selecting it fails",
                     lg_inert_text(quote_identifier(cmd->name), false),
                     rows ? " (the table has rows)" : "");
        HeapTuple att = SearchSysCacheAttName(rel->oid, cmd->name);
        if (HeapTupleIsValid(att)) {
          AttrNumber attnum = ((Form_pg_attribute) GETSTRUCT(att))->attnum;
          ReleaseSysCache(att);
          int count;
          char *deps = lg_lint_dependents(RelationRelationId, rel->oid, attnum, &count);
          if (count > 0)
            lg_lint_emit(
                s, "drop_with_dependents",
                cmd->behavior == DROP_CASCADE ? LG_SEV_WARNING : LG_SEV_ERROR, "ACCESS EXCLUSIVE",
                rel->display, "column %s: %s %s", lg_inert_text(quote_identifier(cmd->name), false),
                cmd->behavior == DROP_CASCADE ? "CASCADE also drops" : "fails: needed by", deps);
        }
      }
      break;
    case AT_AddConstraint:
      if (IsA(cmd->def, Constraint)) add_constraint(s, rel, (Constraint *) cmd->def, rows, fx);
      break;
    case AT_ValidateConstraint:
      validate_constraint(s, rel, cmd->name, fx);
      break;
    case AT_SetLogged:
    case AT_SetUnLogged:
    case AT_SetTableSpace:
    case AT_SetAccessMethod:
      add_reason(&fx->rewrite, cmd->subtype == AT_SetTableSpace
                                   ? "SET TABLESPACE copies it"
                                   : "SET LOGGED/UNLOGGED/ACCESS METHOD");
      if (rows)
        lg_lint_emit(s, "table_rewrite", sev, "ACCESS EXCLUSIVE", rel->display,
                     "the table is copied while reads and writes wait");
      break;
    case AT_AttachPartition:
      add_reason(&fx->scan,
                 "the partition is checked against its bound unless a valid CHECK implies it");
      break;
    case AT_DetachPartition:
      if (!((PartitionCmd *) cmd->def)->concurrent && existing)
        lg_lint_emit(s, "require_concurrent_partition_detach", sev, "ACCESS EXCLUSIVE",
                     rel->display, "DETACH PARTITION without CONCURRENTLY blocks reads and writes");
      break;
    default:
      break;
  }
}

/* The subcommands for the lock row's detail, e.g. " ADD COLUMN, SET NOT NULL".
 * Long because it is a table of names. */
static const char *subcommand_list(List *cmds) {
  StringInfoData b;
  initStringInfo(&b);
  ListCell *lc;
  int n = 0;
  foreach (lc, cmds) {
    AlterTableCmd *cmd = (AlterTableCmd *) lfirst(lc);
    const char *w;
    switch (cmd->subtype) {
      case AT_AddColumn:
        w = "ADD COLUMN";
        break;
      case AT_DropColumn:
        w = "DROP COLUMN";
        break;
      case AT_AlterColumnType:
        w = "ALTER COLUMN TYPE";
        break;
      case AT_ColumnDefault:
        w = "ALTER COLUMN DEFAULT";
        break;
      case AT_SetNotNull:
        w = "SET NOT NULL";
        break;
      case AT_DropNotNull:
        w = "DROP NOT NULL";
        break;
      case AT_AddConstraint: {
        Constraint *c = IsA(cmd->def, Constraint) ? (Constraint *) cmd->def : NULL;
        w = c && c->contype == CONSTR_FOREIGN     ? "ADD FOREIGN KEY"
            : c && c->contype == CONSTR_CHECK     ? "ADD CHECK"
            : c && c->contype == CONSTR_PRIMARY   ? "ADD PRIMARY KEY"
            : c && c->contype == CONSTR_UNIQUE    ? "ADD UNIQUE"
            : c && c->contype == CONSTR_EXCLUSION ? "ADD EXCLUDE"
                                                  : "ADD CONSTRAINT";
        break;
      }
      case AT_ValidateConstraint:
        w = "VALIDATE CONSTRAINT";
        break;
      case AT_DropConstraint:
        w = "DROP CONSTRAINT";
        break;
      case AT_SetLogged:
        w = "SET LOGGED";
        break;
      case AT_SetUnLogged:
        w = "SET UNLOGGED";
        break;
      case AT_SetTableSpace:
        w = "SET TABLESPACE";
        break;
      case AT_SetAccessMethod:
        w = "SET ACCESS METHOD";
        break;
      case AT_AttachPartition:
        w = "ATTACH PARTITION";
        break;
      case AT_DetachPartition:
        w = "DETACH PARTITION";
        break;
      case AT_AddIdentity:
        w = "ADD IDENTITY";
        break;
      case AT_EnableRowSecurity:
        w = "ENABLE ROW LEVEL SECURITY";
        break;
      default:
        w = NULL;
        break;
    }
    if (w == NULL) continue;
    appendStringInfo(&b, "%s%s", n++ ? ", " : " ", w);
  }
  return b.data;
}

void lg_lint_alter_table(LgLintStmt *s, AlterTableStmt *stmt) {
  LgLintRel rel;
  lg_lint_rel(s, stmt->relation, &rel);
  if (rel.dropped_by != NULL && !stmt->missing_ok)
    lg_lint_emit(s, "object_dropped_earlier", -1, NULL, rel.display,
                 "ALTER TABLE: relation %s is dropped by revision %s earlier in this plan",
                 rel.display, rel.dropped_by);
  bool existing = OidIsValid(rel.oid) && !rel.is_new;
  LgLintSize size;
  bool rows = false;
  if (existing) {
    lg_lint_size(rel.oid, &size);
    rows = lg_lint_has_rows(&size);
  }
  AlterEffect fx;
  initStringInfo(&fx.rewrite);
  initStringInfo(&fx.scan);
  fx.unsure = false;
  ListCell *lc;
  foreach (lc, stmt->cmds) subcommand(s, &rel, (AlterTableCmd *) lfirst(lc), rows, &fx);
  if (!existing) return;
  LOCKMODE mode = AlterTableGetLockLevel(stmt->cmds);
  char *effect =
      fx.rewrite.len > 0
          ? psprintf("%s the table (%s)", fx.unsure ? "may rewrite" : "rewrites", fx.rewrite.data)
      : fx.scan.len > 0 ? psprintf("scans the table (%s)", fx.scan.data)
                        : pstrdup("no rewrite, no scan");
  lg_lint_lock(s, &rel, lg_lint_lock_name(mode),
               psprintf("ALTER %s%s",
                        stmt->objtype == OBJECT_INDEX      ? "INDEX"
                        : stmt->objtype == OBJECT_VIEW     ? "VIEW"
                        : stmt->objtype == OBJECT_MATVIEW  ? "MATERIALIZED VIEW"
                        : stmt->objtype == OBJECT_SEQUENCE ? "SEQUENCE"
                                                           : "TABLE",
                        subcommand_list(stmt->cmds)),
               effect);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
