#!/usr/bin/env bash
# Installs what lg needs on Debian 12 (as root, or through sudo), then builds
# and installs the extension.  Safe to run again: it installs only what is
# missing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

PACKAGES=(
  make g++ cmake pkg-config            # build tools
  postgresql-15                        # server, contrib modules, pg_virtualenv (postgresql-common)
  postgresql-server-dev-15             # PGXS, server headers, pg_regress, pg_isolation_regress
  libboost-graph-dev                   # Boost.Graph (header-only use)
  libgtest-dev                         # GoogleTest for the core's unit tests
  postgresql-15-pgtap                  # pgTAP
  python3-alembic                      # the reference planner of the differential test
  clang libclang-rt-14-dev             # libFuzzer and sanitizers for the core's fuzz target
  clang-format clang-tidy              # make format / make lint (14 on Debian 12)
  libtap-parser-sourcehandler-pgtap-perl  # pg_prove
  python3-psycopg2                     # real-client tests (test/clients)
  sqitch libdbd-pg-perl                # the real sqitch (test/shell/real_tools.sh)
)
# node-postgres for the real-client tests comes from the npm registry (npm
# ci in test/clients), dbmate for the real-tool tests too (npm ci in
# test/tools); Node.js and npm from Debian, unless a Node.js with
# npm is installed already (another vendor's nodejs package bundles npm).
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

echo "== building lg"
make -j2
echo "== installing lg"
$SUDO make install
