/*
 * lint_allow.cpp: silencing a rule of lg_lint() for one statement.  The
 * comments above a statement (LgStatement.full up to its text) may hold
 * "lg:allow" followed by rule names separated by commas or spaces, to the
 * end of that comment line; a finding of such a rule on that statement
 * yields no row.  Statement 0 (the revision as a whole) is silenced by the
 * comments above the revision's first statement.
 */
#include "pg/pg_headers.h"

#include "pg/lint_rules.h"

static bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Appends to buf the names after each "lg:allow" in the comment text c[0..len). */
static void collect(StringInfo buf, const char *c, int len) {
  static const char marker[] = "lg:allow";
  int mlen = (int) sizeof(marker) - 1;
  for (int i = 0; i + mlen <= len; i++) {
    if (pg_strncasecmp(c + i, marker, mlen) != 0) continue;
    if (i + mlen < len && name_char(c[i + mlen])) continue; /* "lg:allowlist" is not it */
    int j = i + mlen;
    while (j < len && c[j] != '\n' && c[j] != '*') {
      if (!name_char(c[j])) {
        j++;
        continue;
      }
      int start = j;
      while (j < len && name_char(c[j])) j++;
      appendStringInfoChar(buf, ' ');
      for (int k = start; k < j; k++)
        appendStringInfoChar(buf, (char) pg_ascii_tolower((unsigned char) c[k]));
    }
    i = j;
  }
}

void lg_lint_allow_note(LgLintOut *out, const char *revision, int statement,
                        const LgStatement *stmt) {
  int len = (int) (stmt->text - stmt->full);
  if (len <= 0) return;
  StringInfoData buf;
  initStringInfo(&buf);
  collect(&buf, stmt->full, len);
  if (buf.len == 0) return;
  appendStringInfoChar(&buf, ' ');
  if (out->nallows == out->allows_cap) {
    out->allows_cap = out->allows_cap ? out->allows_cap * 2 : 16;
    out->allows =
        out->allows == NULL
            ? (LgLintAllow *) MemoryContextAlloc(out->cxt, sizeof(LgLintAllow) * out->allows_cap)
            : (LgLintAllow *) repalloc(out->allows, sizeof(LgLintAllow) * out->allows_cap);
  }
  LgLintAllow *a = &out->allows[out->nallows++];
  a->revision = MemoryContextStrdup(out->cxt, revision);
  a->statement = statement;
  a->rules = MemoryContextStrdup(out->cxt, buf.data);
  pfree(buf.data);
}

bool lg_lint_allowed(const LgLintOut *out, const char *revision, int statement, const char *rule) {
  int want = statement == 0 ? 1 : statement;
  int rlen = (int) strlen(rule);
  for (int i = 0; i < out->nallows; i++) {
    const LgLintAllow *a = &out->allows[i];
    if (a->statement != want || strcmp(a->revision, revision) != 0) continue;
    for (const char *p = strstr(a->rules, rule); p != NULL; p = strstr(p + 1, rule))
      if (p[-1] == ' ' && p[rlen] == ' ') return true;
  }
  return false;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
