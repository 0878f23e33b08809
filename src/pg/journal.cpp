/*
 * journal.cpp: the one writer of lg.log (journal.h).  The statement takes
 * the revisions as a text[] ($1), so one line and many come from the same
 * text; a step puts its version-row change in front of it ($16, $17).
 */
#include "pg/pg_headers.h"

#include "pg/journal.h"
#include "pg/owner.h"
#include "pg/spi_util.h"
#include "pg/text_array.h"
#include "pg/c_style.h"  // last, unguarded: no C++ standard header above

#define JOURNAL_NARGS 15

/* The INSERT itself: one line per element of $1. */
#define JOURNAL_INSERT                                                                          \
  "INSERT INTO lg.log (revision, direction, duration_ms, statements, checksum, down_checksum, " \
  "verify_checksum, outcome, error, statement, sqlstate, detail, by_role, session_role) "       \
  "SELECT u.revision, $2, $3, $4, "                                                             \
  "CASE WHEN $15 THEN s.checksum ELSE $5 END, "                                                 \
  "CASE WHEN $15 THEN s.down_checksum ELSE $6 END, "                                            \
  "CASE WHEN $15 THEN s.verify_checksum ELSE $7 END, "                                          \
  "$8, $9, $10, $11, $12, $13, $14 "                                                            \
  "FROM pg_catalog.unnest($1) WITH ORDINALITY AS u(revision, n) "                               \
  "LEFT JOIN lg.revision r ON r.id OPERATOR(pg_catalog.=) u.revision "                          \
  "LEFT JOIN lg.script s ON $15 AND s.revision OPERATOR(pg_catalog.=) u.revision "              \
  "ORDER BY r.ord, u.n"

/* The same for one revision whose checksums are given ($15 false), as a
 * run's step writes it: no join, so its one generic plan (it runs once per
 * step) costs the same at 10 revisions and at 100,000.  A plan joining
 * lg.revision and lg.script, generic, scanned both at every step. */
#define JOURNAL_INSERT_ONE                                                                      \
  "INSERT INTO lg.log (revision, direction, duration_ms, statements, checksum, down_checksum, " \
  "verify_checksum, outcome, error, statement, sqlstate, detail, by_role, session_role) "       \
  "VALUES ($1[1], $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"

static Oid journal_types[JOURNAL_NARGS + 2] = {
    TEXTARRAYOID, TEXTOID, FLOAT8OID, INT4OID, TEXTOID, TEXTOID, TEXTOID,      TEXTOID,     TEXTOID,
    INT4OID,      TEXTOID, TEXTOID,   TEXTOID, TEXTOID, BOOLOID, TEXTARRAYOID, TEXTARRAYOID};

static Datum text_or_null(const char *s, char *null) {
  *null = s == NULL ? 'n' : ' ';
  return s == NULL ? (Datum) 0 : CStringGetTextDatum(s);
}

void lg_journal_line_init(LgJournalLine *line, const char *direction) {
  memset(line, 0, sizeof *line);
  line->direction = direction;
  line->outcome = "ok";
}

/* The parameters $1..$15 of JOURNAL_INSERT (values and nulls hold 17). */
static void journal_params(const LgJournalLine *line, char **revisions, int n, Datum *values,
                           char *nulls) {
  lg_require_current_schema();
  memset(nulls, ' ', JOURNAL_NARGS + 2);
  nulls[JOURNAL_NARGS + 2] = '\0';
  values[0] = lg_text_array(revisions, n);
  values[1] = CStringGetTextDatum(line->direction);
  values[2] = Float8GetDatum(line->duration_ms);
  if (!line->has_duration) nulls[2] = 'n';
  values[3] = Int32GetDatum(line->statements);
  if (line->statements < 0) nulls[3] = 'n';
  values[4] = text_or_null(line->checksum, &nulls[4]);
  values[5] = text_or_null(line->down_checksum, &nulls[5]);
  values[6] = text_or_null(line->verify_checksum, &nulls[6]);
  values[7] = CStringGetTextDatum(line->outcome ? line->outcome : "ok");
  values[8] = text_or_null(line->error, &nulls[8]);
  values[9] = Int32GetDatum(line->statement);
  if (line->statement <= 0) nulls[9] = 'n';
  values[10] = text_or_null(line->sqlstate, &nulls[10]);
  values[11] = text_or_null(line->detail, &nulls[11]);
  /* the caller, named explicitly: the statement runs as the owner */
  values[12] = lg_caller_role();
  values[13] = lg_caller_session_role();
  values[14] = BoolGetDatum(line->script_checksums);
}

void lg_journal_append(const LgJournalLine *line, char **revisions, int n) {
  if (n <= 0) return;
  Datum values[JOURNAL_NARGS + 2];
  char nulls[JOURNAL_NARGS + 3];
  journal_params(line, revisions, n, values, nulls);
  lg_spi_exec(JOURNAL_INSERT, JOURNAL_NARGS, journal_types, values, nulls, false);
}

void lg_journal_append_one(const LgJournalLine *line, const char *revision) {
  char *one[1] = {(char *) revision};
  lg_journal_append(line, one, 1);
}

void lg_journal_step(const LgJournalLine *line, const char *revision, char **removed, int nrem,
                     char **added, int nadd) {
  Datum values[JOURNAL_NARGS + 2];
  char nulls[JOURNAL_NARGS + 3];
  char *one[1] = {(char *) revision};
  LgJournalLine given = *line;
  given.script_checksums = false; /* a step gives its checksums: JOURNAL_INSERT_ONE */
  journal_params(&given, one, 1, values, nulls);
  values[JOURNAL_NARGS] = lg_text_array(removed, nrem);
  values[JOURNAL_NARGS + 1] = lg_text_array(added, nadd);
  lg_spi_exec_generic(
      "WITH gone AS (DELETE FROM lg.version WHERE revision OPERATOR(pg_catalog.=) ANY ($16)), "
      "added AS (INSERT INTO lg.version (revision) SELECT pg_catalog.unnest($17)) " JOURNAL_INSERT_ONE,
      JOURNAL_NARGS + 2, journal_types, values, nulls, false);
}

void lg_journal_outcome(const char *revision, const char *direction, const char *outcome,
                        int statement, const char *sqlstate, const char *error,
                        const char *detail) {
  LgJournalLine line;
  lg_journal_line_init(&line, direction);
  line.statements = -1;
  line.outcome = outcome;
  line.statement = statement;
  line.sqlstate = sqlstate;
  line.error = error;
  line.detail = detail;
  lg_journal_append_one(&line, revision);
}
