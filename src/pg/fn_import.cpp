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

/* Long because it is the import in one pass (arguments, the core's parse,
 * the parents outside the folder, one registration per revision, the
 * result rows); splitting it into named steps is open work. */
LG_FUNCTION(lg_import) {
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

  TupleDesc tupdesc;
  Tuplestorestate *store = lg_srf_materialize(fcinfo, &tupdesc);

  LgCoreError err;
  void **slot = lg_owned_slot(free_import);
  LgImport *imp =
      lg_import_parse(layout, paths, contents, nfiles, option_names, option_values, noptions, &err);
  *slot = imp;
  if (imp == NULL) lg_raise_core_error(&err);

  int nignored = lg_import_nignored(imp);
  if (nignored > 0) {
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

  int n = lg_import_nrevisions(imp);
  LgImportedRevision *revs =
      (LgImportedRevision *) palloc(sizeof(LgImportedRevision) * (n > 0 ? n : 1));
  char **ids = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  int nrefs = 0;
  for (int i = 0; i < n; i++) {
    if ((i & 1023) == 0) CHECK_FOR_INTERRUPTS();
    lg_import_revision(imp, i, &revs[i]);
    ids[i] = (char *) revs[i].id;
    nrefs += revs[i].nparents + revs[i].ndepends_on;
  }

  SPI_connect();
  lg_run_lock_xact();
  /* Parents and dependencies outside the import must be registered (set
   * operations: hashed, not a comparison of every pair). */
  if (nrefs > 0) {
    char **refs = (char **) palloc(sizeof(char *) * nrefs);
    int k = 0;
    for (int i = 0; i < n; i++) {
      CHECK_FOR_INTERRUPTS();
      for (int j = 0; j < revs[i].nparents; j++) refs[k++] = (char *) revs[i].parents[j];
      for (int j = 0; j < revs[i].ndepends_on; j++) refs[k++] = (char *) revs[i].depends_on[j];
    }
    Oid types[2] = {TEXTARRAYOID, TEXTARRAYOID};
    Datum values[2] = {lg_text_array(refs, nrefs), lg_text_array(ids, n)};
    uint64 missing = lg_spi_exec(
        "(SELECT pg_catalog.unnest($1) EXCEPT SELECT pg_catalog.unnest($2) "
        "EXCEPT SELECT r.id FROM lg.revision r "
        "EXCEPT SELECT pg_catalog.unnest(r.branch_labels) FROM lg.revision r) LIMIT 1",
        2, types, values, NULL, false);
    if (missing > 0) {
      char *name = lg_spi_text(0, 1);
      for (int i = 0; i < n; i++) {
        CHECK_FOR_INTERRUPTS();
        bool parent = false, dep = false;
        for (int j = 0; j < revs[i].nparents; j++) parent |= strcmp(revs[i].parents[j], name) == 0;
        for (int j = 0; j < revs[i].ndepends_on; j++)
          dep |= strcmp(revs[i].depends_on[j], name) == 0;
        if (parent || dep)
          ereport(ERROR,
                  (errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
                   errmsg("file \"%s\": %s \"%s\" of revision \"%s\" is neither in the import nor "
                          "registered",
                          lg_inert_text(revs[i].source, false), parent ? "parent" : "dependency",
                          lg_inert_text(name, false), lg_inert_text(revs[i].id, false)),
                   errhint("Import the folder from its first migration, or register \"%s\" first.",
                           lg_inert_text(name, false))));
      }
    }
  }

  HTAB *before = row_versions(lg_text_array(ids, n));
  for (int i = 0; i < n; i++) {
    CHECK_FOR_INTERRUPTS();
    const LgImportedRevision *r = &revs[i];
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
      call->args[a].isnull = (a == 2 && r->down == NULL) || (a == 8 && r->verify == NULL);
    }
    (void) lg_revision(call);
    error_context_stack = cb.previous;
  }
  HTAB *after = row_versions(lg_text_array(ids, n));

  /* The rows: the revisions this call wrote (new or changed). */
  for (int i = 0; i < n; i++) {
    if ((i & 1023) == 0) CHECK_FOR_INTERRUPTS();
    char key[NAMEDATALEN * 3];
    memset(key, 0, sizeof key);
    strlcpy(key, revs[i].id, sizeof key);
    char *old_entry = (char *) hash_search(before, key, HASH_FIND, NULL);
    char *new_entry = (char *) hash_search(after, key, HASH_FIND, NULL);
    if (old_entry != NULL && new_entry != NULL &&
        strcmp(old_entry + NAMEDATALEN * 3, new_entry + NAMEDATALEN * 3) == 0)
      continue;
    Datum values[3] = {CStringGetTextDatum(revs[i].id),
                       lg_text_array((char **) revs[i].parents, revs[i].nparents),
                       CStringGetTextDatum(revs[i].source)};
    bool nulls[3] = {false, false, false};
    tuplestore_putvalues(store, tupdesc, values, nulls);
  }
  SPI_finish();
  return (Datum) 0;
}
