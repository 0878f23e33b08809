/*
 * fn_stamp.cpp: lg_stamp(target, purge) moves the version rows without
 * running SQL (docs/SEMANTICS.md, "Stamp") and journals a 'stamp' line per
 * new row.
 */
#include "pg/pg_headers.h"

#include "pg/errors.h"
#include "pg/journal.h"
#include "pg/owner.h"
#include "pg/progress.h"
#include "pg/registry.h"
#include "pg/run_lock.h"
#include "pg/spi_util.h"
#include "pg/text_array.h"
#include "pg/owned_slot.h"

static void free_strings(void *p) { lg_strings_free((LgStrings *) p); }

typedef struct StampRun {
  const char *target;
  bool purge;
  char **rows; /* out: the version rows afterwards */
  int nrows;
} StampRun;

static void stamp_body(void *arg) {
  StampRun *run = (StampRun *) arg;
  const char *target = run->target;
  bool purge = run->purge;
  lg_run_lock_xact();
  lg_progress_refuse_any(); /* a stamp over an unfinished revision would strand it */
  LgRegistry *reg = lg_registry_load(false);
  LgCoreError err;
  void **slot = lg_owned_slot(free_strings);
  LgStrings *after = lg_stamp_rows(reg->graph, reg->rows, reg->nrows, target, purge, &err);
  *slot = after;
  if (after == NULL) lg_raise_core_error(&err);

  int n = lg_strings_count(after);
  char **rows = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) rows[i] = pstrdup(lg_strings_get(after, i));

  lg_spi_exec("DELETE FROM lg.version", 0, NULL, NULL, NULL, false);
  Oid types[1] = {TEXTARRAYOID};
  Datum values[1] = {lg_text_array(rows, n)};
  lg_spi_exec("INSERT INTO lg.version (revision) SELECT pg_catalog.unnest($1)", 1, types, values,
              NULL, false);

  /* Journal: one line per row the stamp added (with its checksum, so the
   * drift check knows what counts as applied), or one for the target. */
  char **added = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  int nadded = 0;
  for (int i = 0; i < n; i++) {
    CHECK_FOR_INTERRUPTS();
    if (lg_registry_row_index(reg, rows[i]) < 0) added[nadded++] = rows[i];
  }
  LgJournalLine line;
  lg_journal_line_init(&line, "stamp");
  if (nadded > 0) {
    line.script_checksums = true;
    lg_journal_append(&line, added, nadded);
  } else
    lg_journal_append_one(&line, target);

  ereport(NOTICE, (errmsg("lg: stamped %s", target),
                   errdetail("%d version row%s, no SQL run.", n, n == 1 ? "" : "s")));
  run->rows = rows;
  run->nrows = n;
}

/* lg_stamp(target text, purge boolean DEFAULT false) RETURNS text[] */
LG_FUNCTION(lg_stamp) {
  if (PG_ARGISNULL(0))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("target must not be null"),
                    errhint("Give a revision id, \"head\", \"heads\" or \"base\".")));
  StampRun run;
  run.target = text_to_cstring(PG_GETARG_TEXT_PP(0));
  run.purge = !PG_ARGISNULL(1) && PG_GETARG_BOOL(1);
  PG_RETURN_DATUM(lg_run_rows("lg_stamp()", stamp_body, &run, &run.rows, &run.nrows));
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
