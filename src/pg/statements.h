/* statements.h: revision SQL split into statements by PostgreSQL's parser. */
#pragma once

#include "pg/pg_headers.h"
#include "pg/stmt_context.h"

typedef struct LgStatement {
  char *text; /* the statement from its first token (what runs): points into full */
  char *full; /* the same with the comments above it (what lg_sql shows), palloc'd */
  Node *parsetree;
} LgStatement;

/*
 * Lexing rule: revision SQL is always read with standard_conforming_strings
 * on and backslash_quote at its default (safe_encoding), whatever the
 * session says, at registration, in the checksum, in lg_sql() and when it
 * runs, so the statements that were reviewed and checksummed are the ones
 * that run.  lg_lexer_pin() sets both at a new GUC nest level (with quiet,
 * it also raises client_min_messages and log_min_messages to error, so
 * that lg's own extra parse does not repeat the parser's NOTICEs and
 * WARNINGs); lg_lexer_unpin() returns to the caller's values.  An error in
 * between is unwound by the transaction (or subtransaction) abort.
 */
int lg_lexer_pin(bool quiet);
void lg_lexer_unpin(int nest);

/*
 * Fails (ERRCODE_CANT_CHANGE_RUNTIME_PARAM) unless the two settings are still
 * pinned: revision SQL that changed them with set_config() or in a DO block
 * would make the next statement read differently from how it was reviewed.
 */
void lg_check_lexer_pinned(void);

/*
 * Splits sql into its statements with raw_parser (never a hand-written
 * splitter), under the lexing rule above, using each statement's location
 * and length.  Syntax errors are raised by the parser itself, with their
 * internal query narrowed to the failing statement.  quiet: the caller
 * parses the statements again (to run them), so this parse stays silent.
 * Returns the count; *out is palloc'd.
 */
int lg_split_statements(const char *sql, LgStatement **out, bool quiet);

/*
 * What a statement needs to run (docs/DESIGN.md, "Statement classes").
 *   LG_STMT_OK              runs through SPI inside the run's transaction.
 *   LG_STMT_NEEDS_TOP_LEVEL PostgreSQL refuses it inside a transaction
 *                           block or a function (PreventInTransactionBlock):
 *                           it runs only as a top-level statement of its own.
 *   LG_STMT_COMMIT          COMMIT / END (chain: COMMIT AND CHAIN): becomes a
 *                           commit of the procedure's transaction (CALL
 *                           lg_apply outside a transaction block).
 *   LG_STMT_NEVER           can never run in a revision: ROLLBACK, BEGIN,
 *                           savepoints, two-phase commit, COPY from or to the
 *                           client, changing the lexing settings.
 * commit_after (on an LG_STMT_OK statement): what it makes cannot be used
 * before it commits (ALTER TYPE ... ADD VALUE); the runner commits after it
 * when more statements follow.
 */
typedef enum LgStmtKind {
  LG_STMT_OK = 0,
  LG_STMT_NEEDS_TOP_LEVEL,
  LG_STMT_COMMIT,
  LG_STMT_NEVER
} LgStmtKind;

typedef struct LgStmtClass {
  LgStmtKind kind;
  bool chain;         /* LG_STMT_COMMIT: COMMIT AND CHAIN */
  bool commit_after;  /* LG_STMT_OK: commit before the next statement (ADD VALUE) */
  const char *what;   /* the statement as PostgreSQL's refusal names it, e.g. "VACUUM" */
  const char *reason; /* one sentence: why it cannot run inside one transaction */
} LgStmtClass;

/* Classifies a raw parse tree (no catalog access: decided from the text). */
LgStmtClass lg_classify_statement(Node *parsetree);

/*
 * Whether statement i of stmts[0..n) is one that makes its SQL
 * non-transactional: LG_STMT_NEEDS_TOP_LEVEL, LG_STMT_COMMIT, or a
 * commit_after statement with another statement after it.  The runner and
 * registration share this rule; *cls (may be NULL) gets statement i's class.
 */
bool lg_stmt_needs_nontransactional(const LgStatement *stmts, int n, int i, LgStmtClass *cls);

/* The first statement (0-based) of stmts[0..n) for which
 * lg_stmt_needs_nontransactional holds, -1 when all of them can run in one
 * transaction; *cls (may be NULL) gets its class. */
int lg_first_nontransactional(const LgStatement *stmts, int n, LgStmtClass *cls);

/*
 * Whether sql as a whole can run inside one transaction (splits it, quietly;
 * syntax errors raise).  Statements that can never run are not refused
 * here: lg_check_revision_sql does that at registration.
 */
bool lg_sql_is_transactional(const char *sql);

/*
 * Refuses a statement that cannot run inside one transaction (any kind but
 * LG_STMT_OK): ERRCODE_ACTIVE_SQL_TRANSACTION (25001), or
 * ERRCODE_CANT_CHANGE_RUNTIME_PARAM (55P02) for a statement that changes
 * the lexing settings.  The caller's error context names the revision and
 * the statement.
 */
void lg_check_transactional(const LgStatement *stmt);

/* Refuses a statement that can never run in a revision (LG_STMT_NEVER),
 * with the SQLSTATEs above. */
void lg_check_runnable(const LgStatement *stmt);

/*
 * What registration lets revision SQL hold.  LG_SQL_ANY (up and down SQL)
 * refuses only what can never run; LG_SQL_ONE_TRANSACTION (up and down SQL
 * registered with transactional => true) and LG_SQL_VERIFY (verify SQL,
 * which runs inside the run's transaction) refuse every statement that
 * cannot run inside one transaction, with a hint for each case.
 */
typedef enum LgSqlAllowed { LG_SQL_ANY = 0, LG_SQL_ONE_TRANSACTION, LG_SQL_VERIFY } LgSqlAllowed;

/*
 * Parses a revision's SQL at registration: characters that could hide what
 * a terminal shows are refused (script_text.h), syntax errors come from the
 * parser, positioned inside the failing statement, and statements are
 * refused as allowed says; the context names revision, which and the
 * statement.  Returns 0 when all of sql can run inside one transaction,
 * else the number (1-based) of the first statement that cannot.
 */
int lg_check_revision_sql(const char *revision, const char *which, const char *sql,
                          LgSqlAllowed allowed);

/* Pushes ctx for which SQL of revision, refuses it when it cannot be shown
 * (lg_check_displayable_sql) and splits it into *stmts; returns how many.
 * The caller pops ctx. */
int lg_open_revision_sql(LgStmtContext *ctx, const char *revision, const char *which,
                         const char *sql, LgStatement **stmts);

/*
 * The statement text as it goes into a psql script (lg_sql): the same
 * tokens, with a space after any ':' that psql would otherwise read as the
 * start of a variable reference (:name, :'name', :"name", :{?name}).  The
 * server reads the result exactly as text.  palloc'd.
 */
char *lg_psql_safe_statement(const char *text);
