#!/usr/bin/env bash
# bench/smoke.sh: a small run of the SQL-level benchmarks (N = 50, one run of
# each operation, planning at 500 revisions) against the server in the PG*
# variables: no cluster of its own (CI calls it inside its pg_virtualenv).
# Peers run only if already installed. Its databases are dropped on exit.
# Ends with "bench smoke: N passed, M failed"; exits non-zero if any
# operation failed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export BENCH_WORK=$(mktemp -d /tmp/lg-bench-smoke.XXXXXX)
export BENCH_RAW=$BENCH_WORK/raw.tsv BENCH_LOG=$BENCH_WORK/bench.log
export BENCH_NS=${BENCH_SMOKE_N:-50} BENCH_SHAPES="chain dag" BENCH_RUNS=1 \
       BENCH_PLAN_NS=${BENCH_SMOKE_PLAN_N:-500} BENCH_PEER_RUNS="" BENCH_CALLS=5 \
       BENCH_DBMATE_DOWN_MAX=50 BENCH_DB_PREFIX=lgbench_smoke_$$
. "$here/lib/suite.sh"
. "$here/lib/machine.sh"
cleanup() { drop_all_dbs; rm -rf "$BENCH_WORK"; }
trap cleanup EXIT

if ! psql -X -q -c 'SELECT 1' >/dev/null; then
    echo "bench smoke: no server in the PG* variables"
    echo "bench smoke: 0 passed, 1 failed"
    exit 1
fi
start=$(date +%s)
{ machine_info; lg_build_info; } >"$BENCH_WORK/machine.tsv"
bench_suite
"$BENCH_PY" "$here/lib/report.py" "$BENCH_RAW" "$BENCH_WORK/machine.tsv" "bash bench/smoke.sh" \
    || { echo "bench smoke: report.py failed"; BENCH_FAILED=$((BENCH_FAILED + 1)); }
echo "bench smoke: finished in $(( $(date +%s) - start )) s"
echo "bench smoke: $BENCH_PASSED passed, $BENCH_FAILED failed"
[ "$BENCH_FAILED" -eq 0 ]
