#!/usr/bin/env bash
# bench/top_level_probe.sh [TXNS]: TEMPORARY, goes with the test-only probe
# procedure (src/pg/fn_top_level_probe.cpp): what running one statement in
# lg's background worker (src/pg/top_level.h) costs over running it
# directly, against the server in PG* (superuser; creates and drops a
# database).  pgbench's average latency of each statement, then through
# the probe (a commit, the worker's start, its connection, the statement,
# the hand-over and the worker's exit); the issue's budget for the
# difference is 20 ms.
#
#   bash scripts/dev-test.sh -- bash bench/top_level_probe.sh 200
set -euo pipefail
txns=${1:-200}
db=lg_top_level_bench
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
psql -X -q -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
CREATE PROCEDURE lg_top_level_probe(sql text, commit_first bool DEFAULT true)
  LANGUAGE C AS '$libdir/lg', 'lg_top_level_probe';
CREATE TABLE tiny (id int PRIMARY KEY);
INSERT INTO tiny SELECT generate_series(1, 100);
SQL
latency() {  # pgbench's "latency average" in ms of a script of the lines $@
  printf '%s\n' "$@" > "$dir/s.sql"
  pgbench -n -t "$txns" -f "$dir/s.sql" "$db" 2>/dev/null | sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p'
}
echo "statement                                      direct_ms  worker_ms  overhead_ms"
# (each CREATE INDEX is followed by the same DROP INDEX, timed with it)
for s in "SELECT 1" "VACUUM tiny" "CREATE INDEX CONCURRENTLY tiny_x ON tiny (id)"; do
  after=()
  case $s in CREATE*) after=("DROP INDEX tiny_x;") ;; esac
  direct=$(latency "$s;" "${after[@]}")
  worker=$(latency "CALL lg_top_level_probe('$s');" "${after[@]}")
  printf '%-46s %9s  %9s  %11s\n' "$s" "$direct" "$worker" "$(awk "BEGIN { printf \"%.3f\", $worker - $direct }")"
done
dropdb "$db"
