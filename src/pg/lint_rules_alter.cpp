/* lint_rules_alter.cpp: rules of lg_lint() (lint_rules.h). */
#include "pg/pg_headers.h"

#include "pg/lint_rules.h"

void lg_lint_alter_table(LgLintStmt *s, AlterTableStmt *stmt) {}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
