#!/usr/bin/env bash
# lg_run_top_level (src/pg/top_level.h): one statement run top level by a
# dynamic background worker, as the caller.  Until CALL lg_apply() runs
# non-transactional revisions, the test reaches it through a TEMPORARY probe
# procedure (src/pg/fn_top_level_probe.cpp) that it creates itself; these
# tests move onto lg_apply() then.  Proves: CREATE INDEX CONCURRENTLY runs
# and its failure comes back with its SQLSTATE leaving an INVALID index;
# notices come back; the worker has the caller's session user, SET ROLE,
# current user, search_path, lock_timeout and lg's lexing rule, and no more
# rights; a cancel or the death of the caller ends the worker; the worker's
# termination is an ERROR of the caller's; no free worker slot is 53000.
# Talks TAP; run with prove against a throwaway server in the PG* variables.
set -u
. "$(dirname "$0")/lib/tap.sh"
db=lg_top_level_test
dir=$(mktemp -d)
bg_pids=()
cleanup() {
  for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$dir"
}
trap cleanup EXIT
# psql with SQLSTATEs in its messages; stdout and stderr together.
psql_v() { psql -X -q -At -v VERBOSITY=verbose -d "$db" "$@" 2>&1; }
workers() { psql -X -At -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'lg worker'"; }
# waits (up to 10 s) until an lg worker runs a statement like $1; prints its pid
worker_running() {
  for _ in $(seq 1 100); do
    pid=$(psql -X -At -d postgres -c "SELECT pid FROM pg_stat_activity WHERE backend_type = 'lg worker' AND query LIKE '$1' LIMIT 1")
    [ -n "$pid" ] && { echo "$pid"; return; }
    sleep 0.1
  done
}
# waits (up to 2 s) until no lg worker is left; prints how many are
no_worker_within_2s() {
  for _ in $(seq 1 20); do [ "$(workers)" = 0 ] && break; sleep 0.1; done
  workers
}
caller_pid() { psql -X -At -d postgres -c "SELECT pid FROM pg_stat_activity WHERE query LIKE 'CALL lg_top_level_probe(%' AND backend_type = 'client backend' LIMIT 1"; }

echo "1..34"
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
psql -X -q -d postgres >/dev/null 2>&1 <<'SQL'
DROP ROLE IF EXISTS lg_tl_login;
DROP ROLE IF EXISTS lg_tl_migrator;
CREATE ROLE lg_tl_migrator NOLOGIN;
CREATE ROLE lg_tl_login LOGIN NOINHERIT PASSWORD 'lg_tl_pw' IN ROLE lg_tl_migrator;
SQL
psql_db >/dev/null <<'SQL'
CREATE PROCEDURE lg_top_level_probe(sql text, commit_first bool DEFAULT true) LANGUAGE C AS '$libdir/lg', 'lg_top_level_probe';
CREATE SCHEMA app AUTHORIZATION lg_tl_migrator;
CREATE SCHEMA locked;
CREATE TABLE app.items (id int, v int);
ALTER TABLE app.items OWNER TO lg_tl_migrator;
INSERT INTO app.items SELECT g, g % 10 FROM generate_series(1, 10000) g;
SQL
su=$(psql_db -c "SELECT session_user")

# CREATE INDEX CONCURRENTLY, which SPI cannot run
out=$(psql_v -c "CALL lg_top_level_probe('CREATE INDEX CONCURRENTLY items_id ON app.items (id)')")
ok "$out" "" "CREATE INDEX CONCURRENTLY runs, silently"
ok "$(psql_db -c "SELECT indisvalid FROM pg_index WHERE indexrelid = 'app.items_id'::regclass")" "t" "the concurrently built index is valid"
ok "$(workers)" "0" "the worker is gone when the call returns"

# a failing concurrent build: its SQLSTATE, DETAIL, the worker's context line; an INVALID index
out=$(psql_v -c "CALL lg_top_level_probe('CREATE UNIQUE INDEX CONCURRENTLY items_v ON app.items (v)')")
ok "$(echo "$out" | grep -c '^ERROR:  23505: could not create unique index "items_v"')" "1" "a unique build over duplicates fails with 23505"
ok "$(echo "$out" | grep -c '^DETAIL:  Key (v)=(.*) is duplicated.')" "1" "with the worker's DETAIL"
ok "$(echo "$out" | grep -c "^CONTEXT:  statement run top level by lg's background worker")" "1" "and a context line naming lg's worker"
ok "$(echo "$out" | grep -c 'FATAL')" "0" "never FATAL"
ok "$(psql_db -c "SELECT indisvalid FROM pg_index WHERE indexrelid = 'app.items_v'::regclass")" "f" "the failed build leaves an INVALID index"

# no self-deadlock: the build waits for another session's older snapshot,
# never for its caller (statement_timeout only keeps a failure from hanging)
psql -X -q -d "$db" -c "BEGIN ISOLATION LEVEL REPEATABLE READ" -c "SELECT count(*) FROM app.items" -c "SELECT pg_sleep(1.5)" -c "COMMIT" >/dev/null 2>&1 &
holder=$!
sleep 0.3
start=$(date +%s%N)
out=$(psql_v -c "SET statement_timeout = '30s'" -c "CALL lg_top_level_probe('CREATE INDEX CONCURRENTLY items_wait ON app.items (v)')")
ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait $holder
ok "$out|$(psql_db -c "SELECT indisvalid FROM pg_index WHERE indexrelid = 'app.items_wait'::regclass")" "|t" \
  "a concurrent build that waits for another session's snapshot finishes once that session commits"
ok "$([ "$ms" -ge 900 ] && echo waited)" "waited" "it did wait for that session (${ms} ms)"
# a caller that still holds a snapshot is refused, rather than deadlock
out=$(psql_v -c "CALL lg_top_level_probe('SELECT 1', commit_first => false)")
ok "$(echo "$out" | grep -c '^ERROR:  XX000: lg cannot start its worker while this transaction holds a snapshot')" "1" \
  "a caller holding a snapshot is refused (XX000) before any worker starts"

# what the worker refuses: more than one statement, transaction control, COPY with the client
out=$(psql_v -c "CALL lg_top_level_probe('SELECT 1; SELECT 2')" -c "CALL lg_top_level_probe('COMMIT')" \
  -c "CALL lg_top_level_probe('COPY app.items FROM STDIN')" -c "CALL lg_top_level_probe('COPY app.items TO STDOUT')")
ok "$(echo "$out" | grep -c "^ERROR:  XX000: lg's background worker received 2 statements, not one")|$(echo "$out" | grep -c "^ERROR:  0A000: lg's background worker does not run")" "1|3" \
  "the worker runs one statement, no transaction control, no COPY with the client"
ok "$(psql_db -c "SELECT 'up'")" "up" "and the server is still up"

# notices of the worker come back to the caller
out=$(psql_v -c "CALL lg_top_level_probe('DROP TABLE IF EXISTS app.nothing_here')")
ok "$(echo "$out" | grep -c '^NOTICE:  00000: table "nothing_here" does not exist, skipping')" "1" "the worker's NOTICE reaches the caller"

# a caller whose client_encoding is not the database's gets the worker's text once converted
latin1_call="CALL lg_top_level_probe('DROP TABLE IF EXISTS app.\"caf"$'\xe9'"\"')"
out=$(PGCLIENTENCODING=LATIN1 psql_v -c "$latin1_call" | iconv -f LATIN1 -t UTF-8)
ok "$(echo "$out" | grep -c '^NOTICE:  00000: table "café" does not exist, skipping')" "1" "a LATIN1 client reads the worker's non-ASCII NOTICE right"

# identity and settings: a superuser session that did SET ROLE to a NOLOGIN role
psql_v >/dev/null -c "SET ROLE lg_tl_migrator" -c "SET search_path = app, public" -c "SET lock_timeout = '4321ms'" \
  -c "CALL lg_top_level_probe('CREATE TABLE who AS SELECT session_user::text AS s, current_user::text AS c, current_setting(''role'') AS r, current_setting(''search_path'') AS p, current_setting(''lock_timeout'') AS l')"
ok "$(psql_db -c "SELECT concat_ws('|', s, c, r, p, l) FROM app.who")" "$su|lg_tl_migrator|lg_tl_migrator|app, public|4321ms" \
  "superuser SET ROLE: session user, current user, role, search_path, lock_timeout are the caller's"
ok "$(psql_db -c "SELECT tableowner FROM pg_tables WHERE schemaname = 'app' AND tablename = 'who'")" "lg_tl_migrator" \
  "what the worker creates belongs to the SET ROLE role"
out=$(psql_v -c "SET ROLE lg_tl_migrator" -c "CALL lg_top_level_probe('CREATE TABLE locked.nope (id int)')")
ok "$(echo "$out" | grep -c '^ERROR:  42501: permission denied for schema locked')" "1" "the worker has no more rights than the SET ROLE role (42501)"
out=$(psql_v -c "SET ROLE lg_tl_migrator" -c "CALL lg_top_level_probe('ALTER SYSTEM SET work_mem = ''1GB''')")
ok "$(echo "$out" | grep -c '^ERROR:  42501: ')" "1" "a superuser session's SET ROLE does not give the worker superuser rights"

# a plain login role that did SET ROLE to a NOLOGIN role it belongs to
PGPASSWORD=lg_tl_pw psql_v -U lg_tl_login >/dev/null -c "SET ROLE lg_tl_migrator" \
  -c "CALL lg_top_level_probe('CREATE TABLE app.who2 AS SELECT session_user::text AS s, current_user::text AS c')"
ok "$(psql_db -c "SELECT s || '|' || c FROM app.who2")" "lg_tl_login|lg_tl_migrator" "login role SET ROLE: the worker's session and current user are the caller's"
out=$(PGPASSWORD=lg_tl_pw psql_v -U lg_tl_login -c "CALL lg_top_level_probe('CREATE INDEX CONCURRENTLY items_v2 ON app.items (v)')")
ok "$(echo "$out" | grep -c '^ERROR:  42501: permission denied for schema app')" "1" "without SET ROLE the login role's own rights apply (42501)"

# SET SESSION AUTHORIZATION: the worker connects as that session user
psql_v >/dev/null -c "SET SESSION AUTHORIZATION lg_tl_login" -c "SET ROLE lg_tl_migrator" \
  -c "CALL lg_top_level_probe('CREATE TABLE app.who3 AS SELECT session_user::text AS s, current_user::text AS c')"
ok "$(psql_db -c "SELECT s || '|' || c FROM app.who3")" "lg_tl_login|lg_tl_migrator" "SET SESSION AUTHORIZATION and SET ROLE: the worker's session and current user are the caller's"
out=$(psql_v -c "SET SESSION AUTHORIZATION lg_tl_migrator" -c "CALL lg_top_level_probe('SELECT 1')")
ok "$(echo "$out" | grep -c '^ERROR:  28000: role "lg_tl_migrator" is not permitted to log in')" "1" \
  "a NOLOGIN session user cannot be the worker's: an ERROR (28000), not a FATAL"

# lg's lexing rule: standard_conforming_strings = on whatever the caller's
psql_v >/dev/null -c "SET standard_conforming_strings = off" \
  -c "CALL lg_top_level_probe(\$q\$CREATE TABLE app.lex AS SELECT length('a\\\\b') AS n\$q\$)"
ok "$(psql_db -c "SELECT n FROM app.lex")" "4" "the worker reads the statement with standard_conforming_strings = on"

# the caller's statement_timeout bounds the statement
out=$(psql_v -c "SET statement_timeout = '500ms'" -c "CALL lg_top_level_probe('SELECT pg_sleep(5)')")
ok "$(echo "$out" | grep -c '^ERROR:  57014: canceling statement due to statement timeout')" "1" "the caller's statement_timeout ends the statement (57014)"
ok "$(workers)" "0" "and leaves no worker"

# cancel of the caller while its concurrent build waits for another session's snapshot
psql -X -q -d "$db" -c "BEGIN ISOLATION LEVEL REPEATABLE READ" -c "SELECT count(*) FROM app.items" -c "SELECT pg_sleep(20)" >/dev/null 2>&1 &
holder=$!
bg_pids+=("$holder")
sleep 0.5
psql_v -c "CALL lg_top_level_probe('CREATE INDEX CONCURRENTLY items_cancel ON app.items (v)')" >"$dir/cancel" &
client=$!
wpid=$(worker_running 'CREATE INDEX CONCURRENTLY items_cancel%')
cpid=$(caller_pid)
psql -X -At -d postgres -c "SELECT pg_cancel_backend($cpid)" >/dev/null
wait $client
ok "$(grep -c '^ERROR:  57014: canceling statement due to user request' "$dir/cancel")" "1" "a cancel of the waiting caller ends it with 57014"
ok "$(workers)" "0" "the worker is gone when the cancelled call returns"
ok "$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE pid = 0$wpid")" "0" "the cancelled worker process has ended"
kill "$holder" 2>/dev/null
psql -X -At -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db' AND query = 'SELECT pg_sleep(20)'" >/dev/null

# an admin terminates the worker: an ERROR of the caller's
psql_v -c "CALL lg_top_level_probe('SELECT pg_sleep(30)')" >"$dir/term" &
client=$!
wpid=$(worker_running 'SELECT pg_sleep(30)')
psql -X -At -d postgres -c "SELECT pg_terminate_backend($wpid)" >/dev/null
wait $client
ok "$(grep -c '^ERROR:  57P01: terminating background worker "lg worker" due to administrator command' "$dir/term")" "1" \
  "pg_terminate_backend of the worker fails the caller with an ERROR (57P01)"

# the caller dies: its worker does not go on
psql_v -c "CALL lg_top_level_probe('SELECT pg_sleep(30)')" >/dev/null &
client=$!
wpid=$(worker_running 'SELECT pg_sleep(30)')
cpid=$(caller_pid)
psql -X -At -d postgres -c "SELECT pg_terminate_backend($cpid)" >/dev/null
wait $client
ok "$(no_worker_within_2s)" "0" "pg_terminate_backend of the caller ends its worker"

# every background worker slot taken: 53000 with a hint
max=$(psql -X -At -d postgres -c "SHOW max_worker_processes")
for _ in $(seq 1 "$max"); do
  psql -X -q -d "$db" -c "CALL lg_top_level_probe('SELECT pg_sleep(30)')" >/dev/null 2>&1 &
  bg_pids+=("$!")
done
for _ in $(seq 1 100); do
  [ "$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type IN ('lg worker', 'logical replication launcher')")" -ge "$max" ] && break
  sleep 0.1
done
out=$(psql_v -c "CALL lg_top_level_probe('SELECT 1')")
ok "$(echo "$out" | grep -c '^ERROR:  53000: lg could not start a background worker to run the statement')" "1" "no free worker slot: 53000"
ok "$(echo "$out" | grep -c '^HINT:  .*max_worker_processes')" "1" "with a hint naming max_worker_processes"
psql -X -At -d postgres -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE 'CALL lg_top_level_probe(%' AND backend_type = 'client backend'" >/dev/null
for p in "${bg_pids[@]}"; do wait "$p" 2>/dev/null; done
bg_pids=()
ok "$(no_worker_within_2s)" "0" "cancelling all those callers leaves no worker"

dropdb "$db"
psql -X -q -d postgres -c "DROP ROLE lg_tl_login" -c "DROP ROLE lg_tl_migrator" >/dev/null 2>&1
exit $((fails > 0))
