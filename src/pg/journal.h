/*
 * journal.h: the one writer of lg.log, lg's append-only journal.
 *
 * Every line lg writes goes through lg_journal_append (or, for a step that
 * also moves the version rows, lg_journal_step): one statement text, run as
 * the extension owner, schema-qualified, every value a parameter, naming
 * the caller (current and session role, taken before the switch).
 */
#pragma once

#include "pg/pg_headers.h"

/* What a journal line says besides its revision.  lg_journal_line_init
 * sets an 'ok' line of the direction with 0 statements and nulls. */
typedef struct LgJournalLine {
  const char *direction; /* up, down, stamp, repair, adopt, unregister, configure */
  /* true: each revision's checksums as lg.script holds them now (null
   * without a script); false: the three below (NULL: null) */
  bool script_checksums;
  const char *checksum;
  const char *down_checksum;
  const char *verify_checksum;
  bool has_duration; /* false: duration_ms is null */
  double duration_ms;
  int statements;      /* statements run; < 0: null */
  const char *outcome; /* ok, failed, cleanup */
  const char *error;   /* a failed step's message, or NULL */
  int statement;       /* 1-based statement a failed step failed at; 0: null */
  const char *sqlstate;
  const char *detail; /* what a cleanup or configure line did, or NULL */
} LgJournalLine;

void lg_journal_line_init(LgJournalLine *line, const char *direction);

/*
 * Appends one line per revision of revisions[0..n), all alike but for the
 * revision (and, with script_checksums, its checksums), in registration
 * order (a name that is not a registered revision after them, in the order
 * given).  SPI must be connected.
 */
void lg_journal_append(const LgJournalLine *line, char **revisions, int n);

/* lg_journal_append for one revision. */
void lg_journal_append_one(const LgJournalLine *line, const char *revision);

/*
 * A step in one statement: deletes the version rows removed[0..nrem),
 * inserts added[0..nadd) and appends line for revision, with the checksums
 * line gives (script_checksums is ignored).  Its plan is the generic one
 * (it runs once per step), and joins nothing.
 */
void lg_journal_step(const LgJournalLine *line, const char *revision, char **removed, int nrem,
                     char **added, int nadd);

/*
 * The journal line of a failed step of CALL lg_apply(): outcome 'failed',
 * the statement, SQLSTATE and message; or of a cleanup (outcome
 * 'cleanup', detail says what lg did).  Written after the step's rollback
 * and committed by the caller.
 */
void lg_journal_outcome(const char *revision, const char *direction, const char *outcome,
                        int statement, const char *sqlstate, const char *error, const char *detail);
