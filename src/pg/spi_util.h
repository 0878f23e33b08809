/* spi_util.h: small SPI and array helpers shared by the boundary files. */
#pragma once

#include "pg/pg_headers.h"

/*
 * Runs one of lg's own statements with its values as parameters, from a
 * plan prepared once per backend (sql must be a string literal: its address
 * is the key); ereports with the SPI result's name when the
 * statement fails to run.  Returns SPI_processed, in the memory context
 * that was current before the call.
 */
uint64 lg_spi_exec(const char *sql, int nargs, Oid *types, Datum *values,
                   const char *nulls, bool read_only);

/*
 * lg_spi_exec for a statement that runs many times in a call (once per
 * step): its plan is always the generic one.  Left to choose, the plan
 * cache can find every custom plan cheaper than the generic one and plan
 * the statement again at every execution.  A given sql is always run
 * through the same one of the two.
 */
uint64 lg_spi_exec_generic(const char *sql, int nargs, Oid *types, Datum *values,
                           const char *nulls, bool read_only);

/*
 * Opens a cursor over one of lg's own statements (no parameters; sql a
 * string literal, as for lg_spi_exec), for results too large to hold at
 * once.  lg_spi_fetch fetches the next count rows into SPI_tuptable and
 * returns how many; both come back in the caller's memory context.
 */
Portal lg_spi_cursor(const char *sql, bool read_only);
uint64 lg_spi_fetch(Portal portal, long count);

/* A text[] datum of n C strings, built in the current memory context. */
Datum lg_text_array(char **items, int n);

/* The elements of a text[] as palloc'd C strings; NULL elements become NULL. */
int lg_text_array_items(Datum array, char ***items);

/* Column col (1-based) of row of SPI_tuptable as a palloc'd C string, or NULL. */
char *lg_spi_text(uint64 row, int col);

/*
 * A slot whose pointer is passed to free_fn when the current memory context
 * is reset or deleted, including at error, so a core object cannot leak on
 * ereport.  Take the slot first, then store the object in it right away:
 * nothing that can ereport may run between creating the object and storing it.
 */
void **lg_owned_slot(void (*free_fn)(void *));
