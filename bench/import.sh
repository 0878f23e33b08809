#!/usr/bin/env bash
# bench/import.sh: lg_import of a dbmate folder of N files (default 10,000)
# and lg_adopt('dbmate') of an N-row schema_migrations, timed in the server
# (clock_timestamp() around the one call, inside a DO block), each run on a
# fresh database, against a floor in the same run:
#   import floor: the same files split into up/down with regexp_match and
#     inserted into a plain table (parsing and storing, no lg);
#   adopt floor:  reading the same schema_migrations joined to lg.revision
#     by id, and inserting N rows into a plain table.
# Also once: the client, lg-import (bash, coreutils, psql), wall clock on a
# folder of those N files.  Against the server in the PG* variables; lg
# must be installable (CREATE EXTENSION).  Not a test: goals are reported,
# never asserted.
#   bash bench/import.sh [N] [RUNS]
#   bash scripts/dev-test.sh -- bash bench/import.sh 10000 5
set -euo pipefail
N=${1:-10000}
RUNS=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
db=lgbench_import_$$
tmp=$(mktemp -d)
cleanup() {
  psql -X -q -d "$db" -c "SET lg.allow_drop = on" -c "DROP EXTENSION IF EXISTS lg" >/dev/null 2>&1 || true
  dropdb --if-exists "$db" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c client_min_messages=warning"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }

# The folder as lg_import receives it: {file name: content}, one CREATE
# TABLE with an index per file, and its down.
files_sql="SELECT jsonb_object_agg(format('%s_create_t%s.sql', 20200101000000 + i, i),
  format(E'-- migrate:up\nCREATE TABLE bench_t%s (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\nCREATE INDEX bench_t%s_name ON bench_t%s (name);\n\n-- migrate:down\nDROP TABLE bench_t%s;\n', i, i, i, i))
  AS files FROM generate_series(1, $N) i"
timed() {  # SQL statement; prints ms of server time
  q -c "CREATE TEMP TABLE bench_ms (ms float8)" -c "DO \$b\$ DECLARE t0 timestamptz; f jsonb := (SELECT files FROM bench_files); BEGIN
    t0 := clock_timestamp(); $1; INSERT INTO bench_ms VALUES (1000 * extract(epoch FROM clock_timestamp() - t0)); END \$b\$" \
    -c "SELECT round(ms::numeric, 1) FROM bench_ms"
}
fresh() {
  dropdb --if-exists "$db" >/dev/null 2>&1 || true
  createdb "$db"
  q -c "CREATE EXTENSION lg" -c "CREATE TABLE bench_files AS $files_sql" \
    -c "CREATE TABLE floor_rev (id text PRIMARY KEY, up text, down text, message text)" \
    -c "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)" \
    -c "INSERT INTO schema_migrations SELECT (20200101000000 + i)::text FROM generate_series(1, $N) i" \
    -c "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null
}
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
minimum() { sort -n | head -1; }

: >"$tmp/imp"; : >"$tmp/impf"; : >"$tmp/adp"; : >"$tmp/adpf"
for r in $(seq 1 "$RUNS"); do
  fresh
  timed "PERFORM count(*) FROM lg_import('dbmate', f)" >>"$tmp/imp"
  [ "$(q -c "SELECT count(*) FROM lg.revision")" = "$N" ] || { echo "import: not $N revisions" >&2; exit 1; }
  timed "INSERT INTO floor_rev SELECT split_part(key, '_', 1), m[1], m[2], key FROM jsonb_each_text(f) e(key, value),
         regexp_match(value, '^-- migrate:up\n(.*)-- migrate:down\n(.*)\$') m" >>"$tmp/impf"
  q -c "CHECKPOINT"
  timed "PERFORM lg_adopt('dbmate')" >>"$tmp/adp"
  [ "$(q -c "SELECT applied FROM lg_status()")" = "$N" ] || { echo "adopt: not $N applied" >&2; exit 1; }
  q -c "CREATE TABLE floor_adopt (id text, version text)"
  timed "INSERT INTO floor_adopt SELECT r.id, s.version FROM schema_migrations s JOIN lg.revision r ON r.id = s.version" >>"$tmp/adpf"
done

# The client once: a folder of the same N files through lg-import.
prog=${LG_IMPORT:-}
bindir=$(pg_config --bindir)
for p in "$repo/build/destdir$bindir/lg-import" "$bindir/lg-import"; do
  [ -z "$prog" ] && [ -x "$p" ] && prog=$p
done
client=""
if [ -n "$prog" ]; then
  fresh
  mkdir -p "$tmp/dir"
  q -c "SELECT key, value FROM bench_files, jsonb_each_text(files)" -F $'\x01' -R $'\x02' \
    | python3 -c '
import sys, os
d = sys.argv[1]
for rec in sys.stdin.read().split("\x02"):
    if rec:
        k, v = rec.split("\x01", 1)
        open(os.path.join(d, k), "w").write(v + "\n")' "$tmp/dir"
  t0=$(date +%s%N)
  "$prog" dbmate "$tmp/dir" -d "$db" >/dev/null
  client=$(( ($(date +%s%N) - t0) / 1000000 ))
fi

imp=$(median <"$tmp/imp"); impf=$(median <"$tmp/impf"); adp=$(median <"$tmp/adp"); adpf=$(median <"$tmp/adpf")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
echo "N=$N runs=$RUNS, server ms, min / median (all: import $(paste -sd' ' "$tmp/imp"); adopt $(paste -sd' ' "$tmp/adp"))"
echo "lg_import('dbmate', $N files): $(minimum <"$tmp/imp") / $imp ms; floor $(minimum <"$tmp/impf") / $impf ms; lg / floor $(ratio "$imp" "$impf"); goal 2000 ms: $(awk -v a="$imp" 'BEGIN {print (a <= 2000) ? "met" : "MISSED"}')"
echo "lg_adopt('dbmate', $N rows): $(minimum <"$tmp/adp") / $adp ms; floor $(minimum <"$tmp/adpf") / $adpf ms; lg / floor $(ratio "$adp" "$adpf"); goal 200 ms: $(awk -v a="$adp" 'BEGIN {print (a <= 200) ? "met" : "MISSED"}')"
[ -n "$client" ] && echo "lg-import dbmate DIR ($N files, client wall clock, once): $client ms"
echo "PostgreSQL $(q -c 'SHOW server_version'); lg $(q -c "SELECT extversion FROM pg_extension WHERE extname = 'lg'"); tree $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores"
