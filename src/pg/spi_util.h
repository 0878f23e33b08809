/* spi_util.h: running lg's own statements through SPI, as the extension owner. */
#pragma once

#include "pg/pg_headers.h"

/*
 * Runs one of lg's own statements with its values as parameters, from a
 * plan prepared once per backend (sql must be a string literal: its address
 * is the key); ereports with the SPI result's name when the
 * statement fails to run.  Returns SPI_processed, in the memory context
 * that was current before the call.
 */
uint64 lg_spi_exec(const char *sql, int nargs, Oid *types, Datum *values, const char *nulls,
                   bool read_only);

/*
 * lg_spi_exec for a statement that runs many times in a call (once per
 * step): its plan is always the generic one.  Left to choose, the plan
 * cache can find every custom plan cheaper than the generic one and plan
 * the statement again at every execution.  A given sql is always run
 * through the same one of the two.
 */
uint64 lg_spi_exec_generic(const char *sql, int nargs, Oid *types, Datum *values, const char *nulls,
                           bool read_only);

/*
 * Opens a cursor over one of lg's own statements (no parameters; sql a
 * string literal, as for lg_spi_exec), for results too large to hold at
 * once.  lg_spi_fetch fetches the next count rows into SPI_tuptable and
 * returns how many; both come back in the caller's memory context.
 */
Portal lg_spi_cursor(const char *sql, bool read_only);
uint64 lg_spi_fetch(Portal portal, long count);

/* Column col (1-based) of row of SPI_tuptable as a palloc'd C string, or NULL. */
char *lg_spi_text(uint64 row, int col);

/* The end of a function that returns text from inside SPI: copies len
 * bytes of s (all of it when len < 0) into the caller's memory context,
 * disconnects SPI and returns the text datum. */
Datum lg_spi_finish_text(MemoryContext caller, const char *s, int len);
