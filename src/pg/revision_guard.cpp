/*
 * revision_guard.cpp: lg.applied_graph_is_kept(), a BEFORE UPDATE row
 * trigger on lg.revision (its WHEN clause: id, parents, depends_on or
 * branch_labels changed).  The version rows stand on the graph of the
 * applied revisions: the graph of an applied revision cannot change,
 * whoever writes the row.  lg_revision() refuses such a change first, with
 * the columns that differ; this catches every other writer.
 */
#include "pg/pg_headers.h"

#include "pg/registry.h"

LG_FUNCTION(lg_applied_graph_is_kept) {
  if (!CALLED_AS_TRIGGER(fcinfo))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("lg.applied_graph_is_kept() must be called as a trigger")));
  TriggerData *td = (TriggerData *) fcinfo->context;
  if (!TRIGGER_FIRED_BEFORE(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
      !TRIGGER_FIRED_BY_UPDATE(td->tg_event))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("lg.applied_graph_is_kept() must be a BEFORE UPDATE row trigger")));
  TupleDesc desc = RelationGetDescr(td->tg_relation);
  int id_col = SPI_fnumber(desc, "id");
  if (id_col <= 0 || TupleDescAttr(desc, id_col - 1)->atttypid != TEXTOID)
    ereport(ERROR, (errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("column lg.revision.id must exist and be of type text")));
  bool isnull;
  Datum id = heap_getattr(td->tg_trigtuple, id_col, desc, &isnull);
  if (isnull) return PointerGetDatum(td->tg_newtuple);
  char *revision = TextDatumGetCString(id);
  SPI_connect();
  bool applied = lg_is_applied(revision);
  SPI_finish();
  if (applied)
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("revision \"%s\" is applied: its id, parents, depends_on and "
                           "branch_labels cannot change",
                           revision),
                    errdetail("The version rows and the revisions applied above it stand on "
                              "its place in the graph."),
                    errhint("Downgrade below \"%s\" first, or register the change as a new "
                            "revision.",
                            revision)));
  return PointerGetDatum(td->tg_newtuple);
}
