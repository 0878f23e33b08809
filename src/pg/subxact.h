/* subxact.h: running a piece of work in an internal subtransaction. */
#pragma once

#include "pg/pg_headers.h"

typedef void (*LgSubxactFn)(void *arg);

/*
 * Runs fn(arg) in an internal subtransaction, restoring the caller's memory
 * context and resource owner on every path.  On success the subtransaction
 * is released (keep = true) or rolled back (keep = false) and NULL is
 * returned.  On error it is rolled back; the error is re-raised when
 * rethrow is true, otherwise returned (copied into the caller's context).
 */
ErrorData *lg_run_in_subxact(LgSubxactFn fn, void *arg, bool keep, bool rethrow);

/*
 * The same, where fn(arg) decides at its end whether its work is kept
 * (returns true) or rolled back; an error always rolls back and is
 * returned.  *kept says what happened.
 */
typedef bool (*LgSubxactDecideFn)(void *arg);
ErrorData *lg_run_in_subxact_decide(LgSubxactDecideFn fn, void *arg, bool *kept);

/*
 * Whether an error caught while trying revision SQL (lg_check, lg_lint's
 * trial) must end the call rather than become a finding: a cancel or
 * statement timeout, a shutdown, out of memory.
 */
bool lg_error_ends_trial(const ErrorData *e);
