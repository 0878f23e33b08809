#!/usr/bin/env bash
# bench/check.sh: lg_check('heads') against the upgrade it checks.  One
# database with the DAG of N revisions of bench/lib/gen.py registered (not
# applied); then RUNS times, alternating which goes first:
#   the upgrade: BEGIN; SELECT count(*) FROM lg_migrate('heads'); ROLLBACK
#   the check:   SELECT count(*) FROM lg_check('heads')
# each timed by psql's \timing of that one statement, in a session that has
# already loaded lg and read the registry (SELECT lg_status() first), so
# neither counts the connection or the first load.  Both start from base on
# the same registry.  Medians reported, with their ratio; the goal
# (lg_check <= 3x the upgrade) is reported, never asserted.  Every check
# must return only ok rows (asserted: the workload's downs restore all).
# The tables go to schema bench (search_path bench, public).
# Against the server in the PG* variables; one transaction creates N tables
# with an index each: start the cluster with max_locks_per_transaction=1024.
#   bash bench/check.sh [N] [RUNS]
#   bash scripts/dev-test.sh -- bash bench/check.sh 1000 5   (a cluster of its own, default settings)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
RUNS=${2:-5}
db=lgbench_check_$$
out=$(mktemp -d)
cleanup() {
  psql -X -q -d "$db" -c "SET lg.allow_drop = on" -c "DROP EXTENSION IF EXISTS lg" >/dev/null 2>&1 || true
  dropdb --if-exists "$db" >/dev/null 2>&1 || true
  rm -rf "$out"
}
trap cleanup EXIT
export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c client_min_messages=warning -c search_path=bench,public"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
# psql's \timing of the statement that follows '\timing on', in microseconds
timing_us() { sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1 | awk '{printf "%d", $1 * 1000}'; }
median() { sort -n | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000}'; }

python3 bench/lib/gen.py "$N" dag "$out" --only lg >/dev/null
createdb "$db"
q -c "CREATE EXTENSION lg SCHEMA public" -c "CREATE SCHEMA bench" >/dev/null
q -1 -f "$out/lg_register.sql" >/dev/null

upgrade() {
  q -c "SELECT lg_status()" -c "BEGIN" -c '\timing on' -c "SELECT count(*) FROM lg_migrate('heads')" \
    -c '\timing off' -c "ROLLBACK" | timing_us
}
check() {
  local res
  res=$(q -c "SELECT lg_status()" -c '\timing on' \
    -c "SELECT count(*) FILTER (WHERE ok IS NOT TRUE) FROM lg_check('heads')")
  [ "$(printf '%s\n' "$res" | sed -n 2p)" = 0 ] || { echo "lg_check found something: $res" >&2; exit 1; }
  printf '%s\n' "$res" | timing_us
}

ups=() checks=()
for r in $(seq 1 "$RUNS"); do
  if [ $((r % 2)) = 1 ]; then
    ups+=("$(upgrade)"); checks+=("$(check)")
  else
    checks+=("$(check)"); ups+=("$(upgrade)")
  fi
  [ "$(q -c "SELECT count(*) FROM lg.version")" = 0 ] || { echo "the registry moved" >&2; exit 1; }
done
up_ms=$(printf '%s\n' "${ups[@]}" | median)
check_ms=$(printf '%s\n' "${checks[@]}" | median)
echo "dag $N, $RUNS runs: upgrade (lg_migrate, rolled back) ms: $(printf '%s\n' "${ups[@]}" | awk '{printf "%.0f\n", $1 / 1000}' | paste -sd' ')"
echo "dag $N, $RUNS runs: lg_check ms: $(printf '%s\n' "${checks[@]}" | awk '{printf "%.0f\n", $1 / 1000}' | paste -sd' ')"
echo "medians: upgrade $up_ms ms, lg_check $check_ms ms, ratio $(awk -v a="$check_ms" -v b="$up_ms" 'BEGIN {printf "%.2f", a / b}')x (goal <= 3x)"
