/*
 * lint_unordered.cpp: the unordered_conflict pass of lg_lint() (lint.h).
 * A stub until that pass is written: it reports nothing.
 */
#include "pg/pg_headers.h"

#include "pg/lint.h"

void lg_lint_unordered(const LgRegistry *reg, const LgPlan *plan, LgLintOut *out) {}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
