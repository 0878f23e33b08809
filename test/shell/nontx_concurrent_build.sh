#!/usr/bin/env bash
# CREATE INDEX CONCURRENTLY run by CALL lg_apply() (in lg's worker) on a
# table other sessions write to.  Proves: the writes are not blocked while
# the index builds; the build waits for other sessions (a writer's open
# transaction, an old snapshot) as PostgreSQL's does, and finishes when
# they end, because the calling session holds no snapshot and no lock the
# build waits for (the self-deadlock of a caller that kept its transaction
# open); the index is valid afterwards.  (The isolation tester cannot run
# this one: it sees lock waits of its own sessions only, and lg's caller
# waits for its worker.)  Talks TAP; run against a throwaway server.
set -u
. "$(dirname "$0")/lib/tap.sh"
db=lg_nontx_build
out=$(mktemp)
trap 'rm -f "$out"' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
# whether the background CALL is still running after a pause
running() { sleep "${1:-1}"; if kill -0 "$client" 2>/dev/null; then echo running; else echo done; fi; }
# waits (at most 30 s) for the background CALL; sets rc to its exit status
finish() { for _ in $(seq 1 300); do kill -0 "$client" 2>/dev/null || break; sleep 0.1; done; wait "$client"; rc=$?; }
index_state() { q -c "SELECT coalesce((SELECT CASE WHEN indisvalid THEN 'valid' ELSE 'INVALID' END FROM pg_index WHERE indexrelid = to_regclass('nb_t_v')), 'none')"; }

echo "1..12"
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
q >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION lg;
CREATE TABLE nb_t (id int PRIMARY KEY, v int);
INSERT INTO nb_t SELECT g, g FROM generate_series(1, 20000) g;
SELECT lg_revision('b1', up => 'CREATE INDEX CONCURRENTLY nb_t_v ON nb_t (v)',
                   down => 'DROP INDEX CONCURRENTLY IF EXISTS nb_t_v');
SQL

# 1. a writer's transaction is open on the table when the build starts
coproc WRITER { psql -X -q -At -d "$db" 2>&1; }
echo "BEGIN; INSERT INTO nb_t VALUES (-1, -1);" >&"${WRITER[1]}"
wait_pid "state = 'idle in transaction'" >/dev/null
q -c "SET client_min_messages = warning" -c "CALL lg_apply('head')" >"$out" 2>&1 &
client=$!
worker=$(wait_pid "backend_type <> 'client backend' AND wait_event_type = 'Lock'")
ok "$([ -n "$worker" ] && echo waiting)" "waiting" "the build (in lg's worker) waits for the writer's transaction"
ok "$(q -c "SELECT in_progress || ' ' || in_progress_state FROM lg_status()")" "b1 running" "lg_status shows b1 running"
# other sessions write while the build waits: not blocked
start=$(date +%s%N)
q -c "SET lock_timeout = '2s'" -c "INSERT INTO nb_t VALUES (20001, 20001)" -c "UPDATE nb_t SET v = v + 1 WHERE id = 2" -c "DELETE FROM nb_t WHERE id = 3" >/dev/null 2>&1
rc=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
ok "$rc" "0" "INSERT, UPDATE and DELETE on the table run during the build (${elapsed} ms)"
ok "$([ "$elapsed" -lt 2000 ] && echo fast)" "fast" "... without waiting"
ok "$(running 1)" "running" "CALL lg_apply() still waits while the writer's transaction is open"
echo "UPDATE nb_t SET v = 0 WHERE id = 4; COMMIT;" >&"${WRITER[1]}"
finish
ok "$rc" "0" "the writer commits: the build finishes, no self-deadlock"
exec {WRITER[1]}>&-
wait "$WRITER_PID" 2>/dev/null
ok "$(index_state)" "valid" "the index is valid"
ok "$(q -c "SET enable_seqscan = off" -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM nb_t WHERE v IN (-1, 0, 3, 20001)")" "-1,2,4,20001" "an index scan finds the rows written before and during the build"

# 2. a session holds only an old snapshot (REPEATABLE READ, no lock on the table)
q -c "SET client_min_messages = warning" -c "CALL lg_apply('base', 'down')" >/dev/null
ok "$(index_state)" "none" "reverted: DROP INDEX CONCURRENTLY ran in the worker"
coproc READER { psql -X -q -At -d "$db" 2>&1; }
echo "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM pg_class;" >&"${READER[1]}"
wait_pid "state = 'idle in transaction'" >/dev/null
q -c "SET client_min_messages = warning" -c "CALL lg_apply('head')" >"$out" 2>&1 &
client=$!
ok "$(running 2)" "running" "the build waits for the old snapshot of another session"
echo "COMMIT;" >&"${READER[1]}"
finish
ok "$rc" "0" "the snapshot ends: the build finishes"
exec {READER[1]}>&-
wait "$READER_PID" 2>/dev/null
ok "$(index_state)|$(q -c "SELECT array_to_string(current, ',') FROM lg_status()")" "valid|b1" "the index is valid and b1 applied"

dropdb "$db"
exit $((fails > 0))
