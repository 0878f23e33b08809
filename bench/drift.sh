#!/usr/bin/env bash
# bench/drift.sh: the figures of live-schema drift (issue 14), against the
# server in the PG* variables, e.g. on a throwaway cluster:
#   bash scripts/dev-test.sh -- bash bench/drift.sh
# 1. upgrade: lg_migrate('head') of gen.py's DAG of DRIFT_N revisions (each
#    creates a table with three columns, an index and a comment), then
#    lg_downgrade('base'), DRIFT_RUNS times; client wall clock, median (ms).
#    Run it on a build without lg.schema_state too for the cost of recording.
# 2. lg_schema_drift() and lg_status() with DRIFT_N tables recorded (a
#    column added by hand to one): the first call of a new session (psql
#    \timing, median of DRIFT_SESSIONS sessions), and server-side medians
#    of DRIFT_CALLS calls in one session: every unit described again (a
#    routine replaced before each call), one recorded table changed before
#    each call (only it is described again), nothing changed (kept).
# lg_status() with nothing recorded comes first, for comparison.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
N=${DRIFT_N:-1000}
RUNS=${DRIFT_RUNS:-3}
CALLS=${DRIFT_CALLS:-20}
db=lg_bench_drift_$$
work=$(mktemp -d /tmp/lg-drift.XXXXXX)
cleanup() { dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
python3 "$here/lib/gen.py" "$N" dag "$work" --only lg >/dev/null
createdb "$db"
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
q -c "CREATE EXTENSION lg"
psql -X -q -1 -v ON_ERROR_STOP=1 -d "$db" -f "$work/lg_register.sql" >/dev/null
has_drift=$(q -c "SELECT to_regprocedure('lg_schema_drift()') IS NOT NULL")

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f\n", m}'; }
ms_since() { echo "scale=2; ($(date +%s%N) - $1) / 1000000" | bc; }

# server-side median of CALLS executions of SQL, each after PRE (ms)
server_ms() {  # server_ms SQL [PRE]
    q -c "DO \$\$ DECLARE t timestamptz; ms float8[] := '{}'; BEGIN
            FOR i IN 1..$CALLS LOOP
              ${2:-NULL;}
              t := clock_timestamp(); PERFORM * FROM $1;
              ms := ms || extract(epoch FROM clock_timestamp() - t) * 1000;
            END LOOP;
            RAISE WARNING '%', (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(ms) x);
          END \$\$" 2>&1 | sed -n 's/^WARNING: *//p'
}

echo "lg_status(), nothing recorded: $(server_ms 'lg_status()') ms"
ups=() downs=()
for r in $(seq 1 "$RUNS"); do
    t=$(date +%s%N); q -c "SELECT count(*) FROM lg_migrate('head')" >/dev/null; ups+=("$(ms_since "$t")")
    [ "$r" = "$RUNS" ] && break
    t=$(date +%s%N); q -c "SELECT count(*) FROM lg_downgrade('base')" >/dev/null; downs+=("$(ms_since "$t")")
done
echo "upgrade, $N revisions (dag): $(printf '%s\n' "${ups[@]}" | median) ms (runs: ${ups[*]})"
[ ${#downs[@]} -gt 0 ] && echo "downgrade to base: $(printf '%s\n' "${downs[@]}" | median) ms (runs: ${downs[*]})"
if [ "$has_drift" != t ]; then echo "(no lg_schema_drift() in this build)"; exit 0; fi
echo "recorded: $(q -c "SELECT count(DISTINCT unit_name) || ' units, ' || count(*) || ' parts' FROM lg.schema_state")"
q -c "ALTER TABLE bench_t000001 ADD COLUMN by_hand int" \
  -c "CREATE FUNCTION drift_probe() RETURNS int LANGUAGE sql AS 'SELECT 1'"
all='CREATE OR REPLACE FUNCTION drift_probe() RETURNS int LANGUAGE sql AS $f$SELECT 1$f$;'
one='ALTER TABLE bench_t000002 ALTER COLUMN id SET STATISTICS 100;'
# client-side \timing of the first call in a new session, median of DRIFT_SESSIONS sessions
new_session_ms() {
    for i in $(seq 1 "${DRIFT_SESSIONS:-7}"); do
        q -c '\timing on' -c "SELECT count(*) FROM $1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
    done | median
}
for fn in 'lg_schema_drift()' 'lg_status()'; do
    echo "$fn, $N tables recorded, first call of a new session: $(new_session_ms "$fn") ms"
    echo "$fn, every unit described again (a routine replaced before each call): $(server_ms "$fn" "$all") ms"
    echo "$fn, one recorded table changed before each call: $(server_ms "$fn" "$one") ms"
    echo "$fn, warm (nothing changed): $(server_ms "$fn") ms"
done
echo "lg_schema_drift() lists: $(q -c "SELECT string_agg(object_name || ' ' || change, '; ') FROM lg_schema_drift()")"
echo "lg_status().schema_drift: $(q -c "SELECT schema_drift FROM lg_status()")"
