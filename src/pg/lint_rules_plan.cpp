/* lint_rules_plan.cpp: rules of lg_lint() (lint_rules.h). */
#include "pg/pg_headers.h"

#include "pg/lint_rules.h"

void lg_lint_plan_rules(LgLintStmt *s) {}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
