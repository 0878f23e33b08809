/*
 * fn_stamp.cpp: lg_stamp(target, purge) and lg_merge(parents, message, id).
 * lg_stamp moves the version rows without running SQL (docs/SEMANTICS.md,
 * "Stamp") and journals a 'stamp' line per new row; lg_merge registers an
 * empty revision whose parents are the given heads.
 */
#include "pg/pg_headers.h"

#include "pg/errors.h"
#include "pg/owner.h"
#include "pg/registry.h"
#include "pg/run_lock.h"
#include "pg/spi_util.h"

static void free_strings(void *p) { lg_strings_free((LgStrings *) p); }

static int compare_ids(const void *a, const void *b) {
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Whether item is one of the version rows (sorted in "C" collation, which
 * is strcmp's order): a binary search, not a scan per row. */
static bool in_list(char **items, int n, const char *item) {
  return n > 0 && bsearch(&item, items, n, sizeof(char *), compare_ids) != NULL;
}

typedef struct StampRun {
  const char *target;
  bool purge;
  char **rows; /* out: the version rows afterwards */
  int nrows;
} StampRun;

static void stamp_body(void *arg) {
  StampRun *run = (StampRun *) arg;
  const char *target = run->target;
  bool purge = run->purge;
  lg_run_lock_xact();
  LgRegistry *reg = lg_registry_load(false);
  LgCoreError err;
  void **slot = lg_owned_slot(free_strings);
  LgStrings *after = lg_stamp_rows(reg->graph, reg->rows, reg->nrows, target, purge, &err);
  *slot = after;
  if (after == NULL) lg_raise_core_error(&err);

  int n = lg_strings_count(after);
  char **rows = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) rows[i] = pstrdup(lg_strings_get(after, i));

  lg_spi_exec("DELETE FROM lg.version", 0, NULL, NULL, NULL, false);
  Oid types[2] = {TEXTARRAYOID, TEXTOID};
  Datum values[2] = {lg_text_array(rows, n), CStringGetTextDatum(target)};
  lg_spi_exec("INSERT INTO lg.version (revision) SELECT pg_catalog.unnest($1)", 1, types, values,
              NULL, false);

  /* Journal: one line per row the stamp added (with its checksum, so the
   * drift check knows what counts as applied), or one for the target. */
  char **added = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  int nadded = 0;
  for (int i = 0; i < n; i++)
    if (!in_list(reg->rows, reg->nrows, rows[i])) added[nadded++] = rows[i];
  /* The caller, named explicitly (the statements run as the owner). */
  lg_require_current_schema();
  Oid ltypes[4] = {TEXTARRAYOID, TEXTOID, TEXTOID, TEXTOID};
  Datum lvalues[4] = {lg_text_array(added, nadded), CStringGetTextDatum(target), lg_caller_role(),
                      lg_caller_session_role()};
  if (nadded > 0)
    lg_spi_exec("INSERT INTO lg.log (revision, direction, statements, checksum, down_checksum, "
                "verify_checksum, by_role, session_role) "
                "SELECT r.id, 'stamp', 0, s.checksum, s.down_checksum, s.verify_checksum, $3, $4 "
                "FROM lg.revision r "
                "LEFT JOIN lg.script s ON s.revision OPERATOR(pg_catalog.=) r.id "
                "WHERE r.id OPERATOR(pg_catalog.=) ANY ($1) ORDER BY r.ord",
                4, ltypes, lvalues, NULL, false);
  else
    lg_spi_exec("INSERT INTO lg.log (revision, direction, statements, by_role, session_role) "
                "VALUES ($2, 'stamp', 0, $3, $4)",
                4, ltypes, lvalues, NULL, false);

  ereport(NOTICE, (errmsg("lg: stamped %s", target),
                   errdetail("%d version row%s, no SQL run.", n, n == 1 ? "" : "s")));
  run->rows = rows;
  run->nrows = n;
}

/* lg_stamp(target text, purge boolean DEFAULT false) RETURNS text[] */
LG_FUNCTION(lg_stamp) {
  if (PG_ARGISNULL(0))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("target must not be null"),
                    errhint("Give a revision id, \"head\", \"heads\" or \"base\".")));
  StampRun run;
  run.target = text_to_cstring(PG_GETARG_TEXT_PP(0));
  run.purge = !PG_ARGISNULL(1) && PG_GETARG_BOOL(1);
  MemoryContext caller = CurrentMemoryContext;

  SPI_connect();
  lg_run_guarded("lg_stamp()", stamp_body, &run);
  MemoryContextSwitchTo(caller);
  Datum result = lg_text_array(run.rows, run.nrows);
  SPI_finish();
  PG_RETURN_DATUM(result);
}

/* lg_merge(parents text[], message text DEFAULT NULL, id text DEFAULT NULL) RETURNS text */
LG_FUNCTION(lg_merge) {
  if (PG_ARGISNULL(0))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("parents must not be null"),
                    errhint("Give the heads to merge, e.g. ARRAY['a1', 'b1'].")));
  char **parents;
  int nparents = lg_text_array_items(PG_GETARG_DATUM(0), &parents);
  for (int i = 0; i < nparents; i++)
    if (parents[i] == NULL)
      ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                      errmsg("parents of a merge must not contain a null")));
  char *message = PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1));
  char *id = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
  MemoryContext caller = CurrentMemoryContext;

  SPI_connect();
  lg_run_lock_xact();
  LgRegistry *reg = lg_registry_load(false);
  LgCoreError err;
  if (!lg_check_merge(reg->graph, parents, nparents, &err)) lg_raise_core_error(&err);

  Oid types[4] = {TEXTARRAYOID, TEXTOID, TEXTOID, TEXTOID};
  Datum values[4] = {lg_text_array(parents, nparents), message ? CStringGetTextDatum(message) : 0,
                     id ? CStringGetTextDatum(id) : 0, lg_caller_role()};
  char nulls[5] = "    ";
  nulls[1] = message ? ' ' : 'n';
  nulls[2] = id ? ' ' : 'n';
  /* Without an id: a deterministic one from the parents, like Alembic's
   * 12 hex digits but reproducible. */
  lg_spi_exec("SELECT COALESCE($3, pg_catalog.substr(pg_catalog.encode(pg_catalog.sha256("
              "pg_catalog.convert_to(pg_catalog.array_to_string($1, ','), 'UTF8')), 'hex'), 1, 12))",
              3, types, values, nulls, false);
  char *new_id = lg_spi_text(0, 1);
  if (!lg_core_check_id(new_id, &err)) lg_raise_core_error(&err);
  if (lg_graph_find(reg->graph, new_id) >= 0)
    ereport(ERROR, (errcode(ERRCODE_DUPLICATE_OBJECT),
                    errmsg("revision \"%s\" already exists", new_id),
                    errhint("Give the merge another id.")));
  values[2] = CStringGetTextDatum(new_id);
  nulls[2] = ' ';
  lg_spi_exec("WITH r AS (INSERT INTO lg.revision (id, parents, message, registered_by) "
              "VALUES ($3, $1, $2, $4) RETURNING id) "
              "INSERT INTO lg.script (revision, up_sql, down_sql, checksum) "
              "SELECT r.id, '', '', '' FROM r",
              4, types, values, nulls, false);
  MemoryContextSwitchTo(caller);
  text *result = cstring_to_text(new_id);
  SPI_finish();
  PG_RETURN_TEXT_P(result);
}
