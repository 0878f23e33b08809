#!/usr/bin/env bash
# Non-transactional revisions under CALL lg_apply(), interrupted at each
# phase: a failing concurrent build, a cancel and a termination of the
# caller while its worker waits, a termination of the worker, SIGKILL of
# the caller and of the worker (the postmaster restarts every backend), and
# a COMMIT AND CHAIN backfill killed between its parts.  After each: no lg
# worker is left, lg_status says where the revision stopped, no revision is
# recorded as applied that is not, and one more CALL lg_apply() finishes
# the job (dropping the INVALID index a build left).  Talks TAP; run with
# prove against a throwaway server in the PG* variables.
set -u
. "$(dirname "$0")/lib/tap.sh"
db=lg_nontx_interrupt
out=$(mktemp)
blocker_out=$(mktemp)
trap 'rm -f "$out" "$blocker_out"' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
# the pid of the first backend matching a condition on pg_stat_activity
caller_cond="query LIKE 'CALL lg_apply%' AND state = 'active'"
# lg's worker, waiting in the concurrent build for the blocker's transaction
worker_cond="backend_type NOT IN ('client backend') AND wait_event_type = 'Lock'"
workers_left() {
  for _ in $(seq 1 50); do
    local c
    c=$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db' AND backend_type <> 'client backend' AND backend_type NOT LIKE 'autovacuum%'" 2>/dev/null)
    [ "$c" = 0 ] && { echo 0; return; }
    sleep 0.1
  done
  echo "$c"
}
status() { q -c "SELECT coalesce(in_progress, '-') || '|' || coalesce(in_progress_state, '-') || '|' || coalesce(in_progress_statement::text, '-') || '|' || array_to_string(current, ',') FROM lg_status()"; }
index_state() { q -c "SELECT coalesce((SELECT CASE WHEN indisvalid THEN 'valid' ELSE 'INVALID' END FROM pg_index WHERE indexrelid = to_regclass('ni_t_v')), 'none')"; }
# a session that holds a lock on ni_t until it is killed
start_blocker() {
  psql -X -q -d "$db" -c "BEGIN" -c "INSERT INTO ni_t VALUES (-1, -1)" -c "SELECT pg_sleep(120)" >"$blocker_out" 2>&1 &
  blocker=$!
  wait_pid "query LIKE 'SELECT pg_sleep(120)%'" >/dev/null
}
stop_blocker() {
  psql -X -At -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db' AND query LIKE 'SELECT pg_sleep(120)%'" >/dev/null
  wait "$blocker" 2>/dev/null
}
resume() { q -c "SET client_min_messages = warning" -c "CALL lg_apply('head')" 2>&1; }
reset_to_base() {
  q -c "SET client_min_messages = warning" -c "CALL lg_apply('n1', 'down')" >/dev/null 2>&1
  q -c "SET client_min_messages = warning" -c "DROP INDEX IF EXISTS ni_t_v" >/dev/null
}

# From n1 applied: CALL lg_apply('head') in the background ($client, output
# in $out) while a blocker holds a lock on ni_t, so that n2's build waits in
# lg's worker; sets $caller and $worker to their pids once both are there.
build_waits() {
  reset_to_base
  q -c "SET client_min_messages = warning" -c "CALL lg_apply('n1')" >/dev/null
  start_blocker
  q -c "SET client_min_messages = warning" -c "CALL lg_apply('head')" >"$out" 2>&1 &
  client=$!
  caller=$(wait_pid "$caller_cond")
  worker=$(wait_pid "$worker_cond")
}

echo "1..27"
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
q >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION lg;
SELECT lg_revision('n1', up => 'CREATE TABLE ni_t (id int PRIMARY KEY, v int); INSERT INTO ni_t SELECT g, g FROM generate_series(1, 1000) g',
                   down => 'DROP TABLE ni_t');
SELECT lg_revision('n2', up => 'SELECT 1; CREATE UNIQUE INDEX CONCURRENTLY ni_t_v ON ni_t (v)',
                   down => 'DROP INDEX CONCURRENTLY IF EXISTS ni_t_v', parents => '{n1}');
SQL
q -c "SET client_min_messages = warning" -c "CALL lg_apply('n1')" >/dev/null

# 1. a failing concurrent build: a unique index over duplicates
q -c "INSERT INTO ni_t VALUES (5000, 7)" >/dev/null
resume >"$out"
ok "$(grep -c 'could not create unique index "ni_t_v"' "$out")" "1" "the build's error reaches the caller"
ok "$(status)" "n2|failed|2|n1" "lg_status: n2 failed at statement 2, n1 is current"
ok "$(index_state)" "INVALID" "the failed build left an INVALID index"
ok "$(q -c "SELECT outcome || ' ' || statement || ' ' || sqlstate FROM lg.log WHERE revision = 'n2' ORDER BY id DESC LIMIT 1")" "failed 2 23505" "the journal has the failed attempt"
q -c "DELETE FROM ni_t WHERE id = 5000" >/dev/null
resume >"$out"
ok "$(status)" "-|-|-|n2" "resumed after the data is fixed: n2 applied"
ok "$(index_state)" "valid" "the index is valid"
ok "$(q -c "SELECT count(*) FROM lg.log WHERE revision = 'n2' AND outcome = 'cleanup' AND detail LIKE 'dropped the INVALID index%'")" "1" "the INVALID index was dropped first, and journaled"

# 2. cancel of the caller while its worker waits for another transaction
build_waits
ok "$([ -n "$worker" ] && echo found)" "found" "the build runs in a worker, waiting for the blocker"
psql -X -At -d postgres -c "SELECT pg_cancel_backend($caller)" >/dev/null
wait $client
ok "$(grep -c 'canceling statement due to user request' "$out")" "1" "the caller is cancelled"
ok "$(workers_left)" "0" "no lg worker is left after the cancel"
ok "$(status)" "n2|failed|2|n1" "lg_status: n2 failed at statement 2"
stop_blocker
resume >"$out"
ok "$(status)|$(index_state)" "-|-|-|n2|valid" "a second CALL lg_apply() finishes: n2 applied, index valid"

# 3. the caller is terminated while its worker waits
build_waits
psql -X -At -d postgres -c "SELECT pg_terminate_backend($caller)" >/dev/null
wait $client
ok "$(workers_left)" "0" "no lg worker is left after the caller's termination"
ok "$(status)" "n2|interrupted|2|n1" "lg_status: n2 interrupted at statement 2 (its run died)"
stop_blocker
resume >"$out"
ok "$(status)|$(index_state)" "-|-|-|n2|valid" "after the caller's termination, CALL lg_apply() finishes"

# 4. the worker is terminated
build_waits
psql -X -At -d postgres -c "SELECT pg_terminate_backend($worker)" >/dev/null
wait $client
ok "$(grep -c '^ERROR' "$out")" "1" "the caller fails with an ERROR when its worker is terminated"
ok "$(grep -c 'FATAL' "$out")" "0" "... not a FATAL: the caller's session lives on"
ok "$(status)" "n2|failed|2|n1" "lg_status: n2 failed at statement 2"
stop_blocker
resume >"$out"
ok "$(status)|$(index_state)" "-|-|-|n2|valid" "after the worker's termination, CALL lg_apply() finishes"

# 5. SIGKILL of the caller: every backend restarts
build_waits
kill -9 "$caller"
wait $client
wait "$blocker" 2>/dev/null
wait_server
ok "$(status)" "n2|interrupted|2|n1" "after SIGKILL of the caller: n2 interrupted, not applied"
resume >"$out"
ok "$(status)|$(index_state)" "-|-|-|n2|valid" "after SIGKILL of the caller, CALL lg_apply() finishes"

# 6. SIGKILL of the worker: every backend restarts
build_waits
kill -9 "$worker"
wait $client
wait "$blocker" 2>/dev/null
wait_server
ok "$(status)" "n2|interrupted|2|n1" "after SIGKILL of the worker: n2 interrupted, not applied"
resume >"$out"
ok "$(status)|$(index_state)" "-|-|-|n2|valid" "after SIGKILL of the worker, CALL lg_apply() finishes"

# 7. a COMMIT AND CHAIN backfill killed between its parts resumes after the
# last committed part: each batch's rows are there once
q >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE TABLE ni_batch (part int);
SELECT lg_revision('n3', up => 'INSERT INTO ni_batch VALUES (1); COMMIT AND CHAIN; INSERT INTO ni_batch VALUES (2); COMMIT AND CHAIN; INSERT INTO ni_batch VALUES (3); SELECT pg_sleep(60)',
                   down => 'DELETE FROM ni_batch', parents => '{n2}');
SQL
q -c "SET client_min_messages = warning" -c "CALL lg_apply('head')" >"$out" 2>&1 &
client=$!
caller=$(wait_pid "$caller_cond AND wait_event = 'PgSleep'")
kill -9 "$caller"
wait $client
wait_server
ok "$(status)" "n3|interrupted|5|n2" "killed in its third part: n3 interrupted at statement 5"
ok "$(q -c "SELECT string_agg(part::text, ',' ORDER BY part) FROM ni_batch")" "1,2" "the two committed parts are there, the third is not"
q -c "SET client_min_messages = warning" -c "SELECT lg_revision('n3', up => 'INSERT INTO ni_batch VALUES (1); COMMIT AND CHAIN; INSERT INTO ni_batch VALUES (2); COMMIT AND CHAIN; INSERT INTO ni_batch VALUES (3); SELECT 1', down => 'DELETE FROM ni_batch', parents => '{n2}')" >/dev/null
resume >"$out"
ok "$(q -c "SELECT string_agg(part::text, ',' ORDER BY part) FROM ni_batch")|$(status)" "1,2,3|-|-|-|n3" "resumed at the third part: every batch once, n3 applied"
ok "$(q -c "SELECT count(*) FROM lg.log WHERE revision = 'n3' AND direction = 'up' AND outcome = 'ok'")" "1" "n3 journaled as applied once"

dropdb "$db"
exit $((fails > 0))
