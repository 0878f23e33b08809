/* lint_rules_drop.cpp: rules of lg_lint() (lint_rules.h). */
#include "pg/pg_headers.h"

#include "pg/lint_rules.h"

void lg_lint_drop(LgLintStmt *s, DropStmt *stmt) {}
void lg_lint_truncate(LgLintStmt *s, TruncateStmt *stmt) {}
void lg_lint_rename(LgLintStmt *s, RenameStmt *stmt) {}
char *lg_lint_dependents(Oid classid, Oid objid, int32 subid, int *count) {
  *count = 0;
  return NULL;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
