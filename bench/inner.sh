#!/usr/bin/env bash
# bench/inner.sh: the full benchmark suite against the server in the PG*
# variables; bench/run.sh runs it inside its pg_virtualenv. Writes
# bench/results.md (BENCH_RESULTS to change it), prints it, and exits non-zero
# if any lg operation failed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export BENCH_WORK=${BENCH_WORK:-$(mktemp -d /tmp/lg-bench.XXXXXX)}
export BENCH_RAW=$BENCH_WORK/raw.tsv BENCH_LOG=$BENCH_WORK/bench.log
BENCH_RESULTS=${BENCH_RESULTS:-$here/results.md}
. "$here/lib/suite.sh"
. "$here/lib/machine.sh"
trap 'drop_all_dbs' EXIT

{ machine_info; lg_build_info; } >"$BENCH_WORK/machine.tsv"
bench_suite
"$BENCH_PY" "$here/lib/report.py" "$BENCH_RAW" "$BENCH_WORK/machine.tsv" "${BENCH_COMMAND:-bash bench/run.sh}" >"$BENCH_RESULTS"
cat "$BENCH_RESULTS"
cp "$BENCH_RAW" "${BENCH_RESULTS%.md}.tsv"
echo "bench: $BENCH_PASSED passed, $BENCH_FAILED failed (raw figures in ${BENCH_RESULTS%.md}.tsv, log in $BENCH_LOG)"
[ "$BENCH_LG_FAILED" -eq 0 ]
