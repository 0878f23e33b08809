/*
 * lint.h: findings of lg_lint(), gathered from several passes over one
 * plan: the statement rules (parse tree plus live catalog), and the
 * unordered_conflict pass (which runs revisions in a subtransaction that
 * is rolled back).
 */
#pragma once

#include "bridge/core_bridge.h"
#include "pg/pg_headers.h"
#include "pg/registry.h"

typedef enum LgSeverity { LG_SEV_INFO = 0, LG_SEV_WARNING, LG_SEV_ERROR } LgSeverity;

/* One row of lg_lint(); strings are copied by lg_lint_add. */
typedef struct LgFinding {
  const char *revision;
  int statement; /* 1-based statement of the revision's up SQL; 0: the revision as a whole */
  const char *rule;
  LgSeverity severity;
  const char *lock;     /* e.g. "ACCESS EXCLUSIVE", or NULL */
  const char *relation; /* qualified, or NULL */
  const char *detail;
} LgFinding;

typedef struct LgLintOut LgLintOut; /* the result being built (fn_lint.cpp) */

/* Appends one finding (unless its statement silences the rule: lint_allow). */
void lg_lint_add(LgLintOut *out, const LgFinding *f);

/*
 * The unordered_conflict pass: for every two revisions of plan with no
 * ancestry between them that both change, or one changes and the other
 * depends on, the same relation, type or routine, one finding per pair
 * (on the later of the two in step order).  SPI connected.
 */
void lg_lint_unordered(const LgRegistry *reg, const LgPlan *plan, LgLintOut *out);

/* Installs the pass's executor-permission and fmgr hooks (from _PG_init);
 * they record only while the pass runs its trial. */
void lg_lint_hooks_init(void);
