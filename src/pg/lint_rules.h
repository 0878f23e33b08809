/*
 * lint_rules.h: the inside of lg_lint() (fn_lint.cpp): the result being
 * built, the table of rules, the facts a plan gathers as its statements are
 * read in step order (lint_plan.cpp), and the statement rules
 * (lint_rules_*.cpp), which read the raw parse tree and the live catalog
 * and never run anything.
 */
#pragma once

#include "pg/lint.h"
#include "pg/statements.h"

/* One silencing comment: rules allowed for one statement of a revision. */
typedef struct LgLintAllow {
  const char *revision;
  int statement;
  char *rules; /* the names, each followed by one space: " a b " */
} LgLintAllow;

/* A finding kept for the result, with the step it sorts by. */
typedef struct LgLintRow {
  LgFinding f;
  int step; /* the revision's step in the plan; INT_MAX when not in it */
  int seq;  /* order of arrival, last sort key */
} LgLintRow;

struct LgLintOut {
  MemoryContext cxt; /* where rows and allow lists live (the call's) */
  LgLintRow *rows;
  int nrows, cap;
  LgLintAllow *allows;
  int nallows, allows_cap;
  const char **step_ids; /* revision ids sorted, with their step */
  int *step_of;
  int nsteps;
};

/* lint_allow.cpp: notes the "-- lg:allow a, b" comments above statement
 * (1-based) of revision; whether they silence rule. */
void lg_lint_allow_note(LgLintOut *out, const char *revision, int statement,
                        const LgStatement *stmt);
bool lg_lint_allowed(const LgLintOut *out, const char *revision, int statement, const char *rule);

/* ---- the rules (lint_table.cpp) ---- */

typedef struct LgLintRule {
  const char *name;
  LgSeverity severity; /* the usual one; some rules lower or raise it per case */
  const char *source;  /* the squawk / strong_migrations rule it matches, or "lg" */
  const char *reason;
} LgLintRule;

/* The rule named name (it must exist: a typo is a bug, elog). */
const LgLintRule *lg_lint_rule(const char *name);
/* Every rule, for lg_lint's documentation test. */
const LgLintRule *lg_lint_rules(int *n);

/* ---- the plan's facts (lint_plan.cpp) ---- */

typedef struct LgLintPlan LgLintPlan;

/* One statement being linted. */
typedef struct LgLintStmt {
  LgLintOut *out;
  LgLintPlan *plan;
  const char *revision;
  int step;           /* 0-based step of the plan */
  int statement;      /* 1-based */
  bool transactional; /* the revision runs in one transaction */
  const LgStatement *stmt;
  bool locked_existing; /* set by rules: it locks a relation that exists now */
} LgLintStmt;

/* A relation named in a statement, resolved against the plan and the catalog. */
typedef struct LgLintRel {
  char *schema; /* where it is, or where an unqualified CREATE would put it */
  char *name;
  char *display;          /* quoted, qualified, inert: for relation and detail */
  Oid oid;                /* InvalidOid when it does not exist now */
  bool is_new;            /* created earlier in this plan */
  const char *dropped_by; /* revision of the plan that dropped it, or NULL */
} LgLintRel;

LgLintPlan *lg_lint_plan_new(bool uses_apply);
/* Resolves rv (as a relation) into *rel. */
void lg_lint_rel(LgLintStmt *s, const RangeVar *rv, LgLintRel *rel);
/* A non-relation object: kind is 't' (type), 'f' (routine), 'n' (schema). */
bool lg_lint_obj_is_new(LgLintStmt *s, char kind, const char *schema, const char *name);
const char *lg_lint_obj_dropped_by(LgLintStmt *s, char kind, const char *schema, const char *name);
void lg_lint_note_created(LgLintStmt *s, char kind, const char *schema, const char *name);
void lg_lint_note_dropped(LgLintStmt *s, char kind, const char *schema, const char *name);
/* The schema an unqualified CREATE puts an object in (first of the path). */
const char *lg_lint_creation_schema(void);
/* Whether the plan must run through CALL lg_apply (a non-transactional revision). */
bool lg_lint_plan_uses_apply(LgLintPlan *p);
/* Enum labels added by ALTER TYPE ... ADD VALUE in the plan. */
void lg_lint_note_enum_label(LgLintStmt *s, const char *type_display, const char *label);
/* The revision and type that added label, if it was added in an earlier step. */
bool lg_lint_enum_label_added(LgLintStmt *s, const char *label, const char **revision,
                              const char **type_display);
/* A noted fact with a string attached (kind 'k': a valid CHECK (col IS NOT
 * NULL) on schema.table, extra the column; 'v': a NOT VALID constraint
 * schema.table.constraint added by the revision). */
void lg_lint_note_extra(LgLintStmt *s, char kind, const char *schema, const char *name,
                        const char *extra);
/* The extra noted (or "" when none), NULL when nothing is noted; *revision
 * (may be NULL) gets the revision that noted it. */
const char *lg_lint_noted_extra(LgLintStmt *s, char kind, const char *schema, const char *name,
                                const char **revision);
bool lg_lint_plan_has_drops(LgLintPlan *p);
/* The revision of s sets lock_timeout itself. */
void lg_lint_note_timeout(LgLintStmt *s);
/* Whether require_timeout_settings is still to report for the revision of s
 * (it did not set lock_timeout and was not reported); marks it reported. */
bool lg_lint_timeout_needs_report(LgLintStmt *s);
/* Whether the plan added any enum label so far. */
bool lg_lint_plan_has_enum_labels(LgLintPlan *p);

/* Size of an existing relation: bytes of its main fork, pages and
 * reltuples (-1: never analyzed) from pg_class. */
typedef struct LgLintSize {
  int64 bytes;
  int32 pages;
  float4 tuples;
  char relkind; /* of pg_class; '\0' when the relation is gone */
} LgLintSize;
void lg_lint_size(Oid relid, LgLintSize *size);
/* Whether it holds rows as far as the catalog tells: pages on disk and
 * reltuples not 0. */
bool lg_lint_has_rows(const LgLintSize *size);
/* "8192 bytes (1 page), about 3 rows" */
char *lg_lint_size_text(const LgLintSize *size);

/* ---- emitting ---- */

/* Adds a finding of rule for the statement s, with its severity from the
 * table unless sev >= 0; detail is printf-formatted. */
void lg_lint_emit(LgLintStmt *s, const char *rule, int sev, const char *lock, const char *relation,
                  const char *fmt, ...) pg_attribute_printf(6, 7);

/* The row of rule "lock": lock mode on rel, what it does to the table, and
 * its size; only for a relation that exists now and is not new in the
 * plan.  Returns whether the table holds rows (for the caller's rules). */
bool lg_lint_lock(LgLintStmt *s, const LgLintRel *rel, const char *lock, const char *action,
                  const char *effect);

/* The lock row for rv (and object_dropped_earlier) of a statement with
 * no rule of its own. */
void lg_lint_simple_lock(LgLintStmt *s, RangeVar *rv, const char *lock, const char *action,
                         const char *effect);

/* ---- the statement rules ---- */

/* "ACCESS EXCLUSIVE" for AccessExclusiveLock etc. */
const char *lg_lint_lock_name(int mode);

/* Every rule for one statement (lint_rules.cpp dispatches on the node). */
void lg_lint_statement(LgLintStmt *s);
void lg_lint_alter_table(LgLintStmt *s, AlterTableStmt *stmt); /* lint_rules_alter.cpp */
void lg_lint_create_table(LgLintStmt *s, CreateStmt *stmt);    /* lint_rules_create.cpp */
void lg_lint_column_style(LgLintStmt *s, const char *table, ColumnDef *col, bool pk);
void lg_lint_index(LgLintStmt *s, IndexStmt *stmt);       /* lint_rules_create.cpp */
void lg_lint_drop(LgLintStmt *s, DropStmt *stmt);         /* lint_rules_drop.cpp */
void lg_lint_truncate(LgLintStmt *s, TruncateStmt *stmt); /* lint_rules_drop.cpp */
void lg_lint_rename(LgLintStmt *s, RenameStmt *stmt);     /* lint_rules_drop.cpp */
/* Dependents of an object (pg_depend), for DROP: one line naming up to 10. */
char *lg_lint_dependents(Oid classid, Oid objid, int32 subid, int *count);
void lg_lint_plan_rules(LgLintStmt *s);
/* prefer_robust_stmts over the down SQL of a non-transactional revision
 * (statement 0: the revision as a whole). */
void lg_lint_down_sql(LgLintOut *out, const char *revision,
                      const char *down); /* lint_rules_plan.cpp */
/* Everything else: views, types, domains, schemas, VACUUM, REINDEX, ... */
void lg_lint_other(LgLintStmt *s, Node *n); /* lint_rules_other.cpp */
