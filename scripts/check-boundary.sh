#!/usr/bin/env bash
# The build enforces the boundary (docs/DESIGN.md, boundary rules 1 and 3);
# this proves it, run by `make check-boundary` (which passes the compiler
# and the flags of the real build) and by scripts/test.sh:
#   - a core file that includes a PostgreSQL header does not compile, with
#     the core's flags nor with PostgreSQL's include directories;
#   - a src/pg file that includes a C++ standard header, or throws, does
#     not compile with the flags of src/pg;
#   - each probe compiles without its violation (the failure is the check's);
#   - every core header includes core/firewall.h after its other includes,
#     and every src/pg/*.cpp includes pg/c_style.h last.
# Environment: CXX, CORE_FLAGS, PG_FLAGS (src/pg's compile flags with
# PostgreSQL's include directories).
set -uo pipefail
cd "$(dirname "$0")/.."
: "${CXX:=g++}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fails=0

# expect ok|fail NAME PATTERN FLAGS... : compile, check outcome and message.
expect() {
  local want=$1 name=$2 pattern=$3
  shift 3
  if $CXX -fsyntax-only "$@" >"$out/log" 2>&1; then got=ok; else got=fail; fi
  if [ "$got" != "$want" ] || { [ "$want" = fail ] && ! grep -q -- "$pattern" "$out/log"; }; then
    echo "not ok - $name (compiled: $got, wanted: $want${pattern:+, message: $pattern})"
    sed 's/^/#   /' "$out/log" | head -20
    fails=$((fails + 1))
  else
    echo "ok - $name"
  fi
}

core=test/boundary/core_sees_pg.cpp
pg=test/boundary/pg_sees_std.cpp
# shellcheck disable=SC2086
{
  expect ok "core probe compiles clean with the core's flags" "" $CORE_FLAGS $core
  expect fail "core + postgres.h, core's flags: header does not resolve" "postgres.h" \
    $CORE_FLAGS -DLG_PROBE_VIOLATION $core
  expect fail "core + postgres.h, PostgreSQL's include directories: firewall" \
    "src/core must not include PostgreSQL headers" $PG_FLAGS -DLG_PROBE_VIOLATION $core
  expect ok "pg probe compiles clean with src/pg's flags" "" $PG_FLAGS $pg
  expect fail "src/pg + <vector>: c_style.h" \
    "src/pg must not include C++ standard-library headers" $PG_FLAGS -DLG_PROBE_VIOLATION $pg
  expect fail "src/pg + throw: -fno-exceptions" "exception handling disabled" \
    $PG_FLAGS -DLG_PROBE_THROW $pg
}

# The checks run where they must: firewall.h last in every core header,
# c_style.h last in every src/pg file.
for h in src/core/*.h; do
  case $h in src/core/firewall.h | src/core/error_kinds.h) continue ;; esac
  if [ "$(grep '^#include' "$h" | tail -1 | cut -d' ' -f2)" != '"core/firewall.h"' ]; then
    echo "not ok - $h: core/firewall.h is not its last #include"
    fails=$((fails + 1))
  fi
done
for f in src/pg/*.cpp; do
  if [ "$(grep '^#include' "$f" | tail -1 | cut -d' ' -f2)" != '"pg/c_style.h"' ]; then
    echo "not ok - $f: pg/c_style.h is not its last #include"
    fails=$((fails + 1))
  fi
done
if grep -q '^#pragma once\|^#ifndef' src/core/firewall.h src/pg/c_style.h; then
  echo "not ok - firewall.h or c_style.h has an include guard"
  fails=$((fails + 1))
fi

[ $fails -eq 0 ] && echo "boundary: every check passed" || echo "boundary: $fails check(s) failed"
exit $((fails > 0))
