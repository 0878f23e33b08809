/* index_cleanup.cpp: an interrupted CREATE INDEX CONCURRENTLY (index_cleanup.h). */
#include "pg/index_cleanup.h"

#include "pg/journal.h"
#include "pg/progress.h"
#include "pg/top_level.h"

/* The index a CREATE INDEX CONCURRENTLY names, if it exists on its table
 * (resolved with the caller's search_path, as the statement would be). */
static Oid named_index(IndexStmt *stmt, bool *valid) {
  if (!stmt->concurrent || stmt->idxname == NULL) return InvalidOid;
  Oid rel = RangeVarGetRelid(stmt->relation, NoLock, true);
  if (!OidIsValid(rel)) return InvalidOid;
  Oid index = get_relname_relid(stmt->idxname, get_rel_namespace(rel));
  if (!OidIsValid(index)) return InvalidOid;
  HeapTuple tuple = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(index));
  if (!HeapTupleIsValid(tuple)) return InvalidOid; /* a relation of that name, not an index */
  Form_pg_index form = (Form_pg_index) GETSTRUCT(tuple);
  bool ours = form->indrelid == rel;
  *valid = form->indisvalid;
  ReleaseSysCache(tuple);
  return ours ? index : InvalidOid;
}

bool lg_index_cleanup(const LgStatement *stmt, const char *revision, const char *direction,
                      int statement) {
  if (!IsA(stmt->parsetree, IndexStmt)) return false;
  bool valid = false;
  IndexStmt *index_stmt = (IndexStmt *) stmt->parsetree;
  Oid index = named_index(index_stmt, &valid);
  if (!OidIsValid(index)) return false;
  const char *name =
      quote_qualified_identifier(get_namespace_name(get_rel_namespace(index)), index_stmt->idxname);
  if (valid) {
    lg_journal_outcome(revision, direction, "cleanup", statement, NULL, NULL,
                       psprintf("index %s exists and is valid: the interrupted CREATE INDEX "
                                "CONCURRENTLY had completed, so it is not run again",
                                name));
    return true;
  }
  lg_run_top_level(psprintf("DROP INDEX CONCURRENTLY %s", name));
  lg_journal_outcome(revision, direction, "cleanup", statement, NULL, NULL,
                     psprintf("dropped the INVALID index %s that an interrupted CREATE INDEX "
                              "CONCURRENTLY left, before running it again",
                              name));
  return false;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
