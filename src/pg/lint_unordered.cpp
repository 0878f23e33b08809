/*
 * lint_unordered.cpp: the unordered_conflict pass of lg_lint() (lint.h).
 *
 * Two steps of the plan whose revisions have no ancestry between them
 * (core/unordered.h) run in the order the step order picks, which a
 * registration or another database can change.  When both change the same
 * relation, type or routine, or one changes what the other depends on, the
 * result can depend on that order.
 *
 * Parse trees cannot say what a revision touches (DDL built by EXECUTE
 * format(...) in a DO block or a function), so the pass runs the plan, up
 * to the last step in an unordered pair, inside one subtransaction that is
 * always rolled back: every revision's up SQL as the caller
 * (trial_run.h), never as the owner; each revision in a pair in a nested
 * subtransaction of its own, so that one that fails is reported and the
 * rest go on.  For those revisions it records:
 *   - what they change: the units the catalog watch saw created, altered
 *     or dropped (catalog_watch.h); "drops" when the unit is gone after
 *     the revision;
 *   - what they depend on: for the relations, types and routines they
 *     changed, the relations, types and routines those reference in
 *     pg_depend (a view's tables, a foreign key's table, a default's
 *     sequence or function, a column's type, a trigger's function); the
 *     relations their queries read or wrote (the executor's permission
 *     check hook: plain DML, DML in DO blocks and functions, a view's
 *     tables); the routines they called (the fmgr hook's question, asked
 *     for every function that is not built in).
 * Objects of pg_catalog, information_schema, lg's schema and temporary
 * schemas are left out, as the watch leaves them out.  Schemas and
 * extensions are not compared.  Nothing is left behind: the outer
 * subtransaction is rolled back and no journal line is written (the trial
 * does not go through the runner).
 */
#include "pg/pg_headers.h"

#include "pg/catalog_watch.h"
#include "pg/errors.h"
#include "pg/lint.h"
#include "pg/owned_slot.h"
#include "pg/run_lock.h"
#include "pg/runner.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"
#include "pg/subxact.h"
#include "pg/text_array.h"
#include "pg/trial_run.h"

/* How a step touches a unit; a larger value wins. */
typedef enum Touch { TOUCH_DEPENDS = 1, TOUCH_CHANGES = 2, TOUCH_DROPS = 3 } Touch;

typedef struct TouchKey {
  int step;
  int unit;
} TouchKey;

typedef struct TouchEntry {
  TouchKey key;
  char how; /* Touch */
} TouchEntry;

/* Distinct OIDs in the order first seen: revision SQL that loops over the
 * same tables a million times records each once. */
typedef struct OidList {
  Oid *items;
  int n;
  int cap;
  HTAB *seen; /* Oid -> Oid, what items holds */
} OidList;

static void oid_list_reset(OidList *l) {
  l->n = 0;
  if (l->seen != NULL) hash_destroy(l->seen);
  l->seen = NULL;
}

typedef struct Pass {
  const LgRegistry *reg;
  const LgPlan *plan;
  LgLintOut *out;
  LgUnordered *unordered;
  LgStepSql *steps;
  int last;          /* the last step that runs */
  MemoryContext cxt; /* outlives the trial: units, touches, findings' text */
  LgUnitSet units;   /* every unit touched; a unit's id is its position */
  HTAB *touches;     /* (step, unit) -> how */
  LgWatch *watch;
  /* the step running, and whether its SQL is running (hooks record) */
  int current;
  bool in_sql;
  bool watching; /* the step running is in a pair: the hooks record */
  LgTrialResult res;
  OidList relids;  /* relations its queries used */
  OidList funcids; /* routines it called */
  int failed;      /* the step that ended the trial, -1: none */
  ErrorData *fail_error;
} Pass;

/* The pass whose revision SQL is running, for the hooks. */
static Pass *recording = NULL;
static ExecutorCheckPerms_hook_type prev_check_perms = NULL;
static needs_fmgr_hook_type prev_needs_fmgr = NULL;

/* ---- units and touches ---------------------------------------------- */

static int unit_id(Pass *p, char kind, const char *schema, const char *name) {
  int id = lg_unit_set_find(&p->units, kind, schema, name);
  if (id >= 0) return id;
  MemoryContext old = MemoryContextSwitchTo(p->cxt);
  id = lg_unit_set_add(&p->units, kind, schema ? pstrdup(schema) : NULL, pstrdup(name));
  MemoryContextSwitchTo(old);
  return id;
}

static void touch(Pass *p, int step, char kind, const char *schema, const char *name, Touch how) {
  if (kind != LG_UNIT_RELATION && kind != LG_UNIT_TYPE && kind != LG_UNIT_ROUTINE) return;
  TouchKey key = {step, unit_id(p, kind, schema, name)};
  bool found;
  TouchEntry *e = (TouchEntry *) hash_search(p->touches, &key, HASH_ENTER, &found);
  if (found && e->how >= how) return;
  e->how = (char) how;
  LgCoreError err;
  if (!lg_unordered_touch(p->unordered, step, key.unit, how != TOUCH_DEPENDS, &err))
    lg_raise_core_error(&err);
}

static Touch touch_of(const Pass *p, int step, int unit) {
  TouchKey key = {step, unit};
  TouchEntry *e = (TouchEntry *) hash_search(p->touches, &key, HASH_FIND, NULL);
  return e ? (Touch) e->how : TOUCH_DEPENDS;
}

/* ---- hooks: what the revision SQL reads and calls ------------------- */

static void oid_add(MemoryContext cxt, OidList *l, Oid oid) {
  if (!OidIsValid(oid)) return;
  if (l->seen == NULL) {
    HASHCTL ctl;
    memset(&ctl, 0, sizeof ctl);
    ctl.keysize = ctl.entrysize = sizeof(Oid);
    ctl.hcxt = cxt;
    l->seen = hash_create("lg lint oids", 64, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
  }
  bool found;
  (void) hash_search(l->seen, &oid, HASH_ENTER, &found);
  if (found) return;
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 32;
    l->items = l->items ? (Oid *) repalloc(l->items, sizeof(Oid) * l->cap)
                        : (Oid *) MemoryContextAlloc(cxt, sizeof(Oid) * l->cap);
  }
  l->items[l->n++] = oid;
}

static bool check_perms_hook(LG_EXEC_PERMS_PARAMS) {
  Pass *p = recording;
  if (p != NULL && p->in_sql && p->watching) {
    ListCell *lc;
    foreach (lc, range_table) {
      RangeTblEntry *rte = (RangeTblEntry *) lfirst(lc);
      if (rte->rtekind == RTE_RELATION) oid_add(p->cxt, &p->relids, rte->relid);
    }
    foreach (lc, LG_EXEC_PERM_INFOS) oid_add(p->cxt, &p->relids, LG_PERM_INFO_RELID(lfirst(lc)));
  }
  return prev_check_perms ? prev_check_perms(LG_EXEC_PERMS_ARGS) : true;
}

static bool needs_fmgr(Oid fn) {
  Pass *p = recording;
  if (p != NULL && p->in_sql && p->watching) oid_add(p->cxt, &p->funcids, fn);
  return prev_needs_fmgr ? prev_needs_fmgr(fn) : false;
}

/* ---- what a revision depends on ------------------------------------- */

/*
 * What step i depends on and which of its changed units are gone, as the
 * owner: $1..$3 the changed units (kind, schema, name), $4 the relations
 * its queries used, $5 the routines it called, $6 the xid of the step's
 * subtransaction (NULL: it wrote nothing).  Rows: (what, kind, schema,
 * name), what being 'uses', 'gone' (a changed unit that no longer exists)
 * or 'refonly': a changed table whose only change is a foreign key of
 * another table that now references it (the internal triggers PostgreSQL
 * adds to the referenced table, which the catalog watch reports as a
 * change of it): no catalog row of the table itself has the step's xid.
 * A foreign key to a table depends on the table; two branches adding one
 * each to the same table do not depend on their order.
 */
#define DEPENDS_SQL                                                                                 \
  "WITH ch(kind, nsp, name) AS ("                                                                   \
  "  SELECT * FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]),"                            \
  "    pg_catalog.unnest($2::pg_catalog.text[]), pg_catalog.unnest($3::pg_catalog.text[]))),"       \
  " rel AS (SELECT r.oid FROM ch"                                                                   \
  "   JOIN pg_catalog.pg_namespace n ON n.nspname OPERATOR(pg_catalog.=) ch.nsp"                    \
  "   JOIN pg_catalog.pg_class r ON r.relnamespace OPERATOR(pg_catalog.=) n.oid"                    \
  "    AND r.relname OPERATOR(pg_catalog.=) ch.name"                                                \
  "   WHERE ch.kind OPERATOR(pg_catalog.=) 'r'),"                                                   \
  " obj(classid, objid) AS ("                                                                       \
  "   SELECT 'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid, rel.oid FROM rel"          \
  "   UNION ALL SELECT 'pg_catalog.pg_rewrite'::pg_catalog.regclass::pg_catalog.oid, w.oid"         \
  "    FROM pg_catalog.pg_rewrite w JOIN rel ON w.ev_class OPERATOR(pg_catalog.=) rel.oid"          \
  "   UNION ALL SELECT 'pg_catalog.pg_constraint'::pg_catalog.regclass::pg_catalog.oid, c.oid"      \
  "    FROM pg_catalog.pg_constraint c JOIN rel ON c.conrelid OPERATOR(pg_catalog.=) rel.oid"       \
  "   UNION ALL SELECT 'pg_catalog.pg_trigger'::pg_catalog.regclass::pg_catalog.oid, t.oid"         \
  "    FROM pg_catalog.pg_trigger t JOIN rel ON t.tgrelid OPERATOR(pg_catalog.=) rel.oid"           \
  "   UNION ALL SELECT 'pg_catalog.pg_attrdef'::pg_catalog.regclass::pg_catalog.oid, a.oid"         \
  "    FROM pg_catalog.pg_attrdef a JOIN rel ON a.adrelid OPERATOR(pg_catalog.=) rel.oid"           \
  "   UNION ALL SELECT 'pg_catalog.pg_policy'::pg_catalog.regclass::pg_catalog.oid, o.oid"          \
  "    FROM pg_catalog.pg_policy o JOIN rel ON o.polrelid OPERATOR(pg_catalog.=) rel.oid"           \
  "   UNION ALL SELECT 'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid, x.indexrelid"    \
  "    FROM pg_catalog.pg_index x JOIN rel ON x.indrelid OPERATOR(pg_catalog.=) rel.oid"            \
  "   UNION ALL SELECT 'pg_catalog.pg_type'::pg_catalog.regclass::pg_catalog.oid, t.oid FROM ch"    \
  "    JOIN pg_catalog.pg_namespace n ON n.nspname OPERATOR(pg_catalog.=) ch.nsp"                   \
  "    JOIN pg_catalog.pg_type t ON t.typnamespace OPERATOR(pg_catalog.=) n.oid"                    \
  "     AND t.typname OPERATOR(pg_catalog.=) ch.name"                                               \
  "    WHERE ch.kind OPERATOR(pg_catalog.=) 't'"                                                    \
  "   UNION ALL SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass::pg_catalog.oid, f.oid FROM ch"    \
  "    JOIN pg_catalog.pg_namespace n ON n.nspname OPERATOR(pg_catalog.=) ch.nsp"                   \
  "    JOIN pg_catalog.pg_proc f ON f.pronamespace OPERATOR(pg_catalog.=) n.oid"                    \
  "     AND f.proname OPERATOR(pg_catalog.=) ch.name"                                               \
  "    WHERE ch.kind OPERATOR(pg_catalog.=) 'f'),"                                                  \
  " ref(classid, objid) AS ("                                                                       \
  "   SELECT d.refclassid, d.refobjid FROM obj JOIN pg_catalog.pg_depend d"                         \
  "    ON d.classid OPERATOR(pg_catalog.=) obj.classid"                                             \
  "    AND d.objid OPERATOR(pg_catalog.=) obj.objid"                                                \
  "    AND d.deptype OPERATOR(pg_catalog.=) ANY ('{n,a}'::pg_catalog.\"char\"[])"                   \
  "   UNION SELECT 'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid, x"                   \
  "    FROM pg_catalog.unnest($4::pg_catalog.oid[]) x"                                              \
  "   UNION SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass::pg_catalog.oid, x"                    \
  "    FROM pg_catalog.unnest($5::pg_catalog.oid[]) x)," /* a reference to a type: an array's       \
                                                            element type, then a table's row type   \
                                                            is the table */                         \
  " ty AS (SELECT e.oid, e.typnamespace AS nsp, e.typname AS name, e.typrelid, c.relkind"           \
  "   FROM ref JOIN pg_catalog.pg_type t ON t.oid OPERATOR(pg_catalog.=) ref.objid"                 \
  "   JOIN pg_catalog.pg_type e ON e.oid OPERATOR(pg_catalog.=) CASE"                               \
  "     WHEN t.typelem OPERATOR(pg_catalog.<>) 0 AND t.typlen OPERATOR(pg_catalog.=) -1"            \
  "     THEN t.typelem ELSE t.oid END"                                                              \
  "   LEFT JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) e.typrelid"                   \
  "   WHERE ref.classid OPERATOR(pg_catalog.=)"                                                     \
  "     'pg_catalog.pg_type'::pg_catalog.regclass::pg_catalog.oid)," /* a reference to a relation:  \
                                                                        an index is its table's */  \
  " rc AS (SELECT COALESCE(x.indrelid, ref.objid) AS oid FROM ref"                                  \
  "   LEFT JOIN pg_catalog.pg_index x ON x.indexrelid OPERATOR(pg_catalog.=) ref.objid"             \
  "   WHERE ref.classid OPERATOR(pg_catalog.=)"                                                     \
  "     'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid"                                 \
  "   UNION SELECT typrelid FROM ty WHERE relkind OPERATOR(pg_catalog.<>) 'c'),"                    \
  " used(kind, nsp, name) AS ("                                                                     \
  "   SELECT 'r', r.relnamespace, r.relname::pg_catalog.text FROM rc"                               \
  "    JOIN pg_catalog.pg_class r ON r.oid OPERATOR(pg_catalog.=) rc.oid"                           \
  "    WHERE r.relkind OPERATOR(pg_catalog.<>) ALL ('{i,I,t,c}'::pg_catalog.\"char\"[])"            \
  "   UNION SELECT 't', ty.nsp, ty.name::pg_catalog.text FROM ty"                                   \
  "    WHERE ty.typrelid OPERATOR(pg_catalog.=) 0 OR ty.relkind OPERATOR(pg_catalog.=) 'c'"         \
  "   UNION SELECT 'f', f.pronamespace, f.proname::pg_catalog.text FROM ref"                        \
  "    JOIN pg_catalog.pg_proc f ON f.oid OPERATOR(pg_catalog.=) ref.objid"                         \
  "    WHERE ref.classid OPERATOR(pg_catalog.=)"                                                    \
  "     'pg_catalog.pg_proc'::pg_catalog.regclass::pg_catalog.oid)"                                 \
  " SELECT 'uses', u.kind, n.nspname::pg_catalog.text, u.name FROM used u"                          \
  "  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) u.nsp"                          \
  "  WHERE n.nspname OPERATOR(pg_catalog.<>) ALL"                                                   \
  "    ('{pg_catalog,information_schema,pg_toast,lg}'::pg_catalog.name[])"                          \
  "   AND n.nspname::pg_catalog.text OPERATOR(pg_catalog.!~) '^pg_(toast_)?temp_'"                  \
  " UNION ALL SELECT 'refonly', 'r', ch.nsp, ch.name FROM ch"                                       \
  "  JOIN pg_catalog.pg_namespace n ON n.nspname OPERATOR(pg_catalog.=) ch.nsp"                     \
  "  JOIN pg_catalog.pg_class r ON r.relnamespace OPERATOR(pg_catalog.=) n.oid"                     \
  "   AND r.relname OPERATOR(pg_catalog.=) ch.name"                                                 \
  "  WHERE ch.kind OPERATOR(pg_catalog.=) 'r' AND $6 IS NOT NULL"                                   \
  "   AND EXISTS (SELECT FROM pg_catalog.pg_constraint k"                                           \
  "    WHERE k.confrelid OPERATOR(pg_catalog.=) r.oid AND k.conrelid OPERATOR(pg_catalog.<>) r.oid" \
  "     AND k.xmin OPERATOR(pg_catalog.=) $6::pg_catalog.xid)"                                      \
  "   AND NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a"                                        \
  "    WHERE a.attrelid OPERATOR(pg_catalog.=) r.oid AND a.xmin OPERATOR(pg_catalog.=) $6)"         \
  "   AND NOT EXISTS (SELECT FROM pg_catalog.pg_constraint k"                                       \
  "    WHERE k.conrelid OPERATOR(pg_catalog.=) r.oid AND k.xmin OPERATOR(pg_catalog.=) $6)"         \
  "   AND NOT EXISTS (SELECT FROM pg_catalog.pg_index x"                                            \
  "    WHERE x.indrelid OPERATOR(pg_catalog.=) r.oid AND x.xmin OPERATOR(pg_catalog.=) $6)"         \
  "   AND NOT EXISTS (SELECT FROM pg_catalog.pg_attrdef d"                                          \
  "    WHERE d.adrelid OPERATOR(pg_catalog.=) r.oid AND d.xmin OPERATOR(pg_catalog.=) $6)"          \
  "   AND NOT EXISTS (SELECT FROM pg_catalog.pg_policy o"                                           \
  "    WHERE o.polrelid OPERATOR(pg_catalog.=) r.oid AND o.xmin OPERATOR(pg_catalog.=) $6)"         \
  "   AND NOT EXISTS (SELECT FROM pg_catalog.pg_rewrite w"                                          \
  "    WHERE w.ev_class OPERATOR(pg_catalog.=) r.oid AND w.xmin OPERATOR(pg_catalog.=) $6)"         \
  "   AND NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t"                                          \
  "    WHERE t.tgrelid OPERATOR(pg_catalog.=) r.oid AND t.xmin OPERATOR(pg_catalog.=) $6"           \
  "     AND NOT (t.tgisinternal AND EXISTS (SELECT FROM pg_catalog.pg_constraint k"                 \
  "      WHERE k.oid OPERATOR(pg_catalog.=) t.tgconstraint"                                         \
  "       AND k.conrelid OPERATOR(pg_catalog.<>) r.oid)))"                                          \
  " UNION ALL SELECT 'gone', ch.kind, ch.nsp, ch.name FROM ch WHERE NOT EXISTS ("                   \
  "   SELECT FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) ch.nsp AND ("    \
  "    EXISTS (SELECT FROM pg_catalog.pg_class r WHERE ch.kind OPERATOR(pg_catalog.=) 'r'"          \
  "     AND r.relnamespace OPERATOR(pg_catalog.=) n.oid"                                            \
  "     AND r.relname OPERATOR(pg_catalog.=) ch.name)"                                              \
  "    OR EXISTS (SELECT FROM pg_catalog.pg_type t WHERE ch.kind OPERATOR(pg_catalog.=) 't'"        \
  "     AND t.typnamespace OPERATOR(pg_catalog.=) n.oid"                                            \
  "     AND t.typname OPERATOR(pg_catalog.=) ch.name)"                                              \
  "    OR EXISTS (SELECT FROM pg_catalog.pg_proc f WHERE ch.kind OPERATOR(pg_catalog.=) 'f'"        \
  "     AND f.pronamespace OPERATOR(pg_catalog.=) n.oid"                                            \
  "     AND f.proname OPERATOR(pg_catalog.=) ch.name)))"

/*
 * After step i ran: its changed units (the watch), and, as the owner, the
 * units those reference in pg_depend, the relations and routines its SQL
 * used (the hooks' oids), and which changed units are gone.  One query.
 */
static void record_step(Pass *p, int i) {
  LgUnitSet *changed = lg_watch_units(p->watch);
  int n = changed->n;
  char **kinds = (char **) palloc(sizeof(char *) * (n + 1));
  char **schemas = (char **) palloc(sizeof(char *) * (n + 1));
  char **names = (char **) palloc(sizeof(char *) * (n + 1));
  int k = 0;
  for (int j = 0; j < n; j++) {
    const LgUnit *u = &changed->units[j];
    if (u->schema == NULL) continue;
    kinds[k] = psprintf("%c", u->kind);
    schemas[k] = u->schema;
    names[k] = u->name;
    k++;
  }
  if (k == 0 && p->relids.n == 0 && p->funcids.n == 0) return;
  Datum *rel = (Datum *) palloc(sizeof(Datum) * (p->relids.n + 1));
  for (int j = 0; j < p->relids.n; j++) rel[j] = ObjectIdGetDatum(p->relids.items[j]);
  Datum *fn = (Datum *) palloc(sizeof(Datum) * (p->funcids.n + 1));
  for (int j = 0; j < p->funcids.n; j++) fn[j] = ObjectIdGetDatum(p->funcids.items[j]);
  TransactionId xid = GetCurrentTransactionIdIfAny(); /* the step's subtransaction */
  Oid types[6] = {TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, OIDARRAYOID, OIDARRAYOID, XIDOID};
  Datum values[6] = {
      lg_text_array(kinds, k),
      lg_text_array(schemas, k),
      lg_text_array(names, k),
      PointerGetDatum(construct_array(rel, p->relids.n, OIDOID, sizeof(Oid), true, TYPALIGN_INT)),
      PointerGetDatum(construct_array(fn, p->funcids.n, OIDOID, sizeof(Oid), true, TYPALIGN_INT)),
      TransactionIdGetDatum(xid)};
  char nulls[7] = "      ";
  if (!TransactionIdIsValid(xid)) nulls[5] = 'n';
  /* Not read-only: the query must see what the revision just did. */
  uint64 rows = lg_spi_exec(DEPENDS_SQL, 6, types, values, nulls, false);
  bool *refonly = (bool *) palloc0(sizeof(bool) * (k + 1));
  for (uint64 r = 0; r < rows; r++) {
    if (strcmp(lg_spi_text(r, 1), "refonly") != 0) continue;
    char *schema = lg_spi_text(r, 3), *name = lg_spi_text(r, 4);
    for (int j = 0; j < k; j++)
      if (kinds[j][0] == LG_UNIT_RELATION && strcmp(schemas[j], schema) == 0 &&
          strcmp(names[j], name) == 0)
        refonly[j] = true;
  }
  for (int j = 0; j < k; j++)
    touch(p, i, kinds[j][0], schemas[j], names[j], refonly[j] ? TOUCH_DEPENDS : TOUCH_CHANGES);
  for (uint64 r = 0; r < rows; r++) {
    char *what = lg_spi_text(r, 1);
    if (strcmp(what, "refonly") == 0) continue;
    touch(p, i, lg_spi_text(r, 2)[0], lg_spi_text(r, 3), lg_spi_text(r, 4),
          strcmp(what, "gone") == 0 ? TOUCH_DROPS : TOUCH_DEPENDS);
  }
  SPI_freetuptable(SPI_tuptable);
}

/* ---- the trial ------------------------------------------------------ */

static const char *step_id(const Pass *p, int i) {
  return p->reg->ids[lg_plan_step_revision(p->plan, i)];
}

static void run_sql(Pass *p, int i) {
  p->current = i;
  p->in_sql = true;
  lg_trial_run_sql(step_id(p, i), "up", p->steps[i].sql ? p->steps[i].sql : "", false, &p->res);
  p->in_sql = false;
}

/* A step in a pair, inside its own subtransaction (kept when it ran). */
static void run_watched(void *arg) {
  Pass *p = (Pass *) arg;
  run_sql(p, p->current);
  record_step(p, p->current);
}

/* Errors a trial never swallows: a cancel, the end of the server. */
static void report_failure(Pass *p, int i, const ErrorData *e, int not_tried) {
  bool enum_value = e->sqlerrcode == ERRCODE_UNSAFE_NEW_ENUM_VALUE_USAGE && p->res.added_enum_value;
  StringInfoData d;
  initStringInfo(&d);
  appendStringInfo(&d, "the up SQL fails in the trial run (%s: %s)",
                   unpack_sql_state(e->sqlerrcode),
                   lg_inert_text(e->message ? e->message : "", false));
  if (enum_value)
    appendStringInfoString(&d,
                           ", as it must inside one transaction after ALTER TYPE ... ADD VALUE");
  if (not_tried > 0)
    appendStringInfo(&d,
                     ": the trial stops there; the %d revision%s after it in step order, up to "
                     "the last one in an unordered pair, %s not run, and %s conflicts are not "
                     "known",
                     not_tried, not_tried == 1 ? "" : "s", not_tried == 1 ? "was" : "were",
                     not_tried == 1 ? "its" : "their");
  else
    appendStringInfoString(&d,
                           ": what it changes and depends on is not known, so its conflicts "
                           "with the revisions it has no ancestry with are not reported");
  LgFinding f = {step_id(p, i),
                 p->res.statement,
                 "unordered_conflict",
                 enum_value ? LG_SEV_INFO : LG_SEV_WARNING,
                 NULL,
                 NULL,
                 d.data};
  lg_lint_add(p->out, &f);
}

/* The trial proper, inside the outer subtransaction (always rolled back).
 * A step outside every pair runs directly: if it fails, the trial ends. */
static void trial(void *arg) {
  Pass *p = (Pass *) arg;
  MemoryContext step_cxt =
      AllocSetContextCreate(CurrentMemoryContext, "lg lint trial step", ALLOCSET_DEFAULT_SIZES);
  p->watch = lg_watch_start();
  for (int i = 0; i <= p->last; i++) {
    MemoryContext outer = MemoryContextSwitchTo(step_cxt);
    p->watching = lg_unordered_in_pair(p->unordered, i) != 0;
    if (!p->watching) {
      run_sql(p, i);
    } else {
      lg_watch_clear(p->watch);
      oid_list_reset(&p->relids);
      oid_list_reset(&p->funcids);
      p->current = i;
      ErrorData *e = lg_run_in_subxact(run_watched, p, true, false);
      if (e != NULL) {
        if (!p->in_sql || lg_error_ends_trial(e))
          ReThrowError(e); /* lg's own failure, or a cancel */
        p->in_sql = false;
        report_failure(p, i, e, 0);
      }
    }
    MemoryContextSwitchTo(outer);
    MemoryContextReset(step_cxt);
    CHECK_FOR_INTERRUPTS();
  }
  lg_watch_stop(p->watch);
}

static void trial_guarded(void *arg) {
  Pass *p = (Pass *) arg;
  ErrorData *e = lg_run_in_subxact(trial, p, false, false);
  if (p->watch != NULL) lg_watch_stop(p->watch);
  if (e == NULL) return;
  if (!p->in_sql || lg_error_ends_trial(e)) ReThrowError(e);
  p->in_sql = false;
  p->failed = p->current;
  p->fail_error = e;
}

/* ---- findings ------------------------------------------------------- */

static const char *verb(Touch how) {
  return how == TOUCH_DROPS ? "drops" : (how == TOUCH_CHANGES ? "changes" : "depends on");
}

static char *unit_name(const LgUnit *u) {
  return lg_inert_text(quote_qualified_identifier(u->schema, u->name), false);
}

/* One finding per pair: conflicts [from, to) share first and second. */
static void report_pair(Pass *p, const LgUnorderedConflict *c, int n) {
  const char *a = lg_inert_text(step_id(p, c[0].first), false);
  const char *b = lg_inert_text(step_id(p, c[0].second), false);
  StringInfoData d;
  initStringInfo(&d);
  appendStringInfo(&d,
                   "no ancestry between \"%s\" (step %d) and \"%s\" (step %d): only the step "
                   "order runs \"%s\" first; ",
                   a, c[0].first + 1, b, c[0].second + 1, a);
  for (int j = 0; j < n && j < 5; j++) {
    const LgUnit *u = &p->units.units[c[j].unit];
    appendStringInfo(&d, "%s\"%s\" %s %s, \"%s\" %s it", j == 0 ? "" : "; ", a,
                     verb(touch_of(p, c[j].first, c[j].unit)),
                     lg_inert_text(lg_unit_label(u), false), b,
                     verb(touch_of(p, c[j].second, c[j].unit)));
  }
  if (n > 5) appendStringInfo(&d, "; and %d more shared objects", n - 5);
  LgFinding f = {step_id(p, c[0].second),
                 0,
                 "unordered_conflict",
                 LG_SEV_WARNING,
                 NULL,
                 unit_name(&p->units.units[c[0].unit]),
                 d.data};
  lg_lint_add(p->out, &f);
}

static void report_conflicts(Pass *p) {
  LgCoreError err;
  int n = lg_unordered_conflicts(p->unordered, &err);
  if (n < 0) lg_raise_core_error(&err);
  LgUnorderedConflict *c = (LgUnorderedConflict *) palloc(sizeof(LgUnorderedConflict) * (n + 1));
  for (int j = 0; j < n; j++) lg_unordered_conflict(p->unordered, j, &c[j]);
  for (int j = 0; j < n;) {
    int k = j;
    while (k < n && c[k].first == c[j].first && c[k].second == c[j].second) k++;
    report_pair(p, &c[j], k - j);
    j = k;
  }
}

/* ---- the pass ------------------------------------------------------- */

static void unordered_free(void *u) { lg_unordered_free((LgUnordered *) u); }

static HTAB *new_hash(const char *name, Size key, Size entry, MemoryContext cxt) {
  HASHCTL ctl;
  memset(&ctl, 0, sizeof ctl);
  ctl.keysize = key;
  ctl.entrysize = entry;
  ctl.hcxt = cxt;
  return hash_create(name, 256, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
}

/*
 * The hooks are installed once, from _PG_init, chained to what was there,
 * and record only while a trial runs (recording): installed and removed
 * around each trial they would drop a hook another library installed
 * during it (revision SQL may LOAD one), or chain to themselves.
 */
void lg_lint_hooks_init(void) {
  static bool installed = false;
  if (installed) return;
  prev_check_perms = ExecutorCheckPerms_hook;
  prev_needs_fmgr = needs_fmgr_hook;
  ExecutorCheckPerms_hook = check_perms_hook;
  needs_fmgr_hook = needs_fmgr;
  installed = true;
}

/* Runs the trial with recording on, off again on every path.  A nested
 * call (lg_lint() in revision SQL of a trial) is refused. */
static void run_trial(Pass *p) {
  lg_run_refuse_nested("lg_lint()");
  if (recording != NULL) elog(ERROR, "lg: a trial is recording already");
  recording = p;
  PG_TRY();
  { lg_run_guarded("lg_lint()", trial_guarded, p); }
  PG_FINALLY();
  { recording = NULL; }
  PG_END_TRY();
}

void lg_lint_unordered(const LgRegistry *reg, const LgPlan *plan, LgLintOut *out) {
  int n = lg_plan_nsteps(plan);
  if (n < 2 || lg_plan_step_direction(plan, 0) != LG_UP) return;
  Pass *p = (Pass *) palloc0(sizeof(Pass));
  p->reg = reg;
  p->plan = plan;
  p->out = out;
  p->cxt = CurrentMemoryContext;
  p->failed = -1;
  void **slot = lg_owned_slot(unordered_free);
  LgCoreError err;
  p->unordered = lg_unordered_new(plan, &err);
  *slot = p->unordered;
  if (p->unordered == NULL) lg_raise_core_error(&err);
  p->last = lg_unordered_last_in_pair(p->unordered);
  if (p->last < 0) return;

  if (XactReadOnly || RecoveryInProgress()) {
    /* DDL cannot run here: say so once instead of a failure per revision */
    LgFinding f = {step_id(p, p->last),
                   0,
                   "unordered_conflict",
                   LG_SEV_INFO,
                   NULL,
                   NULL,
                   "not checked: the plan has revisions with no ancestry between them, but this "
                   "transaction is read-only (a hot standby, or default_transaction_read_only), "
                   "where lg cannot try the plan to see what each revision touches"};
    lg_lint_add(out, &f);
    return;
  }
  p->steps = lg_prepare_steps(reg, plan);
  p->touches = new_hash("lg lint touches", sizeof(TouchKey), sizeof(TouchEntry), p->cxt);
  run_trial(p);
  if (p->failed >= 0) report_failure(p, p->failed, p->fail_error, p->last - p->failed);
  report_conflicts(p);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
