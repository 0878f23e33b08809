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
 * What a statement needs to run.  LG_STMT_OK runs through SPI inside lg's
 * transaction.  LG_STMT_NEEDS_TOP_LEVEL is refused by PostgreSQL inside a
 * transaction block or a function (PreventInTransactionBlock): it could
 * only run as a top-level statement of its own.  LG_STMT_NEVER cannot run
 * in a revision at all (COPY from or to the client, transaction control,
 * changing the lexing settings).
 */
typedef enum LgStmtKind {
  LG_STMT_OK = 0,
  LG_STMT_NEEDS_TOP_LEVEL,
  LG_STMT_COMMIT, /* COMMIT [AND CHAIN]: a commit of CALL lg_apply()'s transaction */
  LG_STMT_NEVER
} LgStmtKind;

typedef struct LgStmtClass {
  LgStmtKind kind;
  const char *what;   /* the statement as PostgreSQL's refusal names it, e.g. "VACUUM" */
  const char *reason; /* one sentence: why it cannot run inside a revision */
  bool chain;         /* LG_STMT_COMMIT: COMMIT AND CHAIN */
  bool commit_after;  /* ALTER TYPE ... ADD VALUE: its value is usable after a commit */
} LgStmtClass;

/* Classifies a raw parse tree (no catalog access: decided from the text). */
LgStmtClass lg_classify_statement(Node *parsetree);

/*
 * Refuses a statement that is not LG_STMT_OK: ERRCODE_ACTIVE_SQL_TRANSACTION
 * (25001), or ERRCODE_CANT_CHANGE_RUNTIME_PARAM (55P02) for a statement
 * that changes the lexing settings.  The caller's error context names the revision and the
 * statement.
 */
void lg_check_transactional(const LgStatement *stmt);

/*
 * Parses a revision's SQL at registration: characters that could hide what
 * a terminal shows are refused (script_text.h), syntax errors come from the
 * parser, positioned inside the failing statement, and statements that
 * cannot run inside lg's transaction are refused; the context names
 * revision and which.
 */
void lg_check_revision_sql(const char *revision, const char *which, const char *sql);

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
