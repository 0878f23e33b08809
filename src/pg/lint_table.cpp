/*
 * lint_table.cpp: every rule of lg_lint() with its usual severity, the
 * squawk or strong_migrations rule it matches, and its reason (README,
 * "Lint", has the same table).
 */
#include "pg/pg_headers.h"

#include "pg/lint_rules.h"

#define I LG_SEV_INFO
#define W LG_SEV_WARNING
#define E LG_SEV_ERROR

static const LgLintRule rules[] = {
    {"lock", I, "squawk locks.md",
     "the lock the statement takes on a relation that exists, whether it rewrites or scans it, "
     "and its size"},
    {"table_rewrite", W, "squawk prefer-repack",
     "rewrites a table with rows under ACCESS EXCLUSIVE: reads and writes wait for the copy"},
    {"adding_field_with_default", W,
     "squawk adding-field-with-default; strong_migrations volatile default",
     "a volatile default (or identity, serial, stored generated column) rewrites the table"},
    {"adding_foreign_key_constraint", W,
     "squawk adding-foreign-key-constraint; strong_migrations add_foreign_key",
     "a foreign key without NOT VALID scans the table under SHARE ROW EXCLUSIVE on both tables"},
    {"constraint_missing_not_valid", W,
     "squawk constraint-missing-not-valid; strong_migrations add_check_constraint",
     "a CHECK without NOT VALID (or validated in the transaction that added it) scans the table "
     "under ACCESS EXCLUSIVE"},
    {"adding_not_nullable_field", W,
     "squawk adding-not-nullable-field; strong_migrations change_column_null",
     "SET NOT NULL scans the table under ACCESS EXCLUSIVE unless a valid CHECK (col IS NOT NULL) exists"},
    {"adding_required_field", E, "squawk adding-required-field",
     "a NOT NULL column without a default fails on a table with rows"},
    {"adding_serial_primary_key_field", W,
     "squawk adding-serial-primary-key-field; strong_migrations add_column auto_increment",
     "a serial or identity column added to a table rewrites it (and a primary key builds an index "
     "under ACCESS EXCLUSIVE)"},
    {"adding_stored_generated_field", W, "strong_migrations add_column stored generated",
     "a stored generated column added to a table rewrites it"},
    {"adding_primary_key_constraint", W, "squawk adding-primary-key-constraint",
     "ADD PRIMARY KEY without USING INDEX builds the index under ACCESS EXCLUSIVE"},
    {"disallowed_unique_constraint", W,
     "squawk disallowed-unique-constraint; strong_migrations add_unique_constraint",
     "ADD UNIQUE without USING INDEX builds the index under ACCESS EXCLUSIVE"},
    {"adding_exclusion_constraint", W, "strong_migrations add_exclusion_constraint",
     "an exclusion constraint builds its index and checks every row under ACCESS EXCLUSIVE"},
    {"changing_column_type", W, "squawk changing-column-type; strong_migrations change_column",
     "a type change that is not binary coercible rewrites the table and its indexes"},
    {"renaming_column", W, "squawk renaming-column; strong_migrations rename_column",
     "code still running against the old name fails"},
    {"renaming_table", W, "squawk renaming-table; strong_migrations rename_table",
     "code still running against the old name fails"},
    {"renaming_schema", W, "strong_migrations rename_schema",
     "code still running against the old name fails"},
    {"renaming_enum_value", W, "strong_migrations rename_enum_value",
     "code still writing the old label fails"},
    {"ban_drop_column", W, "squawk ban-drop-column; strong_migrations remove_column",
     "the column's data is lost, and code still selecting it fails"},
    {"ban_drop_table", W, "squawk ban-drop-table",
     "the table's rows are lost, and code still using it fails"},
    {"ban_drop_database", E, "squawk ban-drop-database", "a whole database is lost"},
    {"ban_drop_not_null", W, "squawk ban-drop-not-null",
     "code that reads the column may not expect NULL"},
    {"ban_truncate_cascade", E, "squawk ban-truncate-cascade",
     "CASCADE also empties every table with a foreign key to it, recursively"},
    {"ban_create_domain_with_constraint", W, "squawk ban-create-domain-with-constraint",
     "a domain's constraint cannot be changed without checking every column of that type "
     "under lock"},
    {"ban_alter_domain_with_add_constraint", W, "squawk ban-alter-domain-with-add-constraint",
     "checks every column of the domain's type, locking their tables"},
    {"require_concurrent_index_creation", W,
     "squawk require-concurrent-index-creation; strong_migrations add_index",
     "CREATE INDEX without CONCURRENTLY blocks writes to the table while it builds"},
    {"require_concurrent_index_deletion", W,
     "squawk require-concurrent-index-deletion; strong_migrations remove_index",
     "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table"},
    {"require_concurrent_reindex", W, "squawk require-concurrent-reindex",
     "REINDEX without CONCURRENTLY blocks writes (and reads through the index)"},
    {"require_concurrent_partition_detach", W, "squawk require-concurrent-partition-detach",
     "DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the parent"},
    {"prefer_repack", W, "squawk prefer-repack",
     "VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE"},
    {"ban_char_field", W, "squawk ban-char-field",
     "char(n) pads with spaces and compares oddly; text or varchar does not"},
    {"prefer_text_field", I, "squawk prefer-text-field",
     "changing varchar(n)'s length later takes ACCESS EXCLUSIVE; text with a CHECK does not"},
    {"prefer_bigint_over_int", I,
     "squawk prefer-bigint-over-int; strong_migrations bigint primary keys",
     "an int key can run out (2^31); changing it later rewrites the table"},
    {"prefer_bigint_over_smallint", I, "squawk prefer-bigint-over-smallint",
     "a smallint can run out (2^15); changing it later rewrites the table"},
    {"prefer_identity", I, "squawk prefer-identity",
     "serial's sequence has its own owner and grants; an identity column does not"},
    {"prefer_timestamptz", I, "squawk prefer-timestamptz",
     "timestamp without time zone loses the offset; comparisons depend on the session"},
    {"prefer_jsonb", I, "strong_migrations add_column json",
     "json has no equality operator: DISTINCT, UNION and GROUP BY on it fail"},
    {"index_too_many_columns", I, "strong_migrations best practice",
     "a non-unique index on more than three columns is seldom used beyond its first ones"},
    {"prefer_robust_stmts", W, "squawk prefer-robust-stmts",
     "CALL lg_apply(target, 'down') reverts a partly applied non-transactional revision with its "
     "whole down SQL: a DROP without IF EXISTS fails on what the up never made"},
    {"transaction_nesting", I, "squawk transaction-nesting; ban-uncommitted-transaction",
     "a COMMIT in revision SQL ends the revision's transaction part way: what ran before stays "
     "if a later statement fails"},
    {"require_timeout_settings", W,
     "squawk require-timeout-settings; strong_migrations lock timeout",
     "without lock_timeout a statement waiting for its lock blocks every query queued behind it"},
    {"require_enum_value_ordering", I, "squawk require-enum-value-ordering",
     "ADD VALUE without BEFORE or AFTER appends the label last in the enum's order"},
    {"identifier_too_long", W, "squawk identifier-too-long",
     "PostgreSQL truncates names longer than 63 bytes: the object gets another name"},
    {"ban_duplicate_column_assignments", E, "squawk ban-duplicate-column-assignments",
     "a column assigned or declared twice fails"},
    {"backfilling_data", W, "strong_migrations backfilling data",
     "an UPDATE or DELETE of every row of a table with rows in the same transaction as a schema "
     "change holds its locks for the whole backfill"},
    {"not_linted", W, "lg",
     "a catalog lookup of the statement raised an error: its other rules were not checked"},
    {"enum_value_used_in_same_run", E, "lg",
     "a label added by ALTER TYPE ... ADD VALUE cannot be used before that transaction commits"},
    {"object_dropped_earlier", E, "lg",
     "an earlier revision of the same plan drops the object: the statement fails"},
    {"drop_with_dependents", E, "lg",
     "other objects depend on it: without CASCADE the DROP fails, with it they go too"},
};

#undef I
#undef W
#undef E

const LgLintRule *lg_lint_rule(const char *name) {
  for (size_t i = 0; i < lengthof(rules); i++)
    if (strcmp(rules[i].name, name) == 0) return &rules[i];
  elog(ERROR, "lg: unknown lint rule \"%s\"", name);
  return NULL;
}

const LgLintRule *lg_lint_rules(int *n) {
  *n = (int) lengthof(rules);
  return rules;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
