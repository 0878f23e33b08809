#!/usr/bin/env bash
# bench/run.sh: the SQL-level benchmarks of lg against the psql floor and the
# tools it replaces (Alembic, Sqitch, dbmate), in one run on a throwaway
# cluster. Run as root on Debian 12, from anywhere:
#
#   bash bench/run.sh
#
# Writes bench/results.md (the Markdown table pasted into bench/README.md).
# It needs lg built and installed (make && make install). Missing peers are
# installed from Debian's packages and the npm registry when possible
# (BENCH_INSTALL_PEERS=0: don't), and skipped, said in the table, when not.
# The cluster runs with fsync=off (pg_virtualenv's default; BENCH_FSYNC=on to
# change it) on a tmpfs (see below) and max_locks_per_transaction=1024: one transaction creating
# 10,000 tables (each with an index and a TOAST table) holds ~40,000 locks,
# for lg, the floor and Alembic alike. Other settings: bench/lib/suite.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ "$(id -u)" != 0 ]; then
    echo "bench/run.sh: run as root (pg_virtualenv creates a cluster in /etc/postgresql)" >&2
    exit 1
fi
command -v pg_virtualenv >/dev/null || { echo "bench/run.sh: pg_virtualenv missing (apt-get install postgresql-common)" >&2; exit 1; }
if [ ! -f "$(pg_config --sharedir)/extension/lg.control" ]; then
    echo "bench/run.sh: lg is not installed: cd $(dirname "$here") && make && make install" >&2
    exit 1
fi

if [ "${BENCH_INSTALL_PEERS:-1}" = 1 ]; then
    pkgs=()
    /usr/bin/python3 -c 'import alembic, sqlalchemy, psycopg2' >/dev/null 2>&1 \
        || pkgs+=(python3-alembic python3-sqlalchemy python3-psycopg2)
    command -v sqitch >/dev/null || pkgs+=(sqitch)
    perl -MDBD::Pg -e 1 >/dev/null 2>&1 || pkgs+=(libdbd-pg-perl)
    if [ ${#pkgs[@]} -gt 0 ]; then
        echo "bench/run.sh: installing ${pkgs[*]}" >&2
        { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkgs[@]}"; } >/dev/null \
            || echo "bench/run.sh: could not install ${pkgs[*]}: those peers are skipped" >&2
    fi
    if ! command -v dbmate >/dev/null; then
        echo "bench/run.sh: installing dbmate (npm install -g dbmate)" >&2
        npm install -g dbmate >/dev/null 2>&1 || echo "bench/run.sh: npm install -g dbmate failed: dbmate is skipped" >&2
    fi
fi

BENCH_FSYNC=${BENCH_FSYNC:-off}
export BENCH_COMMAND="bash bench/run.sh${BENCH_FSYNC:+ (fsync=$BENCH_FSYNC)}"
start=$(date +%s)
# The cluster's files go to a tmpfs (BENCH_TMPDIR, default /dev/shm when it
# is one): on this machine's ext4, creating files within minutes of deleting
# tens of thousands (the previous run's DROP DATABASE or DROP TABLEs) costs
# several times more (the kernel's inode allocator skips recently deleted
# inodes), which would land on whichever tool runs next and swamp the ratios.
tmp=${BENCH_TMPDIR:-}
if [ -z "$tmp" ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then tmp=/dev/shm; fi
export TMPDIR=${tmp:-${TMPDIR:-/tmp}}
export BENCH_COMMAND="$BENCH_COMMAND, data directory in $TMPDIR"
# -t: the cluster lives in a temporary directory, not /etc/postgresql/15/regress,
# so a concurrent pg_virtualenv run as root (the test suite) cannot drop it.
source "$here/../scripts/cluster.sh"
pg_virtualenv -t "${LG_CLUSTER_OPTS[@]}" -o "fsync=$BENCH_FSYNC" -o max_locks_per_transaction=1024 bash "$here/inner.sh"
echo "bench/run.sh: done in $(( $(date +%s) - start )) s; table in $here/results.md" >&2
