/*
 * fn_import.cpp: lg_import(layout, files, options), registering every
 * revision of another tool's migration folder.  The folder is parsed in
 * the core (core/import.h, through core_bridge.h); each revision is then
 * registered by lg_revision itself (its C entry point, called directly:
 * the same checks, the same no-op on identical content, the same drift
 * error), in the order the layout gives, all in the caller's statement.
 */
#include "pg/pg_headers.h"

extern "C" {
#include "utils/jsonb.h"
}

#include "pg/errors.h"
#include "pg/run_lock.h"
#include "pg/owned_slot.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"
#include "pg/text_array.h"
#include "pg/srf.h"
#include "pg/c_style.h"  // last, unguarded: no C++ standard header above

extern "C" Datum lg_revision(PG_FUNCTION_ARGS);

static void free_import(void *p) { lg_import_free((LgImport *) p); }

static const char *json_type_name(const JsonbValue *v) {
  switch (v->type) {
    case jbvNull:
      return "null";
    case jbvString:
      return "a string";
    case jbvNumeric:
      return "a number";
    case jbvBool:
      return "a boolean";
    default:
      return "an object or array";
  }
}

/* The members of a jsonb object as C strings: keys, and values that must
 * be strings (or, when bools_ok, booleans written "true"/"false"). */
static int json_members(Jsonb *jb, const char *what, bool bools_ok, char ***keys, char ***values) {
  if (!JB_ROOT_IS_OBJECT(jb) || JB_ROOT_IS_SCALAR(jb))
    ereport(ERROR,
            (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("%s must be a JSON object", what),
             strcmp(what, "files") == 0
                 ? errhint("Give the folder as {\"relative/path.sql\": \"file content\", ...}.")
                 : 0));
  int n = JB_ROOT_COUNT(jb);
  *keys = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  *values = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  JsonbIterator *it = JsonbIteratorInit(&jb->root);
  JsonbValue v;
  JsonbIteratorToken tok;
  int count = 0;
  char *key = NULL;
  while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE) {
    if (tok == WJB_KEY) {
      key = pnstrdup(v.val.string.val, v.val.string.len);
    } else if (tok == WJB_VALUE) {
      CHECK_FOR_INTERRUPTS();
      /* an object's value always follows its key (JB_ROOT_IS_OBJECT above) */
      if (key == NULL) elog(ERROR, "lg_import: a JSON value without a key");
      char *value;
      if (v.type == jbvString)
        value = pnstrdup(v.val.string.val, v.val.string.len);
      else if (bools_ok && v.type == jbvBool)
        value = pstrdup(v.val.boolean ? "true" : "false");
      else if (strcmp(what, "files") == 0)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("file \"%s\": the content must be a JSON string, not %s",
                               lg_inert_text(key, false), json_type_name(&v))));
      else
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("option \"%s\" must be a string or a boolean, not %s",
                               lg_inert_text(key, false), json_type_name(&v))));
      if (strcmp(what, "files") == 0 && key[0] == '\0')
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("a file of the import has an empty path")));
      (*keys)[count] = key;
      (*values)[count] = value;
      count++;
    }
  }
  return count;
}

/* Error context: the file a registration came from. */
static void import_context(void *arg) {
  errcontext("lg_import of \"%s\"", lg_inert_text((const char *) arg, false));
}

/* id -> "ctid of lg.revision row/ctid of lg.script row" of the given ids:
 * a registration that writes a row gives it a new ctid. */
static HTAB *row_versions(Datum ids) {
  HASHCTL ctl;
  memset(&ctl, 0, sizeof ctl);
  ctl.keysize = NAMEDATALEN * 3; /* ids are at most 128 bytes */
  ctl.entrysize = NAMEDATALEN * 3 + 64;
  ctl.hcxt = CurrentMemoryContext;
  HTAB *h = hash_create("lg_import rows", 64, &ctl, HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
  Oid types[1] = {TEXTARRAYOID};
  Datum values[1] = {ids};
  uint64 n = lg_spi_exec(
      "SELECT r.id, pg_catalog.concat(r.ctid, '/', s.ctid) "
      "FROM pg_catalog.unnest($1) i "
      "JOIN lg.revision r ON r.id OPERATOR(pg_catalog.=) i "
      "LEFT JOIN lg.script s ON s.revision OPERATOR(pg_catalog.=) r.id",
      1, types, values, NULL, false);
  for (uint64 i = 0; i < n; i++) {
    CHECK_FOR_INTERRUPTS();
    char *id = lg_spi_text(i, 1), *version = lg_spi_text(i, 2);
    char key[NAMEDATALEN * 3];
    memset(key, 0, sizeof key);
    strlcpy(key, id, sizeof key);
    char *entry = (char *) hash_search(h, key, HASH_ENTER, NULL);
    strlcpy(entry + NAMEDATALEN * 3, version, 64);
  }
  return h;
}

/* Says which files the layout did not read (up to 10 by name). */
static void notice_ignored(const LgImport *imp, const char *layout) {
  int nignored = lg_import_nignored(imp);
  if (nignored == 0) return;
  StringInfoData list;
  initStringInfo(&list);
  for (int i = 0; i < nignored && i < 10; i++)
    appendStringInfo(&list, "%s\"%s\"", i ? ", " : "",
                     lg_inert_text(lg_import_ignored(imp, i), false));
  if (nignored > 10) appendStringInfo(&list, ", and %d more", nignored - 10);
  ereport(NOTICE, (errmsg("lg_import: %d file%s not read by layout \"%s\"", nignored,
                          nignored == 1 ? "" : "s", layout),
                   errdetail("Not read: %s.", list.data)));
}

/* The arguments parsed by the core into an import (owned by the current
 * memory context); *layout_out: the layout's name. */
static LgImport *parse_arguments(FunctionCallInfo fcinfo, char **layout_out) {
  if (PG_ARGISNULL(0))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("layout must not be null")));
  if (PG_ARGISNULL(1))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("files must not be null"),
                    errhint("Give the folder as {\"relative/path.sql\": \"file content\", ...}.")));
  char *layout = text_to_cstring(PG_GETARG_TEXT_PP(0));
  char **paths, **contents, **option_names = NULL, **option_values = NULL;
  int nfiles = json_members(PG_GETARG_JSONB_P(1), "files", false, &paths, &contents);
  int noptions = PG_ARGISNULL(2) ? 0
                                 : json_members(PG_GETARG_JSONB_P(2), "options", true,
                                                &option_names, &option_values);
  LgCoreError err;
  void **slot = lg_owned_slot(free_import);
  LgImport *imp =
      lg_import_parse(layout, paths, contents, nfiles, option_names, option_values, noptions, &err);
  *slot = imp;
  if (imp == NULL) lg_raise_core_error(&err);
  notice_ignored(imp, layout);
  *layout_out = layout;
  return imp;
}

/* The imported revisions, in registration order. */
typedef struct Imported {
  int n;
  LgImportedRevision *revs;
  char **ids;
  int nrefs; /* parents and dependencies, all told */
} Imported;

static void read_imported(const LgImport *imp, Imported *out) {
  int n = lg_import_nrevisions(imp);
  out->n = n;
  out->revs = (LgImportedRevision *) palloc(sizeof(LgImportedRevision) * (n > 0 ? n : 1));
  out->ids = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  out->nrefs = 0;
  for (int i = 0; i < n; i++) {
    if ((i & 1023) == 0) CHECK_FOR_INTERRUPTS();
    lg_import_revision(imp, i, &out->revs[i]);
    out->ids[i] = (char *) out->revs[i].id;
    out->nrefs += out->revs[i].nparents + out->revs[i].ndepends_on;
  }
}

/* Refuses, naming the file, a parent or dependency that is neither in the
 * import nor registered (set operations: hashed, not a comparison of every
 * pair). */
static void refuse_missing_references(const Imported *im) {
  if (im->nrefs == 0) return;
  char **refs = (char **) palloc(sizeof(char *) * im->nrefs);
  int k = 0;
  for (int i = 0; i < im->n; i++) {
    CHECK_FOR_INTERRUPTS();
    for (int j = 0; j < im->revs[i].nparents; j++) refs[k++] = (char *) im->revs[i].parents[j];
    for (int j = 0; j < im->revs[i].ndepends_on; j++)
      refs[k++] = (char *) im->revs[i].depends_on[j];
  }
  Oid types[2] = {TEXTARRAYOID, TEXTARRAYOID};
  Datum values[2] = {lg_text_array(refs, im->nrefs), lg_text_array(im->ids, im->n)};
  if (lg_spi_exec("(SELECT pg_catalog.unnest($1) EXCEPT SELECT pg_catalog.unnest($2) "
                  "EXCEPT SELECT r.id FROM lg.revision r "
                  "EXCEPT SELECT pg_catalog.unnest(r.branch_labels) FROM lg.revision r) LIMIT 1",
                  2, types, values, NULL, false) == 0)
    return;
  char *name = lg_inert_text(lg_spi_text(0, 1), false);
  char *raw = lg_spi_text(0, 1);
  for (int i = 0; i < im->n; i++) {
    CHECK_FOR_INTERRUPTS();
    const LgImportedRevision *r = &im->revs[i];
    bool parent = false, dep = false;
    for (int j = 0; j < r->nparents; j++) parent |= strcmp(r->parents[j], raw) == 0;
    for (int j = 0; j < r->ndepends_on; j++) dep |= strcmp(r->depends_on[j], raw) == 0;
    if (parent || dep)
      ereport(
          ERROR,
          (errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
           errmsg("file \"%s\": %s \"%s\" of revision \"%s\" is neither in the import nor "
                  "registered",
                  lg_inert_text(r->source, false), parent ? "parent" : "dependency", name,
                  lg_inert_text(r->id, false)),
           errhint("Import the folder from its first migration, or register \"%s\" first.", name)));
  }
}

/* Registers one revision through lg_revision's own code, with the file
 * it came from in the error context. */
static void register_one(const LgImportedRevision *r) {
  ErrorContextCallback cb;
  cb.callback = import_context;
  cb.arg = (void *) r->source;
  cb.previous = error_context_stack;
  error_context_stack = &cb;

  LOCAL_FCINFO(call, 9);
  InitFunctionCallInfoData(*call, NULL, 9, InvalidOid, NULL, NULL);
  Datum args[9] = {CStringGetTextDatum(r->id),
                   CStringGetTextDatum(r->up),
                   r->down ? CStringGetTextDatum(r->down) : (Datum) 0,
                   lg_text_array((char **) r->parents, r->nparents),
                   CStringGetTextDatum(r->message),
                   lg_text_array((char **) r->depends_on, r->ndepends_on),
                   lg_text_array(NULL, 0),
                   BoolGetDatum(r->transactional != 0),
                   r->verify ? CStringGetTextDatum(r->verify) : (Datum) 0};
  for (int a = 0; a < 9; a++) {
    call->args[a].value = args[a];
    /* transactional: false when the tool said so, else detected from the SQL */
    call->args[a].isnull = (a == 2 && r->down == NULL) || (a == 7 && r->transactional) ||
                           (a == 8 && r->verify == NULL);
  }
  (void) lg_revision(call);
  error_context_stack = cb.previous;
}

/* The result rows: the revisions this call wrote (new or changed). */
static void put_written(Tuplestorestate *store, TupleDesc tupdesc, const Imported *im, HTAB *before,
                        HTAB *after) {
  for (int i = 0; i < im->n; i++) {
    if ((i & 1023) == 0) CHECK_FOR_INTERRUPTS();
    const LgImportedRevision *r = &im->revs[i];
    char key[NAMEDATALEN * 3];
    memset(key, 0, sizeof key);
    strlcpy(key, r->id, sizeof key);
    char *old_entry = (char *) hash_search(before, key, HASH_FIND, NULL);
    char *new_entry = (char *) hash_search(after, key, HASH_FIND, NULL);
    if (old_entry != NULL && new_entry != NULL &&
        strcmp(old_entry + NAMEDATALEN * 3, new_entry + NAMEDATALEN * 3) == 0)
      continue;
    Datum values[3] = {CStringGetTextDatum(r->id), lg_text_array((char **) r->parents, r->nparents),
                       CStringGetTextDatum(r->source)};
    bool nulls[3] = {false, false, false};
    tuplestore_putvalues(store, tupdesc, values, nulls);
  }
}

/* The import: the core's parse, the references outside the folder, one
 * registration per revision, the rows it wrote. */
LG_FUNCTION(lg_import) {
  char *layout;
  LgImport *imp = parse_arguments(fcinfo, &layout);
  TupleDesc tupdesc;
  Tuplestorestate *store = lg_srf_materialize(fcinfo, &tupdesc);
  Imported im;
  read_imported(imp, &im);

  SPI_connect();
  lg_run_lock_xact();
  refuse_missing_references(&im);
  HTAB *before = row_versions(lg_text_array(im.ids, im.n));
  for (int i = 0; i < im.n; i++) {
    CHECK_FOR_INTERRUPTS();
    register_one(&im.revs[i]);
  }
  HTAB *after = row_versions(lg_text_array(im.ids, im.n));
  put_written(store, tupdesc, &im, before, after);
  SPI_finish();
  return (Datum) 0;
}
