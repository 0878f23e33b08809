/*
 * catalog_describe.h: a catalog fingerprint of units (catalog_watch.h),
 * as lines that can be compared, stored and shown.
 *
 * A unit is described by its parts: a relation by one line for itself
 * (kind, persistence, options, partitioning) and one per column (type,
 * collation, NOT NULL, default, identity, generated expression), per
 * constraint, index, trigger, policy and rule, plus a view's query and a
 * sequence's parameters; a type by its definition (an enum's labels in
 * order, a domain's base type, default and constraints, a composite's
 * attributes); a routine by pg_get_functiondef of each overload; a schema
 * and an extension by their existence (and an extension's version).
 * Definitions come from PostgreSQL's own deparsers (pg_get_*def,
 * format_type, pg_get_expr) under search_path = pg_catalog, so every name
 * in them is schema-qualified and a unit created again under the same
 * names has the same description, whatever its OIDs.  Column order, OIDs,
 * statistics, comments and privileges are not part of it.
 */
#pragma once

#include "pg/catalog_watch.h"
#include "pg/pg_headers.h"

typedef struct LgPart {
  char *object_type; /* "table", "view", "sequence", "column", "constraint", "index", "trigger",
                        "policy", "rule", "type", "function", "schema", "extension", ... */
  char *object_name; /* qualified, e.g. public.orders.total (quote_identifier on each part) */
  char *definition;  /* compared byte for byte */
  int unit;          /* index of its unit in the LgUnitSet described */
} LgPart;

/* Sorted by (object_type, object_name); names are unique. */
typedef struct LgPartSet {
  int n;
  LgPart *parts;
} LgPartSet;

/* qsort order of parts: (object_type, object_name), bytewise. */
int lg_part_cmp(const void *a, const void *b);

/*
 * Describes the units that exist now (a unit that does not exist has no
 * parts), with one catalog query as the extension owner.  SPI must be
 * connected.  Allocated in the current memory context.
 */
LgPartSet *lg_describe_units(const LgUnitSet *units);

/* One difference between two descriptions. */
typedef struct LgPartChange {
  const LgPart *before; /* NULL: the part was added */
  const LgPart *after;  /* NULL: the part was removed */
} LgPartChange;

/* The differences of after against before, in (object_type, object_name) order. */
int lg_diff_parts(const LgPartSet *before, const LgPartSet *after, LgPartChange **out);

/* "added", "removed" or "changed". */
const char *lg_part_change_kind(const LgPartChange *c);

/* One line for a change: "column public.t.c: integer -> bigint", palloc'd. */
char *lg_part_change_text(const LgPartChange *c);
