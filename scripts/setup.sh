#!/usr/bin/env bash
# Installs what lg needs on Debian 12 (as root, or through sudo), then builds
# and installs the extension.  Safe to run again: it installs only what is
# missing and rebuilds only what changed.
# LG_PG_MAJOR picks the PostgreSQL major (default 15, Debian 12's; 17 on
# Debian 13, 18 on forky: see scripts/matrix.sh).  Everything is built
# against that major's pg_config.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
PGMAJOR=${LG_PG_MAJOR:-15}
PG_CONFIG=/usr/lib/postgresql/$PGMAJOR/bin/pg_config

# Package lists are needed to ask which clang and pgvector the release has.
[ -n "$(ls /var/lib/apt/lists/ 2>/dev/null | grep _Packages)" ] || $SUDO apt-get update
# libFuzzer's runtime is versioned with clang (14 on Debian 12, 19 on 13).
CLANG_MAJOR=$(apt-cache depends clang 2>/dev/null | sed -n 's/^ *Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -1)
CLANG_MAJOR=${CLANG_MAJOR:-14}

PACKAGES=(
  make g++ cmake pkg-config            # build tools
  git                                  # make dist (test/shell/pgxn_dist.sh)
  postgresql-$PGMAJOR                        # server, contrib modules, pg_virtualenv (postgresql-common)
  postgresql-server-dev-$PGMAJOR             # PGXS, server headers, pg_regress, pg_isolation_regress
  libboost-graph-dev                   # Boost.Graph (header-only use)
  libgtest-dev                         # GoogleTest for the core's unit tests
  postgresql-$PGMAJOR-pgtap                  # pgTAP
  python3-alembic                      # the reference planner of the differential test
  clang libclang-rt-$CLANG_MAJOR-dev             # libFuzzer and sanitizers for the core's fuzz target
  clang-format clang-tidy              # make format / make lint (clang 14 on Debian 12)
  libtap-parser-sourcehandler-pgtap-perl  # pg_prove
  python3-psycopg2                     # real-client tests (test/clients)
  sqitch libdbd-pg-perl                # the real sqitch (test/shell/real_tools.sh)
  graphviz                             # dot, to check lg_graph()'s output (test/shell/graph_dot.sh)
)
# node-postgres for the real-client tests comes from the npm registry (npm
# ci in test/clients), dbmate for the real-tool tests too (npm ci in
# test/tools); Node.js and npm from Debian, unless a Node.js with
# npm is installed already (another vendor's nodejs package bundles npm).
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)
# pgvector, for the chief_of_staff example's vector branch, where the
# release packages it for this major (Debian 13 and later; not Debian 12).
if apt-cache show "postgresql-$PGMAJOR-pgvector" >/dev/null 2>&1; then
  PACKAGES+=("postgresql-$PGMAJOR-pgvector")
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

echo "== building lg for PostgreSQL $PGMAJOR"
make -j2 PG_CONFIG="$PG_CONFIG"
echo "== installing lg"
$SUDO make install PG_CONFIG="$PG_CONFIG"
