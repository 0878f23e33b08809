/* text_array.h: text[] datums to and from C strings. */
#pragma once

#include "pg/pg_headers.h"

/* A text[] datum of n C strings (a NULL item is a NULL element), built in
 * the current memory context. */
Datum lg_text_array(char **items, int n);

/* The elements of a text[] as palloc'd C strings; NULL elements become NULL. */
int lg_text_array_items(Datum array, char ***items);
