/*
 * fn_views.cpp: the shape of the revision graph: lg_heads(), lg_bases(),
 * lg_branches().  Read-only, with the caller's snapshot.
 */
#include "pg/pg_headers.h"

#include "pg/registry.h"
#include "pg/spi_util.h"
#include "pg/srf.h"
#include "pg/text_array.h"

/* The branch labels of a revision as a text[] datum. */
static Datum labels_of(const LgRegistry *reg, int index) {
  int n = lg_graph_nlabels(reg->graph, index);
  char **labels = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) labels[i] = (char *) lg_graph_label(reg->graph, index, i);
  return lg_text_array(labels, n);
}

/* One row of lg_heads() (with_effective) or lg_bases(): id, [effective,]
 * labels, applied, message. */
static void put_revision(LgSrf *srf, int index, bool with_effective) {
  const LgRegistry *reg = srf->reg;
  Datum values[5];
  bool nulls[5] = {false, false, false, false, false};
  int n = 0;
  values[n++] = CStringGetTextDatum(reg->ids[index]);
  if (with_effective) values[n++] = BoolGetDatum(!lg_graph_is_real_head(reg->graph, index));
  values[n++] = labels_of(reg, index);
  values[n++] = BoolGetDatum(srf->applied[index] != 0);
  values[n] = lg_registry_message(reg, index, &nulls[n]);
  lg_srf_put(srf, values, nulls);
}

/* lg_heads(): every head; effective = something depends on it (docs/SEMANTICS.md). */
LG_FUNCTION(lg_heads) {
  LgSrf srf;
  lg_srf_begin_read(fcinfo, &srf, true);
  const LgGraph *graph = srf.reg->graph;
  for (int h = 0; h < lg_graph_nheads(graph); h++)
    put_revision(&srf, lg_graph_head(graph, h), true);
  return lg_srf_end(&srf);
}

/* lg_bases(): every revision without parents. */
LG_FUNCTION(lg_bases) {
  LgSrf srf;
  lg_srf_begin_read(fcinfo, &srf, true);
  for (int index = 0; index < srf.reg->nrevs; index++)
    if (lg_graph_nparents(srf.reg->graph, index) == 0) put_revision(&srf, index, false);
  return lg_srf_end(&srf);
}

/* lg_branches(): branch points (with their children) and labelled revisions. */
LG_FUNCTION(lg_branches) {
  LgSrf srf;
  lg_srf_begin_read(fcinfo, &srf, false);
  LgRegistry *reg = srf.reg;
  for (int index = 0; index < reg->nrevs; index++) {
    int nchildren = lg_graph_nchildren(reg->graph, index);
    int nlabels = lg_graph_nlabels(reg->graph, index);
    if (nchildren < 2 && nlabels == 0) continue;
    char **children = (char **) palloc(sizeof(char *) * (nchildren > 0 ? nchildren : 1));
    for (int i = 0; i < nchildren; i++)
      children[i] = reg->ids[lg_graph_child(reg->graph, index, i)];
    bool nulls[4] = {false, false, false, false};
    Datum values[4] = {CStringGetTextDatum(reg->ids[index]), BoolGetDatum(nchildren >= 2),
                       lg_text_array(children, nchildren), labels_of(reg, index)};
    lg_srf_put(&srf, values, nulls);
  }
  return lg_srf_end(&srf);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
