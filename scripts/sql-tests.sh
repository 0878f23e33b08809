#!/usr/bin/env bash
# Runs inside pg_virtualenv (PG* variables point at the throwaway cluster):
# pg_regress and isolation suites, pgTAP, the examples, shell-level tests.  $1: folder for the logs.
set -euo pipefail
cd "$(dirname "$0")/.."
log=${1:-$(mktemp -d)}

echo "== regression and isolation tests (make installcheck)"
if ! make installcheck 2>&1 | tee "$log/regress"; then
  [ -f regression.diffs ] && cat regression.diffs
  [ -f output_iso/regression.diffs ] && cat output_iso/regression.diffs
  exit 1
fi

echo "== pgTAP tests (pg_prove)"
psql -X -q -c 'CREATE EXTENSION IF NOT EXISTS pgtap' >/dev/null
make prove 2>&1 | tee "$log/prove"

echo "== the seed systems end to end (examples/)"
bash scripts/examples.sh 2>&1 | tee "$log/examples"

echo "== benchmark harness smoke (N = 50; the full run is bash bench/run.sh)"
bash bench/smoke.sh 2>&1 | tee "$log/bench" | tail -3

echo "== real clients: node-postgres and psycopg2 (prove)"
bash test/clients/run.sh 2>&1 | tee "$log/clients"

echo "== shell-level tests: cancel, timeouts, SIGKILL, lg_sql scripts under psql, a hot standby (prove)"
prove --ext .sh test/shell/ 2>&1 | tee "$log/shell"
