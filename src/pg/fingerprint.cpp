/*
 * fingerprint.cpp: the checksum lg stores for a revision's SQL.  Tokens come
 * from PostgreSQL's own scanner (the one raw_parser uses), hashed with
 * PostgreSQL's SHA-256.  Each token adds its code and its value, separated
 * by a byte that no token contains.
 */
#include "pg/pg_headers.h"

#include "pg/fingerprint.h"
#include "pg/sha256.h"
#include "pg/statements.h"
#include "pg/trigger_check.h"

/* Appends n in decimal (pg_ltoa: no format string to interpret per token). */
static void append_int(StringInfo buf, int32 n) {
  char digits[12];
  pg_ltoa(n, digits);
  appendStringInfoString(buf, digits);
}

/* Appends token tok (value in val) to buf in a canonical form. */
static void append_token(StringInfo buf, int tok, const core_YYSTYPE *val) {
  /* A keyword counts as the identifier it spells (its canonical lower-case
   * text).  Keyword codes are bison's: they shift whenever a major adds a
   * keyword, and words that are identifiers in one major are keywords in the
   * next (path, plan, error: 15 and 17).  So the checksum is the same on
   * every major and survives pg_upgrade.  The codes up to PARAM are fixed
   * (parser/scanner.h); the tokens after them that are not keywords
   * (TYPECAST ... NOT_EQUALS) carry no value.  The price: a quoted
   * identifier spelled like a lower-case keyword ("select") counts as that
   * keyword. */
  if (tok > PARAM && val->keyword != NULL) {
    append_int(buf, IDENT);
    appendStringInfoChar(buf, ':');
    appendStringInfoString(buf, val->keyword);
    appendStringInfoChar(buf, '\x1f');
    return;
  }
  append_int(buf, tok);
  appendStringInfoChar(buf, ':');
  switch (tok) {
    case ICONST:
    case PARAM:
      append_int(buf, val->ival);
      break;
    case IDENT:
    case UIDENT:
    case FCONST:
    case SCONST:
    case USCONST:
    case BCONST:
    case XCONST:
    case Op:
      appendStringInfoString(buf, val->str);
      break;
    default:
      /* one-character tokens; TYPECAST ... NOT_EQUALS are their code alone */
      if (tok < 256) appendStringInfoChar(buf, (char) tok);
      break;
  }
  appendStringInfoChar(buf, '\x1f');
}

/* Whether the scanner could truncate an identifier of sql, and so warn:
 * a double quote anywhere (a quoted identifier, U&"..."), or a run of
 * identifier characters (scan.l's ident_cont) NAMEDATALEN - 1 bytes long.
 * Conservative: a long run inside a string literal counts too. */
static bool may_truncate(const char *sql) {
  int run = 0;
  for (const unsigned char *p = (const unsigned char *) sql; *p; p++) {
    if (*p == '"') return true;
    bool ident = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                 *p == '_' || *p == '$' || *p >= 0x80;
    run = ident ? run + 1 : 0;
    if (run >= NAMEDATALEN - 1) return true;
  }
  return false;
}

char *lg_sql_fingerprint(const char *sql) {
  StringInfoData tokens;
  initStringInfo(&tokens);
  /* Under lg's lexing rule, and silent: the scanner's notices (identifier
   * truncation) belong to the parse that registers or runs the SQL.  The
   * rule is the scanner's own copy of the two settings; the GUCs are set
   * (and client_min_messages raised) only when an identifier could be
   * truncated: setting and restoring them was a tenth of a registration
   * (bench/README.md, "Registration"). */
  bool quiet = may_truncate(sql);
  int nest = quiet ? lg_lexer_pin(true) : -1;
  core_yy_extra_type extra;
  core_yyscan_t scanner = scanner_init(sql, &extra, &ScanKeywords, ScanKeywordTokens);
  extra.standard_conforming_strings = true;
  extra.backslash_quote = BACKSLASH_QUOTE_SAFE_ENCODING;
  /* Statement separators count once and only between statements: a
   * trailing or doubled ';' changes nothing the server runs. */
  bool separator_pending = false;
  bool any_token = false;
  for (;;) {
    CHECK_FOR_INTERRUPTS();
    core_YYSTYPE val;
    YYLTYPE loc;
    memset(&val, 0, sizeof val);
    int tok = core_yylex(&val, &loc, scanner);
    if (tok == 0) break;
    if (tok == ';') {
      separator_pending = any_token;
      continue;
    }
    if (separator_pending) appendStringInfoString(&tokens, ";\x1f");
    separator_pending = false;
    any_token = true;
    append_token(&tokens, tok, &val);
  }
  scanner_finish(scanner);
  if (quiet) lg_lexer_unpin(nest);

  return lg_sha256_hex(tokens.data, tokens.len);
}

/* lg.sql_fingerprint(sql text): the same, for SQL. */
LG_FUNCTION(lg_sql_fingerprint_fn) {
  PG_RETURN_TEXT_P(cstring_to_text(lg_sql_fingerprint(text_to_cstring(PG_GETARG_TEXT_PP(0)))));
}

/* The checksum stored for one script: its fingerprint, or "none" for null. */
static Datum script_checksum(HeapTuple tuple, TupleDesc desc, int col) {
  bool isnull;
  Datum sql = heap_getattr(tuple, col, desc, &isnull);
  return CStringGetTextDatum(isnull ? "none" : lg_sql_fingerprint(TextDatumGetCString(sql)));
}

/*
 * lg.script_checksum(): BEFORE INSERT OR UPDATE row trigger on lg.script
 * that sets checksum to the fingerprint of up_sql, and (from 0.2, where the
 * columns exist) down_checksum and verify_checksum to those of down_sql and
 * verify_sql ("none" for null), however the row is written, so a checksum
 * can never be set by hand.  In C because it runs once per registration.
 */
LG_FUNCTION(lg_script_checksum) {
  TriggerData *td = lg_before_row_trigger(fcinfo, "lg.script_checksum()", true);
  HeapTuple tuple = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
  TupleDesc desc = RelationGetDescr(td->tg_relation);
  /* script column, checksum column: up (required), down and verify (0.2) */
  static const char *const names[3][2] = {
      {"up_sql", "checksum"}, {"down_sql", "down_checksum"}, {"verify_sql", "verify_checksum"}};
  int sql_cols[3], sum_cols[3];
  Datum sums[3];
  bool sum_nulls[3] = {false, false, false};
  int n = 0;
  for (int k = 0; k < 3; k++) {
    int sql_col = SPI_fnumber(desc, names[k][0]);
    int sum_col = SPI_fnumber(desc, names[k][1]);
    if (sql_col <= 0 || sum_col <= 0) {
      if (k == 0)
        ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                        errmsg("lg.script_checksum() needs columns up_sql and checksum")));
      continue;
    }
    /* The values are read and written as text: an altered column type is
     * an error, never a text read from an integer. */
    if (TupleDescAttr(desc, sql_col - 1)->atttypid != TEXTOID ||
        TupleDescAttr(desc, sum_col - 1)->atttypid != TEXTOID)
      ereport(ERROR, (errcode(ERRCODE_DATATYPE_MISMATCH),
                      errmsg("columns %s and %s of lg.script must be of type text", names[k][0],
                             names[k][1]),
                      errhint("Alter them back to text, or re-create the extension and restore "
                              "lg's tables from a dump.")));
    bool isnull;
    (void) heap_getattr(tuple, sql_col, desc, &isnull);
    if (k == 0 && isnull) return PointerGetDatum(tuple); /* the NOT NULL constraint reports it */
    sql_cols[n] = sql_col;
    sum_cols[n] = sum_col;
    n++;
  }
  for (int k = 0; k < n; k++) sums[k] = script_checksum(tuple, desc, sql_cols[k]);
  return PointerGetDatum(heap_modify_tuple_by_cols(tuple, desc, n, sum_cols, sums, sum_nulls));
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
