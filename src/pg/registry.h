/* registry.h: reading lg.revision and lg.version into a core graph. */
#pragma once

#include "bridge/core_bridge.h"
#include "pg/pg_headers.h"

typedef struct LgRegistry {
  LgGraph *graph; /* freed with the memory context that loaded it */
  int nrevs;      /* graph index i = i-th revision in registration order */
  char **ids;
  char **messages; /* NULL where a revision has no message */
  /* lg.revision.transactional: 1 where the revision runs inside one
   * transaction, 0 where it needs CALL lg_apply() outside a transaction
   * block (statements.h, lg_stmt_needs_nontransactional) */
  unsigned char *transactional;
  char **rows; /* lg.version, sorted */
  int nrows;
  Oid relid;        /* lg.revision's OID and the registry generation: */
  int64 generation; /* together they name this registry's content */
  int step_order;   /* lg.settings step_order: 0 alembic, 1 registration */
} LgRegistry;

/*
 * Loads the whole registry and the version rows through SPI (the caller is
 * connected) and validates it as a graph; ereports if the registry or the
 * rows are invalid.  Allocations live in the current memory context.
 * read_only = false takes a fresh snapshot (needed after waiting for the
 * run lock, to see what the previous holder committed).
 */
LgRegistry *lg_registry_load(bool read_only);

/* Loads only the version rows (sorted) into *rows; returns their count. */
int lg_registry_rows(char ***rows, bool read_only);

/* Marks (*applied)[i] for every revision the rows imply applied (palloc'd,
 * one byte per revision); returns how many.  ereports an unknown row. */
int lg_registry_applied(const LgRegistry *reg, unsigned char **applied);

/* Whether the version rows imply revision applied; loads the registry only
 * when there are rows. */
bool lg_is_applied(const char *revision);

/* The position of id among reg->rows, -1 when it is not a version row: a
 * binary search (the rows are sorted in "C" collation, strcmp's order). */
int lg_registry_row_index(const LgRegistry *reg, const char *id);

/* A revision's message as a text datum; *isnull when it has none. */
Datum lg_registry_message(const LgRegistry *reg, int index, bool *isnull);

/* Forgets this backend's cached registry (lg.revision changed here). */
void lg_registry_forget(void);
