/* srf.h: materialized set-returning functions, portable over 13..17. */
#pragma once

#include "pg/pg_headers.h"

/*
 * Sets fcinfo up to return a materialized set and returns the tuplestore
 * (in per-query memory) and its descriptor.  The same as PostgreSQL 15's
 * SetSingleFuncCall / 16's InitMaterializedSRF, which 13 and 14 lack.
 */
Tuplestorestate *lg_srf_materialize(FunctionCallInfo fcinfo, TupleDesc *tupdesc);
