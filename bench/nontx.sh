#!/usr/bin/env bash
# bench/nontx.sh: what a non-transactional step of CALL lg_apply() costs
# beyond its statement.  Two statements that must run top level, each timed
# as psql runs it in autocommit (the floor) and as one revision applied by
# CALL lg_apply() (lg's background worker: start, hand-over, the journal,
# lg.progress and the commits around it), alternating, RUNS times each,
# medians reported:
#   VACUUM of a small table      (the statement costs next to nothing: the
#                                 difference is lg's overhead)
#   CREATE INDEX CONCURRENTLY on N rows (a real build)
# Each measurement is psql's \timing of the one statement in a session
# that has already loaded lg (SELECT lg_status() first), so neither side
# counts the connection or the library load.  Against the server in the PG* variables; not a test:
# the goal (overhead <= 20 ms) is reported, never asserted.
#   bash bench/nontx.sh [N] [RUNS]
#   bash scripts/dev-test.sh -- bash bench/nontx.sh 200000 15
set -euo pipefail
N=${1:-200000}
RUNS=${2:-15}
db=lgbench_nontx_$$
cleanup() {
  psql -X -q -d "$db" -c "SET lg.allow_drop = on" -c "DROP EXTENSION IF EXISTS lg" >/dev/null 2>&1 || true
  dropdb --if-exists "$db" >/dev/null 2>&1 || true
}
trap cleanup EXIT
export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c client_min_messages=warning"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
# psql's \timing of sql (after loading lg in the session), in microseconds
timed() { q -c "SELECT lg_status()" -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1 | awk '{printf "%d", $1 * 1000}'; }
median() { sort -n | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000}'; }

createdb "$db"
q >/dev/null <<SQL
CREATE EXTENSION lg;
CREATE TABLE small (id int);
INSERT INTO small SELECT generate_series(1, 10);
CREATE TABLE big (id int PRIMARY KEY, v int);
INSERT INTO big SELECT g, (g * 7919) % $N FROM generate_series(1, $N) g;
VACUUM ANALYZE big;
SELECT lg_revision('vac', up => 'VACUUM small', down => '');
SELECT lg_revision('cic', up => 'CREATE INDEX CONCURRENTLY big_v ON big (v)',
                   down => 'DROP INDEX CONCURRENTLY IF EXISTS big_v', parents => '{vac}');
SQL

floor_vac=() lg_vac=() floor_cic=() lg_cic=()
for _ in $(seq 1 "$RUNS"); do
  floor_vac+=("$(timed "VACUUM small")")
  lg_vac+=("$(timed "CALL lg_apply('vac')")")
  q -c "CALL lg_apply('base', 'down')"
  floor_cic+=("$(timed "CREATE INDEX CONCURRENTLY big_v ON big (v)")")
  q -c "DROP INDEX big_v"
  q -c "CALL lg_apply('vac')"
  lg_cic+=("$(timed "CALL lg_apply('cic')")")
  q -c "CALL lg_apply('base', 'down')"
done
fv=$(printf '%s\n' "${floor_vac[@]}" | median)
lv=$(printf '%s\n' "${lg_vac[@]}" | median)
fc=$(printf '%s\n' "${floor_cic[@]}" | median)
lc=$(printf '%s\n' "${lg_cic[@]}" | median)
echo "statement | psql autocommit (ms) | CALL lg_apply (ms) | lg's overhead (ms)"
echo "VACUUM small | $fv | $lv | $(awk -v a="$lv" -v b="$fv" 'BEGIN {printf "%.1f", a - b}')"
echo "CREATE INDEX CONCURRENTLY, $N rows | $fc | $lc | $(awk -v a="$lc" -v b="$fc" 'BEGIN {printf "%.1f", a - b}')"
echo "(medians of $RUNS runs; goal: overhead <= 20 ms)"
