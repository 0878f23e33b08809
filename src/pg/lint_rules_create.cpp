/* lint_rules_create.cpp: rules of lg_lint() (lint_rules.h). */
#include "pg/pg_headers.h"

#include "pg/lint_rules.h"

void lg_lint_create_table(LgLintStmt *s, CreateStmt *stmt) {}
void lg_lint_column_style(LgLintStmt *s, const char *table, ColumnDef *col, bool pk) {}
void lg_lint_index(LgLintStmt *s, IndexStmt *stmt) {}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
