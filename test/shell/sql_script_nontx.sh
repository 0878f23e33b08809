#!/usr/bin/env bash
# An lg_sql() script of a plan with non-transactional revisions (a CREATE
# INDEX CONCURRENTLY, a backfill split by COMMIT AND CHAIN, an enum value
# added and then used) between ordinary revisions, run with psql as README
# says: the schema is reached, the index is valid, lg.version and lg.log are
# as a run leaves them, the run lock is held across the script's commits;
# psql -1 and a stale script are refused before anything runs; a failing
# concurrent build stops the script with the revisions before it recorded.
# The non-transactional revisions are made by hand as a superuser (SQL
# edited in lg.script, transactional set to false): lg_revision does not
# accept them yet.  Talks TAP; run with prove against the server in the PG*
# variables.
set -u
. "$(dirname "$0")/lib/tap.sh"
db=lg_sql_nontx_test
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
run_script() { psql -X -v ON_ERROR_STOP=1 -d "$db" -f "$1" >"$dir/out" 2>&1; }

echo "1..17"
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
psql_db >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION lg;
SELECT lg_revision('r1', up => 'CREATE TABLE t (id int PRIMARY KEY, v int, w int); CREATE TYPE mood AS ENUM (''sad''); INSERT INTO t SELECT g, g % 100 FROM generate_series(1, 1000) g',
  down => 'DROP TABLE t; DROP TYPE mood');
SELECT lg_revision('r2', up => 'CREATE INDEX t_v ON t (v)', down => 'DROP INDEX t_v', parents => '{r1}');
SELECT lg_revision('r3', up => 'UPDATE t SET w = v WHERE id <= 500', down => 'UPDATE t SET w = NULL', parents => '{r2}');
SELECT lg_revision('r4', up => 'CREATE TABLE t4 (m mood)', down => 'DROP TABLE t4', parents => '{r3}');
SELECT lg_revision('r5', up => 'ALTER TYPE mood ADD VALUE ''happy''', down => '', parents => '{r4}');
SELECT lg_revision('r6', up => 'CREATE TABLE t6 (id int)', down => 'DROP TABLE t6', parents => '{r5}');
-- by hand, as a superuser: the non-transactional SQL (the checksum trigger
-- keeps the checksums)
UPDATE lg.script SET up_sql = '-- built without blocking writes
CREATE INDEX CONCURRENTLY t_v ON t (v)' WHERE revision = 'r2';
UPDATE lg.script SET up_sql = 'UPDATE t SET w = v WHERE id <= 500;
COMMIT AND CHAIN;
CREATE TABLE lock_seen AS SELECT count(*) AS n FROM pg_locks
 WHERE locktype = ''advisory'' AND objsubid = 3 AND pid = pg_backend_pid();
UPDATE t SET w = v WHERE id > 500' WHERE revision = 'r3';
UPDATE lg.script SET up_sql = 'ALTER TYPE mood ADD VALUE ''happy'';
INSERT INTO t4 VALUES (''happy'')' WHERE revision = 'r5';
UPDATE lg.revision SET transactional = false WHERE id IN ('r2', 'r3', 'r5');
SQL
ok "$(psql_db -c "SELECT string_agg(id, ',' ORDER BY id) FROM lg.revision WHERE NOT transactional")" "r2,r3,r5" "the fixture has three non-transactional revisions"
psql_db -c "SELECT lg_sql()" >"$dir/script.sql"
[ -n "${LG_SHOW_SCRIPT:-}" ] && cat "$dir/script.sql" >&2
ok "$(grep -c '^-- non-transactional revision: r[235]$' "$dir/script.sql")" "3" "the header names the three non-transactional revisions"
ok "$(grep -c 'WITHOUT -1' "$dir/script.sql")" "1" "the header says to run it without -1"
ok "$(grep -c '^CREATE INDEX CONCURRENTLY t_v ON t (v);$' "$dir/script.sql")" "1" "the concurrent build is a statement of its own"

# psql -1: refused by the first line, before anything runs
out=$(psql -X -1 -v ON_ERROR_STOP=1 -d "$db" -f "$dir/script.sql" 2>&1)
ok "$?" "3" "psql -1 stops the script"
ok "$(echo "$out" | grep -c 'cannot run inside a transaction block')" "1" "with a clear message"
ok "$(psql_db -c "SELECT coalesce(to_regclass('t')::text, '-') || '|' || (SELECT count(*) FROM lg.version)")" "-|0" "nothing ran"

# as README says
run_script "$dir/script.sql"
rc=$?
ok "$rc" "0" "the script runs with psql -X -v ON_ERROR_STOP=1 -f"
[ "$rc" = 0 ] || sed 's/^/# /' "$dir/out"
ok "$(psql_db -c "SELECT array_to_string(current, ',') FROM lg_status()")" "r6" "lg.version is at the head"
ok "$(psql_db -c "SELECT string_agg(revision || ':' || direction || ':' || outcome, ',' ORDER BY id) FROM lg.log")" "r1:up:ok,r2:up:ok,r3:up:ok,r4:up:ok,r5:up:ok,r6:up:ok" "lg.log has one line per step, in order, as a run leaves it"
ok "$(psql_db -c "SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = 't_v'::regclass")" "t" "the concurrently built index is valid"
ok "$(psql_db -c "SELECT count(*) FILTER (WHERE w IS DISTINCT FROM v) FROM t")" "0" "the backfill ran in both parts"
ok "$(psql_db -c "SELECT n FROM lock_seen")" "1" "the run lock is held after the revision's COMMIT AND CHAIN"
ok "$(psql_db -c "SELECT string_agg(m::text, ',') FROM t4")" "happy" "the enum value added was committed before its use"

# the same script again: stale, refused before anything runs
run_script "$dir/script.sql"
ok "$?/$(grep -c 'not those the script was written for' "$dir/out")" "3/1" "a stale script is refused by its first line"

# a failing concurrent build (a unique index over duplicates)
psql_db >/dev/null <<'SQL'
SET client_min_messages = warning;
SELECT lg_revision('r7', up => 'CREATE TABLE t7 (id int)', down => 'DROP TABLE t7', parents => '{r6}');
SELECT lg_revision('r8', up => 'CREATE UNIQUE INDEX t_v_uniq ON t (v)', down => '', parents => '{r7}');
UPDATE lg.script SET up_sql = 'CREATE UNIQUE INDEX CONCURRENTLY t_v_uniq ON t (v)' WHERE revision = 'r8';
UPDATE lg.revision SET transactional = false WHERE id = 'r8';
SQL
psql_db -c "SELECT lg_sql()" >"$dir/fail.sql"
run_script "$dir/fail.sql"
ok "$?" "3" "a failing concurrent build stops the script (ON_ERROR_STOP)"
ok "$(psql_db -c "SELECT array_to_string(current, ',') || '|' || (SELECT count(*) FROM lg.log) || '|' || (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 3) || '|' || (SELECT indisvalid FROM pg_index WHERE indexrelid = 't_v_uniq'::regclass) FROM lg_status()")" "r7|7|0|false" "r7 recorded, r8 not; the lock released; the INVALID index left, as the header says"

dropdb "$db"
exit $((fails > 0))
