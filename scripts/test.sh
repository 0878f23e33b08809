#!/usr/bin/env bash
# Every test: set up, then make lint (clang-format, long functions,
# clang-tidy on changed files), the boundary probes (make check-boundary),
# the core's GoogleTest suite (CTest), and on a throwaway cluster the
# pg_regress and isolation suites (make installcheck) and the pgTAP suite
# (pg_prove).  Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

echo "== formatting and clang-tidy on changed files (make lint)"
make -s lint

echo "== the build enforces the boundary (make check-boundary)"
make -s check-boundary

echo "== unit tests (GoogleTest via CTest)"
make unit 2>&1 | tee "$log/unit"

echo "== fuzzing the core's parsers and registry validation (libFuzzer, 30 s)"
make fuzz FUZZ_SECONDS=30 2>&1 | tail -4

echo "== SQL tests on a throwaway cluster, created with no locale in the environment"
# As in most containers: LANG and LC_* unset.  scripts/cluster.sh makes the
# cluster UTF8 all the same, and examples.sh checks that it is.
source scripts/cluster.sh
(
  for v in $(env | sed -n 's/^\(LANG\|LANGUAGE\|LC_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done
  pg_virtualenv -t "${LG_CLUSTER_OPTS[@]}" bash scripts/sql-tests.sh "$log"
)

# One plain closing line over the three runners.
unit=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2 \1/p' "$log/unit" | tail -1)
regress=$(grep -o 'All [0-9]* tests passed' "$log/regress" | awk '{s += $2} END {print s + 0}')
tap=$(cat "$log/prove" "$log/clients" "$log/shell" | sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' | awk '{s += $1} END {print s + 0}')
examples=$(sed -n 's/^examples: \([0-9]*\) passed.*/\1/p' "$log/examples" | tail -1)
total=$(( ${unit% *} + ${regress:-0} + ${tap:-0} + ${examples:-0} ))
echo "lg: ${total} passed, 0 failed"
