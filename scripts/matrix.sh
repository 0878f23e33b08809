#!/usr/bin/env bash
# The version matrix: builds lg and runs the whole test suite (scripts/test.sh)
# against each PostgreSQL major in a throwaway Debian root file system made
# with debootstrap from Debian's package archive:
#   bookworm (Debian 12)  PostgreSQL 15
#   trixie   (Debian 13)  PostgreSQL 17   (+ pgvector)
#   forky    (testing)    PostgreSQL 18   (+ pgvector)
# Prints one line per version, e.g.
#   PostgreSQL 17.6 (trixie): 158 passed, 0 failed, 0 build warnings
# keeps the full logs in a temporary folder it names, and exits non-zero if
# any version fails (a test fails, the suite does not finish in time, or the
# compiler warns).
#
# Usage (as root, on Debian with debootstrap installed):
#   bash scripts/matrix.sh [suite[:major] ...]   (default: bookworm:15 trixie:17 forky:18)
# Environment:
#   LG_MATRIX_CACHE    where the roots are kept and reused (/var/cache/lg-matrix)
#   LG_MATRIX_MIRROR   Debian archive URL (default: the first one apt here uses)
#   LG_MATRIX_TREE     HEAD (default): test the last commit (git archive);
#                      worktree: the work tree's tracked and untracked files
#   LG_MATRIX_TIMEOUT  seconds per version, package installation included (5400)
# The first run of a suite makes its root (debootstrap, then scripts/setup.sh
# installs the packages inside it); later runs reuse the root and copy a clean
# tree of the repository into its /src.  Remove a suite's folder under the
# cache to start it afresh.
set -euo pipefail
{ # read whole before it runs: editing this file during a run does not break the run
cd "$(dirname "$0")/.."
repo=$PWD

[ "$(id -u)" -eq 0 ] || { echo "matrix: run as root (debootstrap, chroot, mount)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "matrix: apt-get install debootstrap" >&2; exit 2; }

cache=${LG_MATRIX_CACHE:-/var/cache/lg-matrix}
tree=${LG_MATRIX_TREE:-HEAD}
limit=${LG_MATRIX_TIMEOUT:-5400}
mirror=${LG_MATRIX_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs: *\([^ ]*\).*/\1/p' | grep -v -- '-security' | head -1 || true)
fi
if [ -z "$mirror" ]; then
  mirror=$(sed -n 's/^deb \+\(\[[^]]*\] \+\)\?\(http[^ ]*\) .*/\2/p' /etc/apt/sources.list 2>/dev/null | grep -v -- '-security' | head -1 || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

if [ $# -gt 0 ]; then specs=("$@"); else specs=(bookworm:15 trixie:17 forky:18); fi

logs=$(mktemp -d /tmp/lg-matrix.XXXXXX)
echo "matrix: logs in $logs (tree: $tree, roots in $cache)"
mkdir -p "$cache"

# The root of a suite, made once: a minimal debootstrap, apt told not to start
# services, and not to reject a Release file past its Valid-Until (a testing
# suite's Release expires within a week, and a mirror may be a snapshot).
make_root() {
  local suite=$1 root=$2 script=""
  [ -f "$root/.lg-matrix-root" ] && return 0
  rm -rf "$root.partial"
  [ -e "/usr/share/debootstrap/scripts/$suite" ] || script=/usr/share/debootstrap/scripts/sid
  debootstrap --variant=minbase "$suite" "$root.partial" "$mirror" $script || return 1
  printf '#!/bin/sh\nexit 101\n' > "$root.partial/usr/sbin/policy-rc.d" || return 1
  chmod 755 "$root.partial/usr/sbin/policy-rc.d"
  printf '%s\n' 'Acquire::Check-Valid-Until "false";' 'APT::Install-Recommends "false";' \
    > "$root.partial/etc/apt/apt.conf.d/99lg-matrix" || return 1
  rm -rf "$root" && mv "$root.partial" "$root" && touch "$root/.lg-matrix-root"
}

# A clean copy of the repository in the root's /src.
copy_tree() {
  local root=$1
  rm -rf "$root/src"
  mkdir -p "$root/src"
  if [ "$tree" = worktree ]; then
    git -C "$repo" ls-files -z -c -o --exclude-standard \
      | (cd "$repo" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) \
      | tar -C "$repo" --null -T - -cf - | tar -C "$root/src" -xf -
  else
    git -C "$repo" archive "$tree" | tar -C "$root/src" -xf -
  fi
  # a repository of one commit, for what needs git (make dist in
  # test/shell/pgxn_dist.sh archives HEAD)
  git -C "$root/src" init -q &&
    git -C "$root/src" add -A &&
    git -C "$root/src" -c user.name=lg-matrix -c user.email=lg-matrix@localhost \
      commit -q -m "lg-matrix: $tree of $(git -C "$repo" rev-parse --short HEAD)"
}

mounted=()
unmount_all() {
  local root
  for root in "${mounted[@]}"; do
    # what was left running inside the root (a server after a timeout)
    local p
    for p in /proc/[0-9]*; do
      [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -9 "${p#/proc/}" 2>/dev/null || true
    done
    for m in dev/shm dev/pts dev sys proc; do
      mountpoint -q "$root/$m" && umount -l "$root/$m" || true
    done
  done
  mounted=()
}
trap unmount_all EXIT
child=""
trap '[ -z "$child" ] || kill "$child" 2>/dev/null; exit 130' INT TERM

mount_root() {
  local root=$1
  mounted+=("$root")
  mount -t proc proc "$root/proc" || return 1
  mount -t sysfs sys "$root/sys" || return 1
  mount --bind /dev "$root/dev" || return 1
  mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" 2>/dev/null || true
  mount -t tmpfs -o mode=1777 shm "$root/dev/shm" || return 1
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  # Certificate authorities the host adds to Debian's (a proxy's, say) are
  # trusted in the root too, for npm ci in test/clients (NODE_EXTRA_CA_CERTS).
  rm -f "$root/etc/lg-matrix-extra-ca.crt"
  if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    cat /usr/local/share/ca-certificates/*.crt > "$root/etc/lg-matrix-extra-ca.crt"
  fi
}

failed=0
lines=()
for spec in "${specs[@]}"; do
  suite=${spec%%:*}
  major=${spec#*:}
  if [ "$major" = "$spec" ]; then
    case $suite in
      bookworm) major=15 ;; trixie) major=17 ;; forky) major=18 ;;
      *) echo "matrix: give the major for $suite as $suite:NN" >&2; exit 2 ;;
    esac
  fi
  root=$cache/$suite
  log=$logs/$suite-pg$major.log
  rc=0
  {
    echo "== $suite, PostgreSQL $major: root $root, mirror $mirror"
    if make_root "$suite" "$root" && copy_tree "$root" && mount_root "$root"; then
      start=$(date +%s)
      extra_ca=""
      [ -f "$root/etc/lg-matrix-extra-ca.crt" ] && extra_ca=1
      timeout --kill-after=60 "$limit" chroot "$root" /usr/bin/env -i \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root TERM=dumb LG_PG_MAJOR="$major" DEBIAN_FRONTEND=noninteractive \
        ${extra_ca:+NODE_EXTRA_CA_CERTS=/etc/lg-matrix-extra-ca.crt} \
        bash -c 'cd /src && bash scripts/test.sh' &
      child=$!
      wait "$child" || rc=$?
      child=""
      echo "== exit $rc after $(( $(date +%s) - start )) s"
    else
      rc=$?
      [ "$rc" -ne 0 ] || rc=1
      echo "== preparing the root failed"
    fi
  } > "$log" 2>&1
  [ "$rc" -ne 0 ] || grep -q '^== exit 0 ' "$log" || rc=1
  version=$(chroot "$root" "/usr/lib/postgresql/$major/bin/postgres" --version 2>/dev/null | sed -n 's/.*(PostgreSQL) \([^ ]*\).*/\1/p' || true)
  unmount_all
  # compiler warnings in lg's build (PGXS, CMake, the fuzz target)
  warnings=$(grep -cE '^[^ ]+\.(cpp|h|hpp|c):[0-9]+:[0-9]+: warning:' "$log" || true)
  result=$(sed -n 's/^lg: \([0-9]* passed, [0-9]* failed\)$/\1/p' "$log" | tail -1)
  # the chief_of_staff example's optional pgvector branch (examples/chief_of_staff/load.sql)
  vector=$(sed -n 's/^.*chief_of_staff vector branch: \(skipped.*\)$/\1/p' "$log" | tail -1)
  if grep -q 'applied: .*001_vector_embeddings' "$log"; then
    if grep -q '^ok   example chief_of_staff' "$log"; then vector="applied and checked"; else vector="applied, checks failed"; fi
  fi
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    result="FAILED: no result in $limit s"
  elif [ "$rc" -ne 0 ] || [ -z "$result" ]; then
    # the step that failed and what failed in it: pg_regress tests (15's and
    # 16+'s formats), prove's files, examples
    step=$(grep '^== ' "$log" | grep -v "^== exit \|^== $suite, " | tail -1 | sed 's/^== //; s/ (.*//')
    what=$( { sed -n 's/^not ok [0-9]* *[-+] \([A-Za-z0-9_]*\) .*/\1/p; s/^test \([A-Za-z0-9_]*\) *\.\.\. FAILED.*/\1/p; s/^ *\([^ ]*\.\(sh\|sql\|js\|py\)\) *(Wstat.*/\1/p; s/^FAIL example \([^ ]*\).*/example \1/p' "$log"; } | sort -u | tr '\n' ' ' | sed 's/ $//')
    result="FAILED (exit $rc) in ${step:-?}${what:+: $what}"
  fi
  line="PostgreSQL ${version:-$major?} ($suite): $result, $warnings build warnings${vector:+; vector branch $vector}"
  if [[ $result == FAILED* ]] || [ "$warnings" -ne 0 ]; then
    failed=1
    line="$line; log $log"
  fi
  echo "$line"
  lines+=("$line")
done

printf '%s\n' "${lines[@]}" > "$logs/summary"
exit "$failed"
}
