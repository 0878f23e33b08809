#!/usr/bin/env bash
# Developer loop: builds lg, installs it into build/destdir (not into the
# system's PostgreSQL), and runs make installcheck on a throwaway cluster
# that loads lg from there (Debian's extension_destdir setting), so several
# work trees can test side by side.  Extra arguments go to make, e.g.
#   bash scripts/dev-test.sh REGRESS="register privileges" ISOLATION=
#   bash scripts/dev-test.sh -- bash -c 'psql -c "SELECT 1"'   (any command)
# Needs what scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
destdir=$PWD/build/destdir
make -s -j2
rm -rf "$destdir"
make -s install DESTDIR="$destdir" >/dev/null
cmd=(make installcheck "$@")
if [ "${1:-}" = "--" ]; then shift; cmd=("$@"); fi
set +e
# A port of its own: clusters of pg_virtualenv -t started side by side do
# not see each other's and would all take 5432.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
source scripts/cluster.sh
pg_virtualenv -t "${LG_CLUSTER_OPTS[@]}" -c "-p $port" -o "extension_destdir=$destdir" "${cmd[@]}"
rc=$?
set -e
if [ $rc -ne 0 ]; then
  [ -f regression.diffs ] && cat regression.diffs
  [ -f output_iso/regression.diffs ] && cat output_iso/regression.diffs
fi
exit $rc
