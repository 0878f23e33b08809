/*
 * check_guess.h: the units (catalog_watch.h) a revision's SQL names, read
 * from its parse trees before it runs, for lg_check's short path.
 *
 * lg_check compares the objects a revision touched after its down with
 * what they were before its up; which objects those are is known only
 * after running them (the catalog watch).  When the parse trees already
 * name every one, their description before the up can be taken first, and
 * the up that follows the check need not run a third time.  The guess is
 * only ever used when the watch confirms it (every unit touched was
 * guessed): a wrong or short guess costs the long path, never a wrong
 * result.
 */
#pragma once

#include "pg/catalog_describe.h"
#include "pg/catalog_watch.h"
#include "pg/pg_headers.h"

/*
 * Adds to set the units the statements of sql name, resolved against the
 * catalog as it is now (an unqualified name that does not exist yet goes
 * to the first schema of search_path, where it would be created).  Returns
 * false when sql holds a statement this cannot read (DO blocks, DML,
 * CREATE EXTENSION, renames, settings, ...), or a DROP ... CASCADE: then
 * the long path runs.
 */
bool lg_guess_units(const char *sql, LgUnitSet *set);

/* Whether every unit of sub is in set. */
bool lg_unit_set_covers(const LgUnitSet *set, const LgUnitSet *sub);

/* The parts of parts (described from described) whose unit is in units,
 * in the same order. */
LgPartSet *lg_parts_of_units(const LgPartSet *parts, const LgUnitSet *described,
                             const LgUnitSet *units);

/*
 * The description of the units of units that exist now (catalog_describe.h),
 * without the catalog query when none does (a revision that creates its
 * objects: none exists before its up nor after its down).  Existence is
 * read from the system caches; an extension always counts as existing.
 * *described gets the set the parts' unit fields index.
 */
LgPartSet *lg_describe_existing(const LgUnitSet *units, LgUnitSet **described);
