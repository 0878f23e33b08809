/*
 * lint_plan.cpp: what lg_lint() learns of a plan as it reads its statements
 * in step order: objects created (new and empty: no lock, rewrite or size
 * finding for them), objects dropped (a later statement on them fails),
 * enum labels added; and the catalog facts of relations (size, rows).
 * Names are keyed "kind:schema.name" as the statements write them, an
 * unqualified name in the schema the search path gives.
 */
#include "pg/pg_headers.h"

extern "C" {
#include "utils/hsearch.h"
}

#include "pg/lint_rules.h"
#include "pg/script_text.h"

#define KEYLEN (3 * NAMEDATALEN + 8) /* "k:schema.table.col" */

typedef struct ObjEntry {
  char key[KEYLEN];
  bool dropped;         /* else created */
  const char *revision; /* that created or dropped it */
  const char *extra;    /* what the kind keeps (a column name), or NULL */
} ObjEntry;

typedef struct LabelEntry {
  char key[NAMEDATALEN + 1]; /* the label (labels are at most NAMEDATALEN - 1 bytes) */
  const char *revision;
  const char *type_display;
  int step;
} LabelEntry;

struct LgLintPlan {
  MemoryContext cxt;
  HTAB *objs;
  HTAB *labels;
  bool uses_apply;
  int nlabels;
  int ndropped;
  int rev_step;     /* the step the flags below are for */
  bool rev_timeout; /* the revision set lock_timeout */
  bool rev_warned;  /* require_timeout_settings reported for it */
};

LgLintPlan *lg_lint_plan_new(bool uses_apply) {
  LgLintPlan *p = (LgLintPlan *) palloc0(sizeof(LgLintPlan));
  p->cxt = CurrentMemoryContext;
  p->uses_apply = uses_apply;
  HASHCTL ctl;
  memset(&ctl, 0, sizeof(ctl));
  ctl.keysize = KEYLEN;
  ctl.entrysize = sizeof(ObjEntry);
  ctl.hcxt = p->cxt;
  p->objs = hash_create("lg_lint objects", 256, &ctl, HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
  ctl.keysize = NAMEDATALEN + 1;
  ctl.entrysize = sizeof(LabelEntry);
  p->labels = hash_create("lg_lint labels", 16, &ctl, HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
  return p;
}

bool lg_lint_plan_uses_apply(LgLintPlan *p) { return p->uses_apply; }
bool lg_lint_plan_has_enum_labels(LgLintPlan *p) { return p->nlabels > 0; }

static void make_key(char *key, char kind, const char *schema, const char *name) {
  snprintf(key, KEYLEN, "%c:%s.%s", kind, schema ? schema : "", name);
}

static ObjEntry *find(LgLintPlan *p, char kind, const char *schema, const char *name) {
  char key[KEYLEN];
  make_key(key, kind, schema, name);
  return (ObjEntry *) hash_search(p->objs, key, HASH_FIND, NULL);
}

static void note(LgLintStmt *s, char kind, const char *schema, const char *name, bool dropped) {
  char key[KEYLEN];
  make_key(key, kind, schema, name);
  bool found;
  ObjEntry *e = (ObjEntry *) hash_search(s->plan->objs, key, HASH_ENTER, &found);
  e->dropped = dropped;
  e->revision = MemoryContextStrdup(s->plan->cxt, s->revision);
  e->extra = NULL;
  if (dropped) s->plan->ndropped++;
}

void lg_lint_note_extra(LgLintStmt *s, char kind, const char *schema, const char *name,
                        const char *extra) {
  note(s, kind, schema, name, false);
  ObjEntry *e = find(s->plan, kind, schema, name);
  e->extra = extra ? MemoryContextStrdup(s->plan->cxt, extra) : NULL;
}

const char *lg_lint_noted_extra(LgLintStmt *s, char kind, const char *schema, const char *name,
                                const char **revision) {
  ObjEntry *e = find(s->plan, kind, schema, name);
  if (e == NULL || e->dropped) return NULL;
  if (revision) *revision = e->revision;
  return e->extra ? e->extra : "";
}

bool lg_lint_plan_has_drops(LgLintPlan *p) { return p->ndropped > 0; }

/* Per-revision flags: reset when the step changes. */
static void rev_flags(LgLintStmt *s) {
  if (s->plan->rev_step == s->step + 1) return;
  s->plan->rev_step = s->step + 1;
  s->plan->rev_timeout = false;
  s->plan->rev_warned = false;
}

void lg_lint_note_timeout(LgLintStmt *s) {
  rev_flags(s);
  s->plan->rev_timeout = true;
}

bool lg_lint_timeout_needs_report(LgLintStmt *s) {
  rev_flags(s);
  if (s->plan->rev_timeout || s->plan->rev_warned) return false;
  s->plan->rev_warned = true;
  return true;
}

void lg_lint_note_created(LgLintStmt *s, char kind, const char *schema, const char *name) {
  note(s, kind, schema, name, false);
}

void lg_lint_note_dropped(LgLintStmt *s, char kind, const char *schema, const char *name) {
  note(s, kind, schema, name, true);
}

bool lg_lint_obj_is_new(LgLintStmt *s, char kind, const char *schema, const char *name) {
  ObjEntry *e = find(s->plan, kind, schema, name);
  return e != NULL && !e->dropped;
}

const char *lg_lint_obj_dropped_by(LgLintStmt *s, char kind, const char *schema, const char *name) {
  ObjEntry *e = find(s->plan, kind, schema, name);
  return e != NULL && e->dropped && strcmp(e->revision, s->revision) != 0 ? e->revision : NULL;
}

const char *lg_lint_creation_schema(void) {
  List *path = fetch_search_path(false);
  const char *name = NULL;
  if (path != NIL) name = get_namespace_name(linitial_oid(path));
  list_free(path);
  return name != NULL ? name : "public";
}

void lg_lint_rel(LgLintStmt *s, const RangeVar *rv, LgLintRel *rel) {
  memset(rel, 0, sizeof(*rel));
  rel->name = rv->relname;
  rel->oid = InvalidOid;
  if (rv->schemaname != NULL) {
    rel->schema = rv->schemaname;
    Oid nsp = get_namespace_oid(rv->schemaname, true);
    if (OidIsValid(nsp)) rel->oid = get_relname_relid(rv->relname, nsp);
  } else {
    rel->schema = (char *) lg_lint_creation_schema();
    /* created earlier in the plan in the first schema of the path: that one */
    if (find(s->plan, 'r', rel->schema, rel->name) == NULL) {
      Oid oid = RelnameGetRelid(rv->relname);
      if (OidIsValid(oid)) {
        rel->oid = oid;
        char *nsp = get_namespace_name(get_rel_namespace(oid));
        if (nsp != NULL) rel->schema = nsp;
      }
    } else {
      Oid nsp = get_namespace_oid(rel->schema, true);
      if (OidIsValid(nsp)) rel->oid = get_relname_relid(rv->relname, nsp);
    }
  }
  ObjEntry *e = find(s->plan, 'r', rel->schema, rel->name);
  if (e != NULL && !e->dropped) rel->is_new = true;
  if (e != NULL && e->dropped) {
    rel->oid = InvalidOid; /* gone by the time this statement runs */
    if (strcmp(e->revision, s->revision) != 0) rel->dropped_by = e->revision;
  }
  rel->display = lg_inert_text(quote_qualified_identifier(rel->schema, rel->name), false);
}

void lg_lint_note_enum_label(LgLintStmt *s, const char *type_display, const char *label) {
  char key[NAMEDATALEN + 1];
  strlcpy(key, label, sizeof(key));
  bool found;
  LabelEntry *e = (LabelEntry *) hash_search(s->plan->labels, key, HASH_ENTER, &found);
  e->revision = MemoryContextStrdup(s->plan->cxt, s->revision);
  e->type_display = MemoryContextStrdup(s->plan->cxt, type_display);
  e->step = s->step;
  s->plan->nlabels++;
}

bool lg_lint_enum_label_added(LgLintStmt *s, const char *label, const char **revision,
                              const char **type_display) {
  if (strlen(label) > NAMEDATALEN) return false;
  LabelEntry *e = (LabelEntry *) hash_search(s->plan->labels, label, HASH_FIND, NULL);
  if (e == NULL || e->step >= s->step) return false;
  *revision = e->revision;
  *type_display = e->type_display;
  return true;
}

/* ---- sizes ---- */

void lg_lint_size(Oid relid, LgLintSize *size) {
  size->bytes = 0;
  size->pages = 0;
  size->tuples = -1;
  size->relkind = '\0';
  HeapTuple tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
  if (!HeapTupleIsValid(tup)) return;
  Form_pg_class form = (Form_pg_class) GETSTRUCT(tup);
  size->tuples = form->reltuples;
  size->relkind = form->relkind;
  bool storage = RELKIND_HAS_STORAGE(form->relkind);
  ReleaseSysCache(tup);
  if (!storage) return;
  size->bytes = DatumGetInt64(
      DirectFunctionCall2(pg_relation_size, ObjectIdGetDatum(relid), CStringGetTextDatum("main")));
  size->pages = (int32) (size->bytes / BLCKSZ);
}

bool lg_lint_has_rows(const LgLintSize *size) { return size->bytes > 0 && size->tuples != 0; }

char *lg_lint_size_text(const LgLintSize *size) {
  if (size->relkind == RELKIND_VIEW) return pstrdup("a view: no rows of its own");
  if (size->relkind == RELKIND_PARTITIONED_TABLE)
    return pstrdup("a partitioned table: its rows are in its partitions");
  StringInfoData b;
  initStringInfo(&b);
  appendStringInfo(&b, INT64_FORMAT " bytes (%d page%s)", size->bytes, size->pages,
                   size->pages == 1 ? "" : "s");
  if (size->tuples < 0)
    appendStringInfoString(&b, ", never analyzed");
  else
    appendStringInfo(&b, ", about %.0f row%s", (double) size->tuples, size->tuples == 1 ? "" : "s");
  return b.data;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
