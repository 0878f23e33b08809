#!/usr/bin/env bash
# Interrupted runs leave the database exactly as before the run: a cancel
# (pg_cancel_backend), statement_timeout, lg.statement_timeout, and a
# backend killed with SIGKILL in the middle of a revision.  Talks TAP; run
# with prove against the server in the PG* variables (a throwaway one: the
# SIGKILL makes the postmaster restart every backend).
set -u
. "$(dirname "$0")/lib/tap.sh"
db=lg_interrupt_test
cancel_out=$(mktemp)
trap 'rm -f "$cancel_out"' EXIT
state() { psql_db -c "SELECT coalesce(array_to_string(current, ','), '') || '|' || (SELECT count(*) FROM lg.log) || '|' || coalesce(to_regclass('t_one')::text, '-') FROM lg_status()"; }
wait_running() {  # waits until a backend runs the lg_migrate call
  for _ in $(seq 1 100); do
    pid=$(psql -X -At -d "$db" -c "SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT %lg_migrate%' AND state = 'active' AND pid <> pg_backend_pid() LIMIT 1")
    [ -n "$pid" ] && { echo "$pid"; return; }
    sleep 0.1
  done
}

echo "1..9"
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
psql_db >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION lg;
SELECT lg_revision('i1', up => 'CREATE TABLE t_one (id int)', down => 'DROP TABLE t_one');
SELECT lg_revision('i2', up => 'INSERT INTO t_one VALUES (1); SELECT pg_sleep(30)', down => 'DELETE FROM t_one', parents => '{i1}');
SQL
before=$(state)
ok "$before" "|0|-" "starting state: no rows, no journal, no table"

# cancel in the middle of revision i2 (i1 already ran)
psql -X -q -d "$db" -c "SELECT * FROM lg_migrate('head')" >"$cancel_out" 2>&1 &
client=$!
pid=$(wait_running)
sleep 0.3
psql -X -At -d postgres -c "SELECT pg_cancel_backend($pid)" >/dev/null
wait $client
ok "$(grep -c 'canceling statement due to user request' "$cancel_out")" "1" "pg_cancel_backend fails the run with the cancel error"
ok "$(state)" "$before" "after a cancel the database is as before the run"

# statement_timeout of the caller
out=$(psql -X -q -d "$db" -c "SET statement_timeout = '300ms'" -c "SELECT * FROM lg_migrate('head')" 2>&1)
ok "$(echo "$out" | grep -c 'canceling statement due to statement timeout')" "1" "statement_timeout fails the run"
ok "$(state)" "$before" "after statement_timeout the database is as before the run"

# lg.statement_timeout bounds each statement
out=$(psql -X -q -d "$db" -c "SET lg.statement_timeout = '300ms'" -c "SELECT * FROM lg_migrate('head')" 2>&1)
ok "$(echo "$out" | grep -c 'lg revision "i2" (up), statement 2')" "1" "lg.statement_timeout fails the statement, named in the context"
ok "$(state)" "$before" "after lg.statement_timeout the database is as before the run"

# SIGKILL of the backend: the postmaster restarts, the transaction never committed
psql -X -q -d "$db" -c "SELECT * FROM lg_migrate('head')" >/dev/null 2>&1 &
client=$!
pid=$(wait_running)
sleep 0.3
kill -9 "$pid"
wait $client
wait_server
ok "$(state)" "$before" "after SIGKILL of the backend the database is as before the run"

# and the same database still migrates
psql_db -c "SET client_min_messages = warning" -c "SELECT lg_revision('i2', up => 'INSERT INTO t_one VALUES (1)', down => 'DELETE FROM t_one', parents => '{i1}')" >/dev/null
psql_db -c "SET client_min_messages = warning" -c "SELECT count(*) FROM lg_migrate('head')" >/dev/null
ok "$(state)" "i2|2|t_one" "after the interruptions a run completes"

dropdb "$db"
exit $((fails > 0))
