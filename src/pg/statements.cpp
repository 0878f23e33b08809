/*
 * statements.cpp: splitting revision SQL with PostgreSQL's own raw parser
 * and recognising what cannot run inside a transaction block or a function.
 */
#include "pg/statements.h"

#include "pg/stmt_context.h"


int lg_split_statements(const char *sql, LgStatement **out) {
  List *parsed = LG_RAW_PARSE(sql);
  int n = list_length(parsed);
  *out = (LgStatement *) palloc0(sizeof(LgStatement) * (n > 0 ? n : 1));
  int i = 0;
  ListCell *lc;
  foreach (lc, parsed) {
    RawStmt *rs = lfirst_node(RawStmt, lc);
    int start = rs->stmt_location < 0 ? 0 : rs->stmt_location;
    /* stmt_len 0 means "the rest of the string". */
    int len = rs->stmt_len > 0 ? rs->stmt_len : (int) strlen(sql + start);
    /* The location includes what followed the previous ';'. */
    while (len > 0 && isspace((unsigned char) sql[start])) start++, len--;
    (*out)[i].text = pnstrdup(sql + start, len);
    (*out)[i].parsetree = rs->stmt;
    i++;
  }
  return n;
}

/* REINDEX ... CONCURRENTLY: an option list from PostgreSQL 14, a flag before. */
static bool reindex_is_concurrent(ReindexStmt *stmt) {
#if PG_VERSION_NUM >= 140000
  ListCell *lc;
  foreach (lc, stmt->params) {
    DefElem *opt = (DefElem *) lfirst(lc);
    if (strcmp(opt->defname, "concurrently") == 0) return defGetBoolean(opt);
  }
  return false;
#else
  return stmt->concurrent;
#endif
}

static const char *nontransactional_reason(Node *parsetree) {
  switch (nodeTag(parsetree)) {
    case T_TransactionStmt:
      return "transaction control statements cannot run inside a revision; lg runs each revision in its own subtransaction";
    case T_VacuumStmt:
      if (((VacuumStmt *) parsetree)->is_vacuumcmd)
        return "VACUUM cannot run inside a transaction block";
      return NULL;
    case T_IndexStmt:
      if (((IndexStmt *) parsetree)->concurrent)
        return "CREATE INDEX CONCURRENTLY cannot run inside a transaction block";
      return NULL;
    case T_ReindexStmt:
      if (reindex_is_concurrent((ReindexStmt *) parsetree))
        return "REINDEX CONCURRENTLY cannot run inside a transaction block";
      return NULL;
    case T_DropStmt:
      if (((DropStmt *) parsetree)->concurrent)
        return "DROP INDEX CONCURRENTLY cannot run inside a transaction block";
      return NULL;
    case T_CreatedbStmt:
      return "CREATE DATABASE cannot run inside a transaction block";
    case T_DropdbStmt:
      return "DROP DATABASE cannot run inside a transaction block";
    case T_AlterSystemStmt:
      return "ALTER SYSTEM cannot run inside a transaction block";
    case T_CreateTableSpaceStmt:
      return "CREATE TABLESPACE cannot run inside a transaction block";
    case T_DropTableSpaceStmt:
      return "DROP TABLESPACE cannot run inside a transaction block";
    case T_CopyStmt: {
      CopyStmt *copy = (CopyStmt *) parsetree;
      if (copy->filename == NULL && !copy->is_program)
        return "COPY FROM STDIN and COPY TO STDOUT need a client connection, which a revision does not have";
      return NULL;
    }
    default:
      return NULL;
  }
}

void lg_check_transactional(const LgStatement *stmt) {
  const char *why = nontransactional_reason(stmt->parsetree);
  if (why == NULL) return;
  bool copy = IsA(stmt->parsetree, CopyStmt);
  ereport(ERROR,
          (errcode(ERRCODE_ACTIVE_SQL_TRANSACTION), errmsg("%s", why),
           errdetail("lg runs every revision inside the caller's transaction, through SPI."),
           copy ? errhint("Load the data with INSERT ... VALUES or INSERT ... SELECT instead.")
                : errhint("Run this statement outside lg, after the migration has committed.")));
}

void lg_check_revision_sql(const char *revision, const char *which, const char *sql) {
  LgStmtContext ctx;
  lg_stmt_context_push(&ctx, revision, which, sql);
  LgStatement *stmts;
  int n = lg_split_statements(sql, &stmts);
  for (int i = 0; i < n; i++) {
    ctx.statement = i + 1;
    ctx.text = stmts[i].text;
    lg_check_transactional(&stmts[i]);
  }
  lg_stmt_context_pop(&ctx);
}
