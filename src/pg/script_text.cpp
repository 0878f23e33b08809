/* script_text.cpp: escaping user text for script comments and error text. */
#include "pg/script_text.h"

/* Code point of the UTF-8 character at p (len bytes, already validated). */
static uint32 utf8_code_point(const unsigned char *p, int len) {
  if (len == 2) return ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
  if (len == 3) return ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  if (len == 4)
    return ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
  return p[0];
}

static bool unicode_needs_escape(uint32 cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0x200E ||
         cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

char *lg_inert_text(const char *s, bool keep_newlines) {
  StringInfoData out;
  initStringInfo(&out);
  int encoding = GetDatabaseEncoding();
  bool utf8 = encoding == PG_UTF8;
  bool single_byte = pg_encoding_max_length(encoding) == 1;
  const unsigned char *p = (const unsigned char *) s;
  while (*p) {
    unsigned char c = *p;
    if (c < 0x80) {
      if (c == '\\' && !keep_newlines)
        appendStringInfoString(&out, "\\\\");
      else if ((c == '\n' || c == '\t' || (c == '\r' && p[1] == '\n')) && keep_newlines)
        appendStringInfoChar(&out, (char) c);
      else if (c == '\n')
        appendStringInfoString(&out, "\\n");
      else if (c == '\r')
        appendStringInfoString(&out, "\\r");
      else if (c == '\t')
        appendStringInfoString(&out, "\\t");
      else if (c < 0x20 || c == 0x7F)
        appendStringInfo(&out, "\\x%02X", c);
      else
        appendStringInfoChar(&out, (char) c);
      p++;
      continue;
    }
    if (single_byte) {
      if (c <= 0x9F)
        appendStringInfo(&out, "\\x%02X", c);
      else
        appendStringInfoChar(&out, (char) c);
      p++;
      continue;
    }
    int len = pg_mblen((const char *) p);
    for (int k = 1; k < len; k++)
      if (p[k] == '\0') len = k; /* never step over the end */
    if (utf8 && unicode_needs_escape(utf8_code_point(p, len)))
      appendStringInfo(&out, "\\u%04X", utf8_code_point(p, len));
    else
      appendBinaryStringInfo(&out, (const char *) p, len);
    p += len;
  }
  return out.data;
}

int lg_find_unsafe_char(const char *sql, uint32 *code) {
  bool utf8 = GetDatabaseEncoding() == PG_UTF8;
  const unsigned char *p = (const unsigned char *) sql;
  while (*p) {
    unsigned char c = *p;
    if (c < 0x80) {
      bool ok = c >= 0x20 ? c != 0x7F : c == '\t' || c == '\n' || (c == '\r' && p[1] == '\n');
      if (!ok) {
        *code = c;
        return (int) (p - (const unsigned char *) sql);
      }
      p++;
      continue;
    }
    int len = pg_mblen((const char *) p);
    for (int k = 1; k < len; k++)
      if (p[k] == '\0') len = k;
    if (utf8) {
      uint32 cp = utf8_code_point(p, len);
      if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
          (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
        *code = cp;
        return (int) (p - (const unsigned char *) sql);
      }
    }
    p += len;
  }
  return -1;
}

void lg_check_displayable_sql(const char *sql, const char *what) {
  uint32 code;
  int off = lg_find_unsafe_char(sql, &code);
  if (off < 0) return;
  int line = 1;
  for (int i = 0; i < off; i++)
    if (sql[i] == '\n') line++;
  ereport(ERROR,
          (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
           errmsg("%s contains the control character U+%04X on line %d", what, code, line),
           errdetail("Revision SQL is shown as it is (lg_sql() scripts, error messages), and such "
                     "a character can hide or rewrite what a terminal shows."),
           errhint("Write it as an escape in a string literal (E'\\x1b', U&'\\202E', "
                   "chr(27)); end lines with LF or CRLF.")));
}
