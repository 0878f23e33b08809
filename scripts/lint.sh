#!/usr/bin/env bash
# make lint: fails on a clang-format diff in any C++ file given, on a
# function in src/ over 60 lines without a comment saying why
# (scripts/long_functions.py), or on a
# clang-tidy finding (.clang-tidy) in a C++ file changed since the merge
# base with LINT_BASE (default main; without that ref, every file).
# Environment: CLANG_FORMAT, CLANG_TIDY, LINT_BASE, PG_INCLUDEDIR.
set -uo pipefail
cd "$(dirname "$0")/.."
: "${CLANG_FORMAT:=clang-format}" "${CLANG_TIDY:=clang-tidy}" "${LINT_BASE:=main}"
: "${PG_INCLUDEDIR:=$(pg_config --includedir-server)}"
rc=0

# The tree is formatted by clang-format 14 (Debian 12's); another major
# formats some constructs differently, so on other releases (the matrix's
# roots) the format check is left to the Debian 12 run, and says so.
format_major=$($CLANG_FORMAT --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
echo "== clang-format ($($CLANG_FORMAT --version | grep -o 'version [0-9.]*'))"
if [ "$format_major" != 14 ]; then
  echo "lint: clang-format $format_major is not 14, the tree's formatter: format not checked here"
elif ! $CLANG_FORMAT --dry-run -Werror "$@"; then
  echo "lint: formatting differs; run make format" >&2
  rc=1
fi

echo "== functions in src/ over 60 lines without a comment saying why"
if ! python3 scripts/long_functions.py src/*/*.cpp src/*/*.h; then
  echo "lint: split them, or say why above them (\"Long because ...\")" >&2
  rc=1
fi

if base=$(git merge-base HEAD "$LINT_BASE" 2>/dev/null); then
  mapfile -t changed < <(git diff --name-only --diff-filter=d "$base" -- '*.cpp' ; git ls-files --others --exclude-standard -- '*.cpp')
  what="changed since $(git rev-parse --short "$base") ($LINT_BASE)"
else
  # no base to compare with (a tree without the ref, e.g. a matrix root):
  # nothing counts as changed
  changed=()
  what="changed ($LINT_BASE not found: none)"
fi
files=()
for f in "${changed[@]}"; do
  case " $* " in *" $f "*) files+=("$f") ;; esac
done
echo "== clang-tidy on ${#files[@]} C++ file(s) $what"
if [ ${#files[@]} -gt 0 ]; then
  # src/pg is compiled against PostgreSQL and without exceptions; the rest
  # (core, bridge, tests) without PostgreSQL.
  if ! printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -I{} sh -c '
      case {} in
        src/pg/* | test/boundary/pg_*) flags="-fno-exceptions -fno-rtti -I'"$PG_INCLUDEDIR"' -Wno-register" ;;
        *) flags="" ;;
      esac
      '"$CLANG_TIDY"' --quiet {} -- -std=c++17 -Isrc $flags 2>/dev/null || { echo "lint: clang-tidy findings in {}" >&2; exit 1; }'; then
    rc=1
  fi
fi
[ $rc -eq 0 ] && echo "lint: clean"
exit $rc
