/*
 * fingerprint.cpp: the checksum lg stores for a revision's SQL.  Tokens come
 * from PostgreSQL's own scanner (the one raw_parser uses), hashed with
 * PostgreSQL's SHA-256.  Each token adds its code and its value, separated
 * by a byte that no token contains.
 */
#include "pg/pg_headers.h"

#include "pg/fingerprint.h"

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
    appendStringInfo(buf, "%d:", IDENT);
    appendStringInfoString(buf, val->keyword);
    appendStringInfoChar(buf, '\x1f');
    return;
  }
  appendStringInfo(buf, "%d:", tok);
  switch (tok) {
    case ICONST:
    case PARAM:
      appendStringInfo(buf, "%d", val->ival);
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
      if (tok < 256)
        appendStringInfoChar(buf, (char) tok);
      break;
  }
  appendStringInfoChar(buf, '\x1f');
}

char *lg_sql_fingerprint(const char *sql) {
  StringInfoData tokens;
  initStringInfo(&tokens);
  core_yy_extra_type extra;
  core_yyscan_t scanner = scanner_init(sql, &extra, &ScanKeywords, ScanKeywordTokens);
  /* Statement separators count once and only between statements: a
   * trailing or doubled ';' changes nothing the server runs. */
  bool separator_pending = false;
  bool any_token = false;
  for (;;) {
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

  uint8 digest[PG_SHA256_DIGEST_LENGTH];
#if PG_VERSION_NUM >= 140000
  pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);
#if PG_VERSION_NUM >= 150000
#define LG_SHA256_FINAL(c, d) pg_cryptohash_final((c), (d), sizeof(d))
#else
#define LG_SHA256_FINAL(c, d) pg_cryptohash_final((c), (d))
#endif
  if (ctx == NULL || pg_cryptohash_init(ctx) < 0 ||
      pg_cryptohash_update(ctx, (const uint8 *) tokens.data, tokens.len) < 0 ||
      LG_SHA256_FINAL(ctx, digest) < 0)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("could not compute SHA-256")));
  pg_cryptohash_free(ctx);
#else
  pg_sha256_ctx ctx;
  pg_sha256_init(&ctx);
  pg_sha256_update(&ctx, (const uint8 *) tokens.data, tokens.len);
  pg_sha256_final(&ctx, digest);
#endif

  char *hex = (char *) palloc(2 * PG_SHA256_DIGEST_LENGTH + 1);
  for (int i = 0; i < PG_SHA256_DIGEST_LENGTH; i++) sprintf(hex + 2 * i, "%02x", digest[i]);
  return hex;
}

/* lg.sql_fingerprint(sql text): the same, for SQL. */
LG_FUNCTION(lg_sql_fingerprint_fn) {
  PG_RETURN_TEXT_P(cstring_to_text(lg_sql_fingerprint(text_to_cstring(PG_GETARG_TEXT_PP(0)))));
}

/*
 * lg.script_checksum(): BEFORE INSERT OR UPDATE row trigger on lg.script
 * that sets checksum to the fingerprint of up_sql, however the row is
 * written, so a checksum can never be set by hand.  In C because it runs
 * once per registration.
 */
LG_FUNCTION(lg_script_checksum) {
  if (!CALLED_AS_TRIGGER(fcinfo))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("lg.script_checksum() must be called as a trigger")));
  TriggerData *td = (TriggerData *) fcinfo->context;
  if (!TRIGGER_FIRED_BEFORE(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
      TRIGGER_FIRED_BY_DELETE(td->tg_event) || TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("lg.script_checksum() must be a BEFORE INSERT OR UPDATE row trigger")));
  HeapTuple tuple = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
  TupleDesc desc = RelationGetDescr(td->tg_relation);
  int up_col = SPI_fnumber(desc, "up_sql");
  int checksum_col = SPI_fnumber(desc, "checksum");
  if (up_col <= 0 || checksum_col <= 0)
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("lg.script_checksum() needs columns up_sql and checksum")));
  bool isnull;
  Datum up = heap_getattr(tuple, up_col, desc, &isnull);
  if (isnull) return PointerGetDatum(tuple); /* the NOT NULL constraint reports it */
  Datum checksum = CStringGetTextDatum(lg_sql_fingerprint(TextDatumGetCString(up)));
  bool checksum_null = false;
  return PointerGetDatum(
      heap_modify_tuple_by_cols(tuple, desc, 1, &checksum_col, &checksum, &checksum_null));
}
