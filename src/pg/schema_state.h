/*
 * schema_state.h: what lg's runs left in the catalog (lg.schema_state),
 * and how the live catalog drifted from it (lg_schema_drift()).
 *
 * A run watches the catalog (catalog_watch.h) while its steps run, notes
 * after each step which units the step touched, and saves: the
 * description of those units (catalog_describe.h) replaces their rows of
 * lg.schema_state, so the table holds, for every unit any run touched, the
 * unit as the last run touching it left it.  Statements run top level by
 * lg's worker are not seen by this backend's watch: the relations their
 * parse trees name are noted instead.
 */
#pragma once

#include "pg/catalog_watch.h"
#include "pg/pg_headers.h"
#include "pg/statements.h"

typedef struct LgSchemaRecord {
  MemoryContext cxt;       /* the watch */
  MemoryContext units_cxt; /* what was noted since the last save */
  LgWatch *watch;
  LgUnitSet units;
  const char **revision; /* per unit: the step that touched it last */
  const char **direction;
  int cap;
  LgUnitSet pending; /* noted from parse trees, until the next lg_schema_record_note */
} LgSchemaRecord;

/* Starts watching; everything lives in a child of the current memory
 * context (for CALL lg_apply(), the SPI procedure context, which outlives
 * the commits). */
void lg_schema_record_begin(LgSchemaRecord *r);

/* The units the step (revision, direction) touched since the last note. */
void lg_schema_record_note(LgSchemaRecord *r, const char *revision, const char *direction);

/* The relations a top-level statement names (CREATE INDEX CONCURRENTLY,
 * DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH PARTITION
 * CONCURRENTLY), resolved as the caller before it runs. */
void lg_schema_record_statement(LgSchemaRecord *r, Node *parsetree);

/* Replaces the rows of the units noted with their description now (SPI
 * connected; in the transaction that records the steps), and forgets them. */
void lg_schema_record_save(LgSchemaRecord *r);

/* Stops watching and frees what was noted. */
void lg_schema_record_end(LgSchemaRecord *r);

/*
 * lg_script_step() (an lg_sql() script's statements ran in psql, outside
 * any watch): the units the statement's parse tree names, an unqualified
 * name in every schema of the caller's search_path (a unit that does not
 * exist there is described as nothing, which drops its rows).  DDL run
 * through EXECUTE in a DO block or a function is not seen this way.
 */
void lg_schema_statement_units(Node *parsetree, LgUnitSet *units);

/* Replaces the rows of the units named with their description now,
 * attributed to the step (SPI connected). */
void lg_schema_record_units(LgUnitSet *named, const char *revision, const char *direction);

/* Both, for the statements of a step of an lg_sql() script. */
void lg_schema_record_statements(const LgStatement *stmts, int n, const char *revision,
                                 const char *direction);

/* How many parts lg_schema_drift() lists now (SPI connected); cached per
 * backend until the catalog or lg.log changes (last_log_id). */
int lg_schema_drift_count(int64 last_log_id);

/*
 * The same for lg_status(), which must not queue behind a migration: the
 * deparsers take ACCESS SHARE locks (a view's on the tables it reads), so
 * the count is taken in a subtransaction with lock_timeout at
 * LG_STATUS_LOCK_WAIT_MS; false (and lg_status().schema_drift NULL) when a
 * lock was not granted in that time.
 */
#define LG_STATUS_LOCK_WAIT_MS "50"
bool lg_schema_drift_count_nowait(int64 last_log_id, int *n);
