/* column_types.h: the types of the lg columns lg reads, checked. */
#pragma once

#include "pg/pg_headers.h"

/* A column lg reads: its table-qualified name and the type lg reads it as. */
typedef struct LgColumn {
  const char *name; /* "lg.revision.message"; NULL: a computed column, not checked */
  Oid type;
} LgColumn;

/*
 * Checks that the result in SPI_tuptable has at least n columns and that
 * column i has type cols[i].type, before lg reads any value by its binary
 * form: a superuser's ALTER TABLE lg.revision ALTER COLUMN message TYPE int
 * would otherwise make lg read an integer as text and crash the backend.
 * A mismatch is ERRCODE_DATATYPE_MISMATCH naming the column, both types and
 * how to put it back.
 */
void lg_expect_columns(const LgColumn *cols, int n);

/* ereports ERRCODE_NOT_NULL_VIOLATION: column (of revision id, when not
 * NULL) is null where lg requires a value (a NOT NULL dropped by hand). */
void lg_column_is_null(const char *column, const char *id) __attribute__((noreturn));
