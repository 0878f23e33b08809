/* owned_slot.h: core objects owned by a memory context (DESIGN.md rule 3). */
#pragma once

#include "pg/pg_headers.h"

/*
 * A slot whose pointer is passed to free_fn when the current memory context
 * is reset or deleted, including at error, so a core object cannot leak on
 * ereport.  Take the slot first, then store the object in it right away:
 * nothing that can ereport may run between creating the object and storing it.
 */
void **lg_owned_slot(void (*free_fn)(void *));
