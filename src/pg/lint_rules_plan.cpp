/*
 * lint_rules_plan.cpp: rules that look at a statement against what the
 * plan did before it: a lock taken without lock_timeout, an enum label
 * used in the run that added it, a relation an earlier revision dropped,
 * and names the scanner truncates.
 */
#include "pg/pg_headers.h"

extern "C" {
#include "nodes/nodeFuncs.h"
#include "parser/scanner.h"
#include "storage/proc.h"
#include "utils/guc.h"
}

#include "pg/lint_rules.h"
#include "pg/script_text.h"

/* Whether a run of lg waits for locks without a bound: lg.lock_timeout
 * (what runs set) and the session's lock_timeout are both 0. */
static bool lock_wait_unbounded(void) {
  const char *v = GetConfigOption("lg.lock_timeout", true, false);
  if (v != NULL && strcmp(v, "0") != 0) return false;
  return LockTimeout == 0;
}

/* The raw length of the identifier at text[loc] (quoted or not). */
static int raw_ident_len(const char *text, int loc) {
  const char *p = text + loc;
  if (*p == '"') {
    int len = 0;
    for (p++; *p; p++) {
      if (*p == '"') {
        if (p[1] != '"') break;
        p++;
      }
      len++;
    }
    return len;
  }
  int len = 0;
  while (p[len] != '\0' && (isalnum((unsigned char) p[len]) || p[len] == '_' || p[len] == '$' ||
                            (unsigned char) p[len] >= 0x80))
    len++;
  return len;
}

/* Tokens of the statement: identifiers longer than NAMEDATALEN - 1
 * bytes, and string literals equal to a label an earlier step added. */
static void scan_tokens(LgLintStmt *s, bool labels) {
  const char *text = s->stmt->text;
  core_yy_extra_type extra;
  core_YYSTYPE yylval;
  YYLTYPE loc;
  core_yyscan_t scanner = scanner_init(text, &extra, &ScanKeywords, ScanKeywordTokens);
  for (;;) {
    int tok = core_yylex(&yylval, &loc, scanner);
    if (tok == 0) break;
    if (tok == IDENT) {
      int len = raw_ident_len(text, loc);
      if (len >= NAMEDATALEN)
        lg_lint_emit(s, "identifier_too_long", -1, NULL, NULL,
                     "the name %s... is %d bytes: PostgreSQL truncates it to %d",
                     lg_inert_text(quote_identifier(yylval.str), false), len, NAMEDATALEN - 1);
    } else if (tok == SCONST && labels) {
      const char *revision, *type;
      if (lg_lint_enum_label_added(s, yylval.str, &revision, &type))
        lg_lint_emit(s, "enum_value_used_in_same_run", -1, NULL, type,
                     "label %s of %s is added by revision %s in this run: lg_migrate() runs the "
                     "plan in one transaction, and a new label cannot be used before its "
                     "transaction commits; CALL lg_apply() commits after each revision",
                     lg_inert_text(quote_literal_cstr(yylval.str), false), type, revision);
    }
  }
  scanner_finish(scanner);
}

static bool dropped_walker(Node *node, void *context) {
  if (node == NULL) return false;
  if (IsA(node, RangeVar)) {
    LgLintStmt *s = (LgLintStmt *) context;
    LgLintRel rel;
    lg_lint_rel(s, (RangeVar *) node, &rel);
    if (rel.dropped_by != NULL)
      lg_lint_emit(s, "object_dropped_earlier", -1, NULL, rel.display,
                   "%s is read here but dropped by revision %s earlier in this plan", rel.display,
                   rel.dropped_by);
    return false;
  }
  return raw_expression_tree_walker(node, LG_WALKER(dropped_walker), context);
}

/* The relations a statement reads (not its target: the statement's own
 * rule looks at that). */
static void read_relations(LgLintStmt *s, Node *n) {
  switch (nodeTag(n)) {
    case T_SelectStmt:
      dropped_walker(n, s);
      break;
    case T_InsertStmt:
      dropped_walker(((InsertStmt *) n)->selectStmt, s);
      break;
    case T_UpdateStmt:
      dropped_walker((Node *) ((UpdateStmt *) n)->fromClause, s);
      dropped_walker(((UpdateStmt *) n)->whereClause, s);
      break;
    case T_DeleteStmt:
      dropped_walker((Node *) ((DeleteStmt *) n)->usingClause, s);
      dropped_walker(((DeleteStmt *) n)->whereClause, s);
      break;
    case T_ViewStmt:
      dropped_walker(((ViewStmt *) n)->query, s);
      break;
    case T_CreateTableAsStmt:
      dropped_walker(((CreateTableAsStmt *) n)->query, s);
      break;
    default:
      break;
  }
}

/* The name a statement of down SQL makes (CREATE, RENAME TO), or NULL. */
static const char *made_name(Node *n) {
  switch (nodeTag(n)) {
    case T_CreateStmt:
      return ((CreateStmt *) n)->relation->relname;
    case T_ViewStmt:
      return ((ViewStmt *) n)->view->relname;
    case T_IndexStmt:
      return ((IndexStmt *) n)->idxname;
    case T_CreateEnumStmt:
      return strVal(llast(((CreateEnumStmt *) n)->typeName));
    case T_CreateDomainStmt:
      return strVal(llast(((CreateDomainStmt *) n)->domainname));
    case T_CreateFunctionStmt:
      return strVal(llast(((CreateFunctionStmt *) n)->funcname));
    case T_RenameStmt:
      return ((RenameStmt *) n)->newname;
    default:
      return NULL;
  }
}

/* The last name of the objects a DROP names, all of them made earlier in
 * the same down SQL (made: a list of names)? */
static bool drops_only_made(DropStmt *d, List *made) {
  ListCell *lc, *m;
  foreach (lc, d->objects) {
    Node *o = (Node *) lfirst(lc);
    const char *name = NULL;
    if (IsA(o, List))
      name = strVal(llast((List *) o));
    else if (IsA(o, TypeName))
      name = strVal(llast(((TypeName *) o)->names));
    else if (IsA(o, ObjectWithArgs))
      name = strVal(llast(((ObjectWithArgs *) o)->objname));
    else if (IsA(o, String))
      name = strVal(o);
    bool found = false;
    if (name != NULL)
      foreach (m, made)
        if (strcmp((const char *) lfirst(m), name) == 0) found = true;
    if (!found) return false;
  }
  return true;
}

/* Whether a statement of down SQL fails when what it removes is not there. */
static const char *fragile_drop(Node *n, List *made) {
  if (IsA(n, DropStmt) && !((DropStmt *) n)->missing_ok && !drops_only_made((DropStmt *) n, made))
    return "DROP without IF EXISTS";
  if (IsA(n, AlterTableStmt)) {
    ListCell *lc;
    foreach (lc, ((AlterTableStmt *) n)->cmds) {
      AlterTableCmd *c = (AlterTableCmd *) lfirst(lc);
      if ((c->subtype == AT_DropColumn || c->subtype == AT_DropConstraint) && !c->missing_ok)
        return c->subtype == AT_DropColumn ? "DROP COLUMN without IF EXISTS"
                                           : "DROP CONSTRAINT without IF EXISTS";
    }
  }
  return NULL;
}

void lg_lint_down_sql(LgLintOut *out, const char *revision, const char *down) {
  LgStatement *stmts;
  int n = lg_split_statements(down, &stmts, true);
  List *made = NIL;
  for (int k = 0; k < n; k++) {
    CHECK_FOR_INTERRUPTS();
    Node *node = stmts[k].parsetree;
    if (IsA(node, RawStmt)) node = ((RawStmt *) node)->stmt;
    const char *name = made_name(node);
    if (name != NULL) made = lappend(made, (void *) name);
    const char *what = fragile_drop(node, made);
    if (what == NULL) continue;
    char *detail = psprintf(
        "down SQL statement %d: %s; a revert of this revision left partly applied runs the "
        "whole down SQL, and fails on what the up did not make yet",
        k + 1, what);
    LgFinding f = {revision, 0, "prefer_robust_stmts", LG_SEV_WARNING, NULL, NULL, detail};
    lg_lint_add(out, &f);
  }
}

void lg_lint_plan_rules(LgLintStmt *s) {
  Node *n = s->stmt->parsetree;
  if (IsA(n, RawStmt)) n = ((RawStmt *) n)->stmt;
  if (s->locked_existing && lock_wait_unbounded() && lg_lint_timeout_needs_report(s))
    lg_lint_emit(s, "require_timeout_settings", -1, NULL, NULL,
                 "lg.lock_timeout and lock_timeout are 0: a statement waiting for its lock "
                 "blocks every query queued behind it; SET lock_timeout in the revision, or "
                 "keep lg.lock_timeout above 0");
  if (lg_lint_plan_has_drops(s->plan)) read_relations(s, n);
  scan_tokens(s, lg_lint_plan_has_enum_labels(s->plan) && s->transactional &&
                     !lg_lint_plan_uses_apply(s->plan));
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
