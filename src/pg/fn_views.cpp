/*
 * fn_views.cpp: the shape of the revision graph: lg_heads(), lg_bases(),
 * lg_branches().  Read-only, with the caller's snapshot.
 */
#include "pg/pg_headers.h"

#include "pg/registry.h"
#include "pg/spi_util.h"
#include "pg/srf.h"

/* The branch labels of a revision as a text[] datum. */
static Datum labels_of(const LgRegistry *reg, int index) {
  int n = lg_graph_nlabels(reg->graph, index);
  char **labels = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) labels[i] = (char *) lg_graph_label(reg->graph, index, i);
  return lg_text_array(labels, n);
}

static Datum message_of(const LgRegistry *reg, int index, bool *isnull) {
  *isnull = reg->messages[index] == NULL;
  return *isnull ? (Datum) 0 : CStringGetTextDatum(reg->messages[index]);
}

/* lg_heads(): every head; effective = something depends on it (docs/SEMANTICS.md). */
LG_FUNCTION(lg_heads) {
  TupleDesc tupdesc;
  Tuplestorestate *store = lg_srf_materialize(fcinfo, &tupdesc);
  SPI_connect();
  LgRegistry *reg = lg_registry_load(true);
  unsigned char *applied;
  lg_registry_applied(reg, &applied);
  int nheads = lg_graph_nheads(reg->graph);
  for (int h = 0; h < nheads; h++) {
    int index = lg_graph_head(reg->graph, h);
    bool nulls[5] = {false, false, false, false, false};
    Datum values[5] = {CStringGetTextDatum(reg->ids[index]),
                       BoolGetDatum(!lg_graph_is_real_head(reg->graph, index)),
                       labels_of(reg, index), BoolGetDatum(applied[index] != 0),
                       message_of(reg, index, &nulls[4])};
    tuplestore_putvalues(store, tupdesc, values, nulls);
  }
  SPI_finish();
  return (Datum) 0;
}

/* lg_bases(): every revision without parents. */
LG_FUNCTION(lg_bases) {
  TupleDesc tupdesc;
  Tuplestorestate *store = lg_srf_materialize(fcinfo, &tupdesc);
  SPI_connect();
  LgRegistry *reg = lg_registry_load(true);
  unsigned char *applied;
  lg_registry_applied(reg, &applied);
  for (int index = 0; index < reg->nrevs; index++) {
    if (lg_graph_nparents(reg->graph, index) > 0) continue;
    bool nulls[4] = {false, false, false, false};
    Datum values[4] = {CStringGetTextDatum(reg->ids[index]), labels_of(reg, index),
                       BoolGetDatum(applied[index] != 0), message_of(reg, index, &nulls[3])};
    tuplestore_putvalues(store, tupdesc, values, nulls);
  }
  SPI_finish();
  return (Datum) 0;
}

/* lg_branches(): branch points (with their children) and labelled revisions. */
LG_FUNCTION(lg_branches) {
  TupleDesc tupdesc;
  Tuplestorestate *store = lg_srf_materialize(fcinfo, &tupdesc);
  SPI_connect();
  LgRegistry *reg = lg_registry_load(true);
  for (int index = 0; index < reg->nrevs; index++) {
    int nchildren = lg_graph_nchildren(reg->graph, index);
    int nlabels = lg_graph_nlabels(reg->graph, index);
    if (nchildren < 2 && nlabels == 0) continue;
    char **children = (char **) palloc(sizeof(char *) * (nchildren > 0 ? nchildren : 1));
    for (int i = 0; i < nchildren; i++) children[i] = reg->ids[lg_graph_child(reg->graph, index, i)];
    bool nulls[4] = {false, false, false, false};
    Datum values[4] = {CStringGetTextDatum(reg->ids[index]), BoolGetDatum(nchildren >= 2),
                       lg_text_array(children, nchildren), labels_of(reg, index)};
    tuplestore_putvalues(store, tupdesc, values, nulls);
  }
  SPI_finish();
  return (Datum) 0;
}
