/*
 * statements.cpp: splitting revision SQL with PostgreSQL's own raw parser,
 * under one lexing rule (standard_conforming_strings on, backslash_quote
 * safe_encoding), and recognising what cannot run inside a transaction
 * block or a function.
 */
#include "pg/statements.h"

#include "pg/script_text.h"
#include "pg/stmt_context.h"

/* ---- the lexing rule ---- */

static void set_guc(const char *name, const char *value, GucContext context) {
  (void) set_config_option(name, value, context, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
}

int lg_lexer_pin(bool quiet) {
  int nest = NewGUCNestLevel();
  set_guc("standard_conforming_strings", "on", PGC_USERSET);
  set_guc("backslash_quote", "safe_encoding", PGC_USERSET);
  if (quiet) {
    /* lg's own parse: errors still raise, its notices are the parser's and
     * come again when the statement runs (log_min_messages is superuser
     * only; lg sets it here for its own parse, as a SET clause would). */
    set_guc("client_min_messages", "error", PGC_USERSET);
    set_guc("log_min_messages", "error", PGC_SUSET);
  }
  return nest;
}

void lg_lexer_unpin(int nest) { AtEOXact_GUC(true, nest); }

void lg_check_lexer_pinned(void) {
  if (standard_conforming_strings && backslash_quote == BACKSLASH_QUOTE_SAFE_ENCODING) return;
  ereport(ERROR,
          (errcode(ERRCODE_CANT_CHANGE_RUNTIME_PARAM),
           errmsg("revision SQL changed %s",
                  !standard_conforming_strings ? "standard_conforming_strings" : "backslash_quote"),
           errdetail("lg reads all revision SQL with standard_conforming_strings = on and "
                     "backslash_quote = safe_encoding, so that the statements that run are the "
                     "ones that were registered, reviewed and checksummed."),
           errhint("Write string literals for standard_conforming_strings = on (E'...' for "
                   "backslash escapes) and remove the change.")));
}

/* ---- splitting ---- */

/* Byte offset of the 1-based character position pos in sql (clamped). */
static int char_pos_to_offset(const char *sql, int len, int pos) {
  int off = 0;
  for (int c = 1; c < pos && off < len; c++) off += pg_mblen(sql + off);
  return Min(off, len);
}

/* The next token of scanner and its byte offset; 0 at the end. */
static int next_token(core_yyscan_t scanner, int *loc) {
  core_YYSTYPE val;
  YYLTYPE yyloc;
  int tok = core_yylex(&val, &yyloc, scanner);
  *loc = yyloc;
  return tok;
}

/*
 * Narrows a syntax error whose internal query is the whole revision SQL
 * (stmt_context.cpp moved it there) to the failing statement: from its
 * first token (comments before it left out) to the ';' that ends it, the
 * position moved with it.  The statement bounds come from the server's
 * scanner; a lexical error while looking stops the search where it is.
 */
static void narrow_syntax_error(ErrorData *edata, const char *sql) {
  if (edata->internalquery == NULL || edata->internalpos <= 0 ||
      strcmp(edata->internalquery, sql) != 0)
    return;
  int len = (int) strlen(sql);
  int erroff = char_pos_to_offset(sql, len, edata->internalpos);
  volatile int start = -1, end = len;
  MemoryContext cxt = CurrentMemoryContext;
  PG_TRY();
  {
    core_yy_extra_type extra;
    core_yyscan_t scanner = scanner_init(sql, &extra, &ScanKeywords, ScanKeywordTokens);
    bool need_start = true;
    int depth = 0;
    int tok, loc;
    while ((tok = next_token(scanner, &loc)) != 0) {
      if (tok == '(') depth++;
      if (tok == ')') depth--;
      if (tok == ';' && depth <= 0) {
        if (loc >= erroff) {
          end = loc;
          break;
        }
        need_start = true;
        depth = 0;
        continue;
      }
      if (need_start) {
        start = loc;
        need_start = false;
      }
    }
    if (need_start && start < 0) start = erroff;
    scanner_finish(scanner);
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(cxt);
    FlushErrorState();
  }
  PG_END_TRY();
  int s = start < 0 || start > erroff ? erroff : start;
  int e = end < erroff ? len : end;
  while (e > s && isspace((unsigned char) sql[e - 1])) e--;
  if (e < erroff) e = Min(erroff, len);
  edata->internalquery = pnstrdup(sql + s, e - s);
  edata->internalpos = pg_mbstrlen_with_len(sql + s, erroff - s) + 1;
}

int lg_split_statements(const char *sql, LgStatement **out, bool quiet) {
  int nest = lg_lexer_pin(quiet);
  List *parsed = NIL;
  MemoryContext cxt = CurrentMemoryContext;
  PG_TRY();
  { parsed = LG_RAW_PARSE(sql); }
  PG_CATCH();
  {
    MemoryContextSwitchTo(cxt);
    ErrorData *edata = CopyErrorData();
    FlushErrorState();
    narrow_syntax_error(edata, sql);
    ReThrowError(edata);
  }
  PG_END_TRY();
  int n = list_length(parsed);
  *out = (LgStatement *) palloc0(sizeof(LgStatement) * (n > 0 ? n : 1));
  int i = 0;
  int prev_end = 0; /* where the previous statement's text ended */
  ListCell *lc;
  foreach (lc, parsed) {
    RawStmt *rs = lfirst_node(RawStmt, lc);
    int loc = rs->stmt_location < 0 ? 0 : rs->stmt_location;
    /* stmt_len 0 means "the rest of the string". */
    int end = rs->stmt_len > 0 ? loc + rs->stmt_len : (int) strlen(sql);
    /* A statement's comments are what follows the previous ';': up to 17
     * the location includes them, from 18 on it starts at the first token,
     * so start from the previous statement's end on every version. */
    int start = prev_end < loc ? prev_end : loc;
    while (start < end && (isspace((unsigned char) sql[start]) || sql[start] == ';')) start++;
    int len = end - start;
    prev_end = end;
    (*out)[i].full = pnstrdup(sql + start, len);
    /* Comments before the first token change nothing the server does:
     * what runs (and what SPI's context line quotes) starts at the
     * statement itself. */
    (*out)[i].text = (char *) lg_skip_comments((*out)[i].full);
    (*out)[i].parsetree = rs->stmt;
    i++;
  }
  lg_lexer_unpin(nest);
  return n;
}

/* ---- what can run inside a revision ---- */

/*
 * PostgreSQL 15 refuses these inside a transaction block or a function
 * (every PreventInTransactionBlock call of REL_15_STABLE, where it is):
 *
 *   CREATE DATABASE, DROP DATABASE            tcop/utility.c (standard_ProcessUtility)
 *   ALTER DATABASE ... SET TABLESPACE         commands/dbcommands.c (AlterDatabase)
 *   CREATE TABLESPACE, DROP TABLESPACE        tcop/utility.c
 *   ALTER SYSTEM                              tcop/utility.c
 *   COMMIT PREPARED, ROLLBACK PREPARED        tcop/utility.c (TransactionStmt)
 *   DISCARD ALL                               commands/discard.c (DiscardCommand)
 *   VACUUM (not ANALYZE alone)                commands/vacuum.c (vacuum)
 *   CLUSTER without a table                   commands/cluster.c (cluster)
 *   CLUSTER of a partitioned table            commands/cluster.c: catalog-dependent,
 *                                             refused by the server at run time only
 *   CREATE INDEX CONCURRENTLY                 tcop/utility.c (ProcessUtilitySlow)
 *   DROP INDEX CONCURRENTLY                   tcop/utility.c (ExecDropStmt)
 *   REINDEX ... CONCURRENTLY                  commands/indexcmds.c (ExecReindex)
 *   REINDEX SCHEMA / SYSTEM / DATABASE        commands/indexcmds.c (ExecReindex)
 *   REINDEX of a partitioned table or index   commands/indexcmds.c (ReindexPartitions):
 *                                             catalog-dependent, run time only
 *   ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY
 *                                             tcop/utility.c (ProcessUtilitySlow)
 *   CREATE SUBSCRIPTION with create_slot      commands/subscriptioncmds.c
 *     (the default unless connect = false or create_slot = false)
 *   ALTER SUBSCRIPTION ... REFRESH PUBLICATION, and SET / ADD / DROP
 *     PUBLICATION with refresh (the default)  commands/subscriptioncmds.c
 *   DROP SUBSCRIPTION of a subscription with a replication slot
 *                                             commands/subscriptioncmds.c: catalog-dependent;
 *                                             lg treats every DROP SUBSCRIPTION as top-level
 *                                             (it runs there either way)
 *
 * PostgreSQL 17 and 18 add ALTER SUBSCRIPTION ... SET (failover | two_phase)
 * of a subscription with a slot (subscriptioncmds.c, CheckAlterSubOption):
 * catalog-dependent too, treated as top-level whenever one of the two is set.
 * The list above is the same in REL_18 otherwise.
 *
 * Transaction control: COMMIT / END (AND CHAIN) becomes a commit of the
 * procedure's transaction (LG_STMT_COMMIT).  SPI refuses transaction control
 * as a statement (SPI_ERROR_TRANSACTION) and COPY from or to the client
 * (SPI_ERROR_COPY); ROLLBACK, BEGIN, savepoints and two-phase commit
 * (PREPARE TRANSACTION, COMMIT / ROLLBACK PREPARED, which would end or
 * hand over someone's transaction) can never be part of a revision.  The
 * remaining catalog-dependent cases (REINDEX or CLUSTER of a partitioned
 * table) are left to the server, whose error names the statement through
 * lg's context line.
 *
 * ALTER TYPE ... ADD VALUE runs inside a transaction (PostgreSQL 12 and
 * later), but the new value cannot be used before it commits: it is
 * LG_STMT_OK with commit_after.
 */

static bool defelem_true(List *options, const char *name, bool missing) {
  ListCell *lc;
  foreach (lc, options) {
    DefElem *opt = (DefElem *) lfirst(lc);
    if (strcmp(opt->defname, name) == 0) return defGetBoolean(opt);
  }
  return missing;
}

/* REINDEX ... CONCURRENTLY: an entry of its option list. */
static bool reindex_is_concurrent(ReindexStmt *stmt) {
  return defelem_true(stmt->params, "concurrently", false);
}

static LgStmtClass classified(LgStmtKind kind, const char *what, const char *reason) {
  LgStmtClass c = {kind, false, false, what, reason};
  return c;
}

static LgStmtClass never(const char *what) {
  return classified(LG_STMT_NEVER, what,
                    psprintf("%s cannot be part of a revision: lg begins and ends the run's "
                             "transactions",
                             what));
}

/* Transaction control: COMMIT becomes a commit of the run; the rest never runs. */
static LgStmtClass classify_transaction(TransactionStmt *stmt) {
  switch (stmt->kind) {
    case TRANS_STMT_COMMIT: {
      LgStmtClass c = classified(LG_STMT_COMMIT, stmt->chain ? "COMMIT AND CHAIN" : "COMMIT",
                                 stmt->chain ? "COMMIT AND CHAIN cannot run inside one transaction"
                                             : "COMMIT cannot run inside one transaction");
      c.chain = stmt->chain;
      return c;
    }
    case TRANS_STMT_ROLLBACK:
      return never(stmt->chain ? "ROLLBACK AND CHAIN" : "ROLLBACK");
    default:
      break;
  }
  /* the others never run, under their own names */
  static const struct {
    TransactionStmtKind kind;
    const char *what;
  } names[] = {{TRANS_STMT_BEGIN, "BEGIN"},
               {TRANS_STMT_START, "START TRANSACTION"},
               {TRANS_STMT_SAVEPOINT, "SAVEPOINT"},
               {TRANS_STMT_RELEASE, "RELEASE SAVEPOINT"},
               {TRANS_STMT_ROLLBACK_TO, "ROLLBACK TO SAVEPOINT"},
               {TRANS_STMT_PREPARE, "PREPARE TRANSACTION"},
               {TRANS_STMT_COMMIT_PREPARED, "COMMIT PREPARED"},
               {TRANS_STMT_ROLLBACK_PREPARED, "ROLLBACK PREPARED"}};
  for (size_t i = 0; i < lengthof(names); i++)
    if (names[i].kind == stmt->kind) return never(names[i].what);
  return never("transaction control");
}

#define TOP_LEVEL(what) \
  classified(LG_STMT_NEEDS_TOP_LEVEL, what, what " cannot run inside a transaction block")

static bool is_lexer_setting(const char *name) {
  return name != NULL && (pg_strcasecmp(name, "standard_conforming_strings") == 0 ||
                          pg_strcasecmp(name, "backslash_quote") == 0);
}

/* Long because it is a table: one case per kind of statement that cannot
 * run inside lg's transaction, with the reason given to the user. */
LgStmtClass lg_classify_statement(Node *parsetree) {
  switch (nodeTag(parsetree)) {
    case T_TransactionStmt:
      return classify_transaction((TransactionStmt *) parsetree);
    case T_AlterEnumStmt:
      if (((AlterEnumStmt *) parsetree)->oldVal == NULL) {
        LgStmtClass c = classified(LG_STMT_OK, "ALTER TYPE ... ADD VALUE",
                                   "the value ALTER TYPE ... ADD VALUE adds cannot be used by "
                                   "the statements after it before it commits");
        c.commit_after = true;
        return c;
      }
      break;
    case T_VacuumStmt:
      if (((VacuumStmt *) parsetree)->is_vacuumcmd) return TOP_LEVEL("VACUUM");
      break;
    case T_ClusterStmt:
      if (((ClusterStmt *) parsetree)->relation == NULL) return TOP_LEVEL("CLUSTER");
      break;
    case T_IndexStmt:
      if (((IndexStmt *) parsetree)->concurrent) return TOP_LEVEL("CREATE INDEX CONCURRENTLY");
      break;
    case T_ReindexStmt: {
      ReindexStmt *stmt = (ReindexStmt *) parsetree;
      if (stmt->kind == REINDEX_OBJECT_SCHEMA) return TOP_LEVEL("REINDEX SCHEMA");
      if (stmt->kind == REINDEX_OBJECT_SYSTEM) return TOP_LEVEL("REINDEX SYSTEM");
      if (stmt->kind == REINDEX_OBJECT_DATABASE) return TOP_LEVEL("REINDEX DATABASE");
      if (reindex_is_concurrent(stmt)) return TOP_LEVEL("REINDEX CONCURRENTLY");
      break;
    }
    case T_DropStmt:
      if (((DropStmt *) parsetree)->concurrent) return TOP_LEVEL("DROP INDEX CONCURRENTLY");
      break;
    case T_AlterTableStmt: {
      ListCell *lc;
      foreach (lc, ((AlterTableStmt *) parsetree)->cmds) {
        AlterTableCmd *cmd = (AlterTableCmd *) lfirst(lc);
        if (cmd->subtype == AT_DetachPartition && cmd->def != NULL && IsA(cmd->def, PartitionCmd) &&
            ((PartitionCmd *) cmd->def)->concurrent)
          return TOP_LEVEL("ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY");
      }
      break;
    }
    case T_CreatedbStmt:
      return TOP_LEVEL("CREATE DATABASE");
    case T_DropdbStmt:
      return TOP_LEVEL("DROP DATABASE");
    case T_AlterDatabaseStmt: {
      ListCell *lc;
      foreach (lc, ((AlterDatabaseStmt *) parsetree)->options)
        if (strcmp(((DefElem *) lfirst(lc))->defname, "tablespace") == 0)
          return TOP_LEVEL("ALTER DATABASE SET TABLESPACE");
      break;
    }
    case T_AlterSystemStmt:
      return TOP_LEVEL("ALTER SYSTEM");
    case T_CreateTableSpaceStmt:
      return TOP_LEVEL("CREATE TABLESPACE");
    case T_DropTableSpaceStmt:
      return TOP_LEVEL("DROP TABLESPACE");
    case T_DiscardStmt:
      if (((DiscardStmt *) parsetree)->target == DISCARD_ALL) return TOP_LEVEL("DISCARD ALL");
      break;
    case T_CreateSubscriptionStmt: {
      List *options = ((CreateSubscriptionStmt *) parsetree)->options;
      bool connect = defelem_true(options, "connect", true);
      if (defelem_true(options, "create_slot", connect))
        return TOP_LEVEL("CREATE SUBSCRIPTION ... WITH (create_slot = true)");
      break;
    }
    case T_AlterSubscriptionStmt: {
      AlterSubscriptionStmt *stmt = (AlterSubscriptionStmt *) parsetree;
      if (stmt->kind == ALTER_SUBSCRIPTION_REFRESH)
        return TOP_LEVEL("ALTER SUBSCRIPTION ... REFRESH");
      bool publications = stmt->kind == ALTER_SUBSCRIPTION_SET_PUBLICATION;
      publications = publications || stmt->kind == ALTER_SUBSCRIPTION_ADD_PUBLICATION ||
                     stmt->kind == ALTER_SUBSCRIPTION_DROP_PUBLICATION;
      if (publications && defelem_true(stmt->options, "refresh", true))
        return TOP_LEVEL("ALTER SUBSCRIPTION with refresh");
      if (stmt->kind == ALTER_SUBSCRIPTION_OPTIONS) {
        ListCell *lc;
        foreach (lc, stmt->options) {
          const char *name = ((DefElem *) lfirst(lc))->defname;
          if (strcmp(name, "failover") == 0 || strcmp(name, "two_phase") == 0)
            return TOP_LEVEL("ALTER SUBSCRIPTION ... SET (failover, two_phase)");
        }
      }
      break;
    }
    case T_DropSubscriptionStmt:
      return TOP_LEVEL("DROP SUBSCRIPTION");
    case T_CopyStmt: {
      CopyStmt *copy = (CopyStmt *) parsetree;
      if (copy->filename == NULL && !copy->is_program)
        return classified(LG_STMT_NEVER, copy->is_from ? "COPY FROM STDIN" : "COPY TO STDOUT",
                          "COPY FROM STDIN and COPY TO STDOUT need a client connection, which a "
                          "revision does not have");
      break;
    }
    case T_VariableSetStmt: {
      VariableSetStmt *set = (VariableSetStmt *) parsetree;
      if (is_lexer_setting(set->name) || set->kind == VAR_RESET_ALL)
        return classified(LG_STMT_NEVER, "SET",
                          "revision SQL cannot change standard_conforming_strings or "
                          "backslash_quote (nor RESET ALL)");
      break;
    }
    default:
      break;
  }
  return classified(LG_STMT_OK, NULL, NULL);
}

bool lg_stmt_needs_nontransactional(const LgStatement *stmts, int n, int i, LgStmtClass *cls) {
  LgStmtClass c = lg_classify_statement(stmts[i].parsetree);
  if (cls != NULL) *cls = c;
  if (c.kind == LG_STMT_NEEDS_TOP_LEVEL || c.kind == LG_STMT_COMMIT) return true;
  return c.kind == LG_STMT_OK && c.commit_after && i + 1 < n;
}

int lg_first_nontransactional(const LgStatement *stmts, int n, LgStmtClass *cls) {
  for (int i = 0; i < n; i++) {
    if (lg_stmt_needs_nontransactional(stmts, n, i, cls)) return i;
    if ((i & 255) == 255) CHECK_FOR_INTERRUPTS();
  }
  return -1;
}

bool lg_sql_is_transactional(const char *sql) {
  LgStatement *stmts;
  int n = lg_split_statements(sql, &stmts, true);
  return lg_first_nontransactional(stmts, n, NULL) < 0;
}

/* The refusal of a statement that changes the lexing settings, or reads
 * from or writes to the client: the same wherever it is found. */
static void refuse_special(const LgStatement *stmt, const LgStmtClass *c) {
  if (IsA(stmt->parsetree, VariableSetStmt))
    ereport(ERROR,
            (errcode(ERRCODE_CANT_CHANGE_RUNTIME_PARAM), errmsg("%s", c->reason),
             errdetail("lg reads all revision SQL with standard_conforming_strings = on and "
                       "backslash_quote = safe_encoding, at registration, in checksums, in "
                       "lg_sql() and when it runs."),
             errhint("Write string literals for standard_conforming_strings = on (E'...' for "
                     "backslash escapes).")));
  if (IsA(stmt->parsetree, CopyStmt))
    ereport(ERROR, (errcode(ERRCODE_ACTIVE_SQL_TRANSACTION), errmsg("%s", c->reason),
                    errdetail("lg runs revision SQL on the server, without a client connection."),
                    errhint("Load the data with INSERT ... VALUES or INSERT ... SELECT instead.")));
}

void lg_check_runnable(const LgStatement *stmt) {
  LgStmtClass c = lg_classify_statement(stmt->parsetree);
  if (c.kind != LG_STMT_NEVER) return;
  refuse_special(stmt, &c);
  ereport(ERROR,
          (errcode(ERRCODE_ACTIVE_SQL_TRANSACTION), errmsg("%s", c.reason),
           errdetail("lg runs each revision in transactions it begins and ends itself; a "
                     "revision may only COMMIT (or COMMIT AND CHAIN) between its statements, "
                     "when CALL lg_apply() runs it."),
           errhint("Remove the statement; a failed revision is rolled back by lg.")));
}

/* Refuses a statement that cannot run inside one transaction, with the
 * detail and hint of the case (allowed, see statements.h). */
static void refuse_nontransactional(const LgStatement *stmt, const LgStmtClass *c,
                                    LgSqlAllowed allowed) {
  lg_check_runnable(stmt);
  const char *detail, *hint;
  if (allowed == LG_SQL_VERIFY) {
    detail = "Verify SQL runs inside the run's transaction, read-only.";
    hint = "Verify SQL checks the schema with plain queries; remove the statement.";
  } else if (allowed == LG_SQL_ONE_TRANSACTION) {
    detail =
        "The revision is registered with transactional => true, which asks for one "
        "transaction.";
    hint =
        "Leave transactional out: lg registers the revision as non-transactional and "
        "CALL lg_apply() runs it, outside a transaction block.";
  } else {
    detail =
        "lg_migrate(), lg_downgrade() and lg_apply() inside a transaction block run "
        "everything in one transaction.";
    hint = "Run the revision with CALL lg_apply(), outside a transaction block.";
  }
  ereport(ERROR, (errcode(ERRCODE_ACTIVE_SQL_TRANSACTION), errmsg("%s", c->reason),
                  errdetail("%s", detail), errhint("%s", hint)));
}

void lg_check_transactional(const LgStatement *stmt) {
  LgStmtClass c = lg_classify_statement(stmt->parsetree);
  if (c.kind == LG_STMT_OK) return;
  refuse_special(stmt, &c);
  refuse_nontransactional(stmt, &c, LG_SQL_ANY);
}

int lg_open_revision_sql(LgStmtContext *ctx, const char *revision, const char *which,
                         const char *sql, LgStatement **stmts) {
  lg_stmt_context_push(ctx, revision, which, sql);
  lg_check_displayable_sql(sql, "revision SQL");
  return lg_split_statements(sql, stmts, false);
}

int lg_check_revision_sql(const char *revision, const char *which, const char *sql,
                          LgSqlAllowed allowed) {
  LgStmtContext ctx;
  LgStatement *stmts;
  int n = lg_open_revision_sql(&ctx, revision, which, sql, &stmts);
  int first = 0;
  for (int i = 0; i < n; i++) {
    ctx.statement = i + 1;
    ctx.text = stmts[i].text;
    LgStmtClass c;
    lg_check_runnable(&stmts[i]);
    if (lg_stmt_needs_nontransactional(stmts, n, i, &c)) {
      if (allowed != LG_SQL_ANY) refuse_nontransactional(&stmts[i], &c, allowed);
      if (first == 0) first = i + 1;
    }
    if ((i & 255) == 255) CHECK_FOR_INTERRUPTS();
  }
  lg_stmt_context_pop(&ctx);
  return first;
}

/* ---- statements in a psql script ---- */

/* psql's variable_char, and the characters that follow ':' in :'x', :"x", :{?x}. */
static bool psql_variable_follows(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         (unsigned char) c >= 0x80 || c == '\'' || c == '"' || c == '{';
}

char *lg_psql_safe_statement(const char *text) {
  int nest = lg_lexer_pin(true);
  StringInfoData out;
  initStringInfo(&out);
  core_yy_extra_type extra;
  core_yyscan_t scanner = scanner_init(text, &extra, &ScanKeywords, ScanKeywordTokens);
  int copied = 0;
  int tok, loc;
  while ((tok = next_token(scanner, &loc)) != 0) {
    if (tok == ':' && psql_variable_follows(text[loc + 1])) {
      appendBinaryStringInfo(&out, text + copied, loc + 1 - copied);
      appendStringInfoChar(&out, ' ');
      copied = loc + 1;
    }
  }
  scanner_finish(scanner);
  appendStringInfoString(&out, text + copied);
  lg_lexer_unpin(nest);
  return out.data;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
