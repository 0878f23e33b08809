/*
 * progress.h: lg.progress, how far a non-transactional revision got.
 *
 * A non-transactional revision commits part by part (CALL lg_apply); the
 * row says how many of its statements are committed (done), which one is
 * running or failed, and the error.  It is written in the same transaction
 * as the work it describes, so it is never ahead of or behind the
 * database.  At most one row exists: runs hold the run lock, and a run
 * refuses to start another revision while one is unfinished (unless it
 * resumes or reverts that one).  lg's bookkeeping: as the owner,
 * parameterised.
 */
#pragma once

#include "pg/pg_headers.h"

typedef struct LgProgress {
  char *revision;
  char *direction;     /* "up" or "down" */
  char *done_checksum; /* of the committed statements (apply_step.cpp), NULL if none */
  int done;            /* statements committed */
  char *state;         /* "running" or "failed" */
  int statement;       /* running or failed statement, 0 if none */
  char *error;         /* NULL unless failed */
  char *sqlstate;      /* NULL unless failed */
} LgProgress;

/* Reads the row into *out (palloc'd strings); false when there is none. */
bool lg_progress_read(LgProgress *out);

/* The revision starts (or resumes) running: state running, done kept when
 * resuming the same revision and direction, else 0. */
void lg_progress_begin(const char *revision, const char *direction);

/* done statements (with done_checksum) are committed with this
 * transaction; statement (0: none) is the one about to run. */
void lg_progress_advance(const char *revision, int done, const char *done_checksum, int statement);

/* The revision failed at statement with the error (after the rollback). */
void lg_progress_fail(const char *revision, int statement, const char *sqlstate,
                      const char *message);

/* Refuses (55000) to run anything but a resume or revert of partial,
 * saying where it stopped and how to go on. */
LG_NORETURN void lg_progress_refuse(const LgProgress *partial);

/* For runs in one transaction (lg_migrate, lg_downgrade, lg_apply inside a
 * transaction block): refuses while a revision is unfinished. */
void lg_progress_refuse_any(void);

/* The revision finished (or was reverted): the row goes. */
void lg_progress_clear(const char *revision);
