/*
 * fn_merge.cpp: lg_merge(parents, message, id) registers an empty revision
 * whose parents are the given heads.
 */
#include "pg/pg_headers.h"

#include "pg/errors.h"
#include "pg/owner.h"
#include "pg/registry.h"
#include "pg/run_lock.h"
#include "pg/spi_util.h"
#include "pg/text_array.h"

/* lg_merge(parents text[], message text DEFAULT NULL, id text DEFAULT NULL) RETURNS text */
LG_FUNCTION(lg_merge) {
  if (PG_ARGISNULL(0))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("parents must not be null"),
                    errhint("Give the heads to merge, e.g. ARRAY['a1', 'b1'].")));
  char **parents;
  int nparents = lg_text_array_items(PG_GETARG_DATUM(0), &parents);
  for (int i = 0; i < nparents; i++) {
    CHECK_FOR_INTERRUPTS();
    if (parents[i] == NULL)
      ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                      errmsg("parents of a merge must not contain a null")));
  }
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
  lg_spi_exec(
      "SELECT COALESCE($3, pg_catalog.substr(pg_catalog.encode(pg_catalog.sha256("
      "pg_catalog.convert_to(pg_catalog.array_to_string($1, ','), 'UTF8')), 'hex'), 1, 12))",
      3, types, values, nulls, false);
  char *new_id = lg_spi_text(0, 1);
  if (!lg_core_check_id(new_id, &err)) lg_raise_core_error(&err);
  if (lg_graph_find(reg->graph, new_id) >= 0)
    ereport(ERROR,
            (errcode(ERRCODE_DUPLICATE_OBJECT), errmsg("revision \"%s\" already exists", new_id),
             errhint("Give the merge another id.")));
  values[2] = CStringGetTextDatum(new_id);
  nulls[2] = ' ';
  lg_spi_exec(
      "WITH r AS (INSERT INTO lg.revision (id, parents, message, registered_by) "
      "VALUES ($3, $1, $2, $4) RETURNING id) "
      "INSERT INTO lg.script (revision, up_sql, down_sql, checksum) "
      "SELECT r.id, '', '', '' FROM r",
      4, types, values, nulls, false);
  return lg_spi_finish_text(caller, new_id, -1);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
