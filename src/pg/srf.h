/* srf.h: materialized set-returning functions, portable over 13..17. */
#pragma once

#include "pg/pg_headers.h"

/*
 * Sets fcinfo up to return a materialized set and returns the tuplestore
 * (in per-query memory) and its descriptor.  The same as PostgreSQL 15's
 * SetSingleFuncCall / 16's InitMaterializedSRF, which 13 and 14 lack.
 */
Tuplestorestate *lg_srf_materialize(FunctionCallInfo fcinfo, TupleDesc *tupdesc);

#include "pg/registry.h"

/* A read-only set-returning function over the registry, set up by
 * lg_srf_begin_read() and ended by lg_srf_end(). */
typedef struct LgSrf {
  Tuplestorestate *store;
  TupleDesc tupdesc;
  LgRegistry *reg;        /* loaded with the caller's snapshot */
  unsigned char *applied; /* per revision, when asked for; NULL otherwise */
  int napplied;
} LgSrf;

/*
 * The start of every read-only set-returning function: materialize mode,
 * SPI_connect, the registry loaded read-only and, with with_applied, what
 * the version rows imply applied (which also validates the rows).
 */
void lg_srf_begin_read(FunctionCallInfo fcinfo, LgSrf *srf, bool with_applied);
/* Adds one row. */
void lg_srf_put(LgSrf *srf, Datum *values, bool *nulls);
/* SPI_finish; returns what the function returns. */
Datum lg_srf_end(LgSrf *srf);
