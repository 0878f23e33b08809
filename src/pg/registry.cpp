/*
 * registry.cpp: the registry as the core needs it.  Rows come back in
 * registration order (ord), so graph indexes are registration order and
 * every tie-break downstream is deterministic.
 */
#include "pg/registry.h"

#include "pg/errors.h"
#include "pg/spi_util.h"

static void free_graph(void *p) { lg_graph_free((LgGraph *) p); }

int lg_registry_rows(char ***rows, bool read_only) {
  uint64 n = lg_spi_exec("SELECT revision FROM lg.version ORDER BY revision COLLATE pg_catalog.\"C\"",
                         0, NULL, NULL, NULL, read_only);
  *rows = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  for (uint64 i = 0; i < n; i++) (*rows)[i] = lg_spi_text(i, 1);
  return (int) n;
}

LgRegistry *lg_registry_load(bool read_only) {
  LgRegistry *reg = (LgRegistry *) palloc0(sizeof(LgRegistry));
  uint64 n = lg_spi_exec(
      "SELECT id, parents, depends_on, branch_labels, message FROM lg.revision ORDER BY ord",
      0, NULL, NULL, NULL, read_only);
  if (n > (uint64) INT_MAX / 2)
    ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("too many registered revisions: %llu", (unsigned long long) n)));

  SPITupleTable *tt = SPI_tuptable;
  LgRevisionIn *revs = (LgRevisionIn *) palloc0(sizeof(LgRevisionIn) * (n > 0 ? n : 1));
  reg->nrevs = (int) n;
  reg->ids = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  reg->messages = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  for (uint64 i = 0; i < n; i++) {
    bool isnull;
    HeapTuple tup = tt->vals[i];
    reg->ids[i] = TextDatumGetCString(SPI_getbinval(tup, tt->tupdesc, 1, &isnull));
    revs[i].id = reg->ids[i];
    revs[i].nparents = lg_text_array_items(SPI_getbinval(tup, tt->tupdesc, 2, &isnull),
                                           (char ***) &revs[i].parents);
    revs[i].ndepends_on = lg_text_array_items(SPI_getbinval(tup, tt->tupdesc, 3, &isnull),
                                              (char ***) &revs[i].depends_on);
    revs[i].nbranch_labels = lg_text_array_items(SPI_getbinval(tup, tt->tupdesc, 4, &isnull),
                                                 (char ***) &revs[i].branch_labels);
    Datum msg = SPI_getbinval(tup, tt->tupdesc, 5, &isnull);
    reg->messages[i] = isnull ? NULL : TextDatumGetCString(msg);
    CHECK_FOR_INTERRUPTS();
  }

  reg->nrows = lg_registry_rows(&reg->rows, read_only);

  LgCoreError err;
  void **slot = lg_owned_slot(free_graph);
  reg->graph = lg_graph_build(revs, reg->nrevs, &err);
  *slot = reg->graph;
  if (reg->graph == NULL) lg_raise_core_error(&err);
  return reg;
}
