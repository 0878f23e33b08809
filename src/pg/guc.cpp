/*
 * guc.cpp: lg's settings.  Lock waits are bounded by default, so a
 * migration never queues forever behind a long transaction (and never holds
 * up every later query on the table while it waits for its own lock).
 */
#include "pg/pg_headers.h"

#include "pg/guc.h"

int lg_lock_timeout_ms = 5000;
int lg_lock_retries = 0;
int lg_statement_timeout_ms = 0;

/* DROP EXTENSION lg guard (drop_guard.cpp). */
bool lg_status_schema_drift = true;
bool lg_allow_drop = false;

void lg_define_gucs(void) {
  DefineCustomIntVariable(
      "lg.lock_timeout", "Lock wait limit for each statement of a revision.",
      "A statement that waits longer is rolled back to its own subtransaction and retried "
      "(lg.lock_retries); 0 keeps the session's lock_timeout.",
      &lg_lock_timeout_ms, 5000, 0, INT_MAX, PGC_USERSET, GUC_UNIT_MS, NULL, NULL, NULL);
  DefineCustomIntVariable(
      "lg.lock_retries", "How many times a statement that timed out on a lock is retried.",
      "Waits between tries grow from 100 ms, doubling each time, up to 10 s.  Each retried "
      "statement runs in a subtransaction, which costs time in runs of thousands of revisions.",
      &lg_lock_retries, 0, 0, 1000, PGC_USERSET, 0, NULL, NULL, NULL);
  DefineCustomIntVariable("lg.statement_timeout", "Time limit for each statement of a revision.",
                          "0 means no limit beyond the session's statement_timeout.",
                          &lg_statement_timeout_ms, 0, 0, INT_MAX, PGC_USERSET, GUC_UNIT_MS, NULL,
                          NULL, NULL);

  /* DROP EXTENSION lg guard (drop_guard.cpp). */
  DefineCustomBoolVariable(
      "lg.allow_drop", "Lets DROP EXTENSION lg drop the history of applied revisions.",
      "Off: dropping extension lg (or a schema that holds it, or schema lg) is refused while "
      "lg.version has rows, since it deletes every revision, version row and journal line.",
      &lg_allow_drop, false, PGC_USERSET, 0, NULL, NULL, NULL);

  DefineCustomBoolVariable(
      "lg.status_schema_drift", "Lets lg_status() count the live-schema drift (schema_drift).",
      "Off: lg_status().schema_drift is NULL and lg_status() does not describe the objects lg's "
      "runs recorded; the first count of a session describes every one of them "
      "(lg_schema_drift() is not affected).",
      &lg_status_schema_drift, true, PGC_USERSET, 0, NULL, NULL, NULL);

  MarkGUCPrefixReserved("lg");
}

int lg_push_lock_timeout(void) {
  int nest = NewGUCNestLevel();
  if (lg_lock_timeout_ms > 0) {
    char value[32];
    snprintf(value, sizeof value, "%d", lg_lock_timeout_ms);
    (void) set_config_option("lock_timeout", value, PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
                             true, 0, false);
  }
  return nest;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
