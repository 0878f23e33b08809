/*
 * catalog_watch.h: which objects a piece of SQL created, altered or
 * dropped, as PostgreSQL reports them to its object access hook.
 *
 * The hook sees every DDL statement wherever it comes from: a plain
 * statement, EXECUTE format(...) in a DO block, a function that runs DDL.
 * It costs nothing when no watch is recording, and a watch costs only the
 * objects touched, never a scan of the catalog.
 */
#pragma once

#include "pg/pg_headers.h"

/*
 * A unit: a top-level object, the thing catalog_describe.h describes and
 * compares.  Sub-objects report their unit: a column, default, constraint,
 * index, trigger, policy, rule or statistics object its relation; a
 * domain's constraint or an enum's label its type; a relation's row type
 * and an array type their relation or element type.
 */
typedef enum LgUnitKind {
  LG_UNIT_RELATION = 'r', /* table, view, materialized view, sequence, foreign table */
  LG_UNIT_TYPE = 't',     /* enum, domain, composite, range, base type */
  LG_UNIT_ROUTINE = 'f',  /* every overload of schema.name */
  LG_UNIT_SCHEMA = 'n',
  LG_UNIT_EXTENSION = 'e'
} LgUnitKind;

typedef struct LgUnit {
  char kind;    /* LgUnitKind */
  char *schema; /* NULL for a schema or an extension */
  char *name;
} LgUnit;

/* Distinct units, in the order first seen. */
typedef struct LgUnitSet {
  int n;
  int cap;
  LgUnit *units;
  void *index; /* lg_unit_set_add's hash of what is in (NULL until the first add) */
} LgUnitSet;

typedef struct LgWatch LgWatch;

/*
 * Starts recording into a watch allocated in the current memory context.
 * Recording stops at lg_watch_stop, or when that context is reset or
 * deleted (an error unwinding the caller), so a watch never outlives its
 * caller.  One watch records at a time: starting a second one while one
 * records fails (XX000).
 */
LgWatch *lg_watch_start(void);
void lg_watch_stop(LgWatch *w);

/*
 * The units touched since the watch started (or was last cleared), as
 * names.  An object is named when it is dropped (while it still exists)
 * and again here, in the current state, for what was created or altered
 * and still exists; a renamed object therefore appears under both names.
 * Objects of lg's own schema, of pg_catalog, information_schema, pg_toast
 * and temporary schemas are left out.  May be called while recording.
 * The set is allocated in the current memory context.
 */
LgUnitSet *lg_watch_units(LgWatch *w);

/*
 * Records what a statement lg ran changed that the object access hook does
 * not report: ALTER TABLE ... ATTACH / DETACH PARTITION changes both the
 * partitioned table and the partition without an event.  Called after the
 * statement ran (parsetree: its raw tree); nothing when no watch records.
 */
void lg_watch_note_statement(Node *parsetree);

/* Forgets what was recorded so far (the watch goes on recording). */
void lg_watch_clear(LgWatch *w);

/* Installs the hook (from _PG_init), before any other extension's that
 * loads later and chains to it. */
void lg_watch_init(void);

/*
 * Adds (kind, schema, name) to set unless present (copies nothing: the
 * strings are kept) and returns its position.  The set's hash index is
 * made in the memory context current at the first add.
 */
int lg_unit_set_add(LgUnitSet *set, char kind, char *schema, char *name);

/* The position of (kind, schema, name) in set, or -1 (a hash lookup). */
int lg_unit_set_find(const LgUnitSet *set, char kind, const char *schema, const char *name);

/* "table public.orders" style label of a unit, palloc'd. */
char *lg_unit_label(const LgUnit *u);
