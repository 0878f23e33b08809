#!/usr/bin/env bash
# lg behind a streaming hot standby: a second cluster made with
# pg_basebackup from the server in the PG* variables (the primary), started
# on a port of its own.  Migrations applied on the primary reach the standby
# with lg's history; lg's read-only functions work there; runs and
# registrations there fail cleanly; a standby promoted while a run was in
# progress on the primary shows that run entirely or not at all.  Talks
# TAP; run with prove (scripts/sql-tests.sh does, inside pg_virtualenv).
set -u
. "$(dirname "$0")/lib/tap.sh"
db=lg_replica_test
bindir=$(pg_config --bindir)
work=$(mktemp -d)
sport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# PostgreSQL refuses to run as root: as root, the standby runs as postgres.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  as_owner "$bindir/pg_ctl" -D "$work/standby" -m immediate stop >/dev/null 2>&1
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
primary() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
standby() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$work" -p "$sport" -d "$db" "$@"; }
# waits until the standby has replayed everything the primary wrote so far
catch_up() {
  local lsn
  lsn=$(psql -X -At -d postgres -c 'SELECT pg_current_wal_lsn()')
  for _ in $(seq 1 200); do
    [ "$(standby -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn" 2>/dev/null)" = t ] && return
    sleep 0.05
  done
}

echo "1..13"
psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
primary >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION lg;
SELECT lg_revision('r1', up => 'CREATE TABLE r_one (id int PRIMARY KEY)', down => 'DROP TABLE r_one', verify => 'SELECT count(*) = 0 FROM r_one');
SELECT lg_revision('r2', up => 'INSERT INTO r_one VALUES (1)', down => 'DELETE FROM r_one', parents => '{r1}');
SELECT count(*) FROM lg_migrate('r1');
SQL

# The standby: a base backup of the primary, streaming from it.
as_owner "$bindir/pg_basebackup" -h localhost -p "$PGPORT" -U "$PGUSER" -D "$work/standby" -R -X stream -c fast >/dev/null
destdir=$(psql -X -At -d postgres -c "SELECT setting FROM pg_settings WHERE name = 'extension_destdir'" 2>/dev/null)
{
  echo "port = $sport"
  echo "listen_addresses = ''"
  echo "unix_socket_directories = '$work'"
  echo "hot_standby = on"
  [ -n "$destdir" ] && echo "extension_destdir = '$destdir'"
} | as_owner tee "$work/standby/postgresql.conf" >/dev/null
echo "local all all trust" | as_owner tee "$work/standby/pg_hba.conf" >/dev/null
echo "" | as_owner tee "$work/standby/pg_ident.conf" >/dev/null
as_owner "$bindir/pg_ctl" -D "$work/standby" -l "$work/standby.log" -w start >/dev/null
export PGUSER
ok "$(standby -c 'SELECT pg_is_in_recovery()')" "t" "the standby is a hot standby"

# What the primary applies reaches the standby, history and journal too.
primary -c "SET client_min_messages = warning" -c "SELECT count(*) FROM lg_migrate('head')" >/dev/null
catch_up
ok "$(standby -c "SELECT array_to_string(current, ',') FROM lg_status()")" "r2" "the standby's lg_status shows the primary's run"
ok "$(standby -c "SELECT string_agg(revision || ':' || is_applied, ' ') FROM lg_history()")" "r2:true r1:true" "lg_history on the standby"
ok "$(standby -c "SELECT string_agg(revision || '/' || direction, ' ' ORDER BY id) FROM lg.log")" "r1/up r2/up" "the journal is on the standby"
ok "$(standby -c 'SELECT id FROM r_one')" "1" "and so is what the migrations did"

# Every read-only function works there.
reads=$(standby 2>&1 <<'SQL'
SELECT count(*) FROM lg_current();
SELECT count(*) FROM lg_heads();
SELECT count(*) FROM lg_bases();
SELECT count(*) FROM lg_branches();
SELECT count(*) FROM lg_plan('base', 'down');
SELECT length(lg_sql('base', 'down')) > 0;
SELECT count(*) FROM lg_verify();
SQL
)
ok "$(echo "$reads" | tr '\n' ' ')" "1 1 1 0 2 t 1 " "lg_current, lg_heads, lg_bases, lg_branches, lg_plan, lg_sql and lg_verify work on the standby"

# Runs and registrations fail with a clean error, and change nothing.
err() { standby -c "$1" 2>&1 | grep "ERROR" | head -1; }
ok "$(err "SELECT * FROM lg_downgrade('base')" | grep -c 'on a hot standby')" "1" "lg_downgrade on the standby: a clean error"
ok "$(err "CALL lg_apply('head')" | grep -c 'on a hot standby')" "1" "CALL lg_apply on the standby: a clean error"
ok "$(err "SELECT lg_revision('r3', up => 'SELECT 1', parents => '{r2}')" | grep -c 'on a hot standby')" "1" "lg_revision on the standby: a clean error"

# Promotion in the middle of a run on the primary: the promoted standby
# has the run entirely or not at all (here: not at all, it never committed).
primary -c "SET client_min_messages = warning" -c "SELECT lg_revision('r3', up => 'CREATE TABLE r_three (id int); INSERT INTO r_three VALUES (3); SELECT pg_sleep(30)', down => 'DROP TABLE r_three', parents => '{r2}')" >/dev/null
catch_up
psql -X -q -d "$db" -c "SELECT * FROM lg_migrate('head')" >/dev/null 2>&1 &
client=$!
for _ in $(seq 1 100); do
  [ "$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT * FROM lg_migrate%' AND wait_event = 'PgSleep'")" = 1 ] && break
  sleep 0.1
done
catch_up
as_owner "$bindir/pg_ctl" -D "$work/standby" -w promote >/dev/null
ok "$(standby -c 'SELECT pg_is_in_recovery()')" "f" "the standby is promoted while the run is in progress"
ok "$(standby -c "SELECT array_to_string(current, ',') || ' ' || coalesce(to_regclass('r_three')::text, '-') || ' ' || (SELECT count(*) FROM lg.log) FROM lg_status()")" "r2 - 2" "the promoted standby has nothing of the unfinished run"
ok "$(standby -c "SET client_min_messages = warning" -c "SELECT lg_revision('r3', up => 'CREATE TABLE r_three (id int)', down => 'DROP TABLE r_three', parents => '{r2}')" -c "SELECT string_agg(revision, ' ') FROM lg_migrate('head')")" "r3
r3" "and migrates on its own as the new primary"
ok "$(standby -c "SELECT array_to_string(current, ',') || ' ' || coalesce(to_regclass('r_three')::text, '-') FROM lg_status()")" "r3 r_three" "with the run recorded"
psql -X -q -d postgres -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT * FROM lg_migrate%'" >/dev/null
wait $client
exit $((fails > 0))
