# test/shell/lib/tap.sh: what the shell tests share (sourced by them, never
# run alone; prove does not look into this folder).  TAP lines and small
# helpers over psql against the server in the PG* variables.
n=0
fails=0
# ok GOT EXPECTED NAME: one TAP line; a difference is shown as a comment.
ok() { n=$((n + 1)); if [ "$1" = "$2" ]; then echo "ok $n - $3"; else echo "not ok $n - $3"; echo "#   got: '$1'"; echo "#   expected: '$2'"; fails=$((fails + 1)); fi; }
# skip COUNT WHY: COUNT skipped tests.
skip() { local i; for ((i = 0; i < $1; i++)); do n=$((n + 1)); echo "ok $n # SKIP $2"; done; }
# psql on the test's database $db, values only.
psql_db() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
# Waits (at most 30 s) until the server accepts connections again (after a
# SIGKILL made the postmaster restart every backend).
wait_server() { for _ in $(seq 1 150); do psql -X -At -d postgres -c 'SELECT 1' >/dev/null 2>&1 && return; sleep 0.2; done; }
# A libpq URL of database $1 on the server in PG*, for tools that take one.
url() { printf 'postgres://%s:%s@%s:%s/%s?sslmode=disable' "${PGUSER:-postgres}" "${PGPASSWORD:-}" "${PGHOST:-localhost}" "${PGPORT:-5432}" "$1"; }
# The pid of the first backend of database $db (other than this psql) that
# matches a condition on pg_stat_activity, waiting for it up to 15 s;
# nothing when none came.
wait_pid() {
  for _ in $(seq 1 150); do
    local pid
    pid=$(psql -X -At -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid() AND ($1) LIMIT 1" 2>/dev/null)
    [ -n "$pid" ] && { echo "$pid"; return; }
    sleep 0.1
  done
}
# The lg-import to test: $LG_IMPORT, else the one scripts/dev-test.sh put in
# build/destdir, else the one make install put beside pg_config's programs.
lg_import_prog() {
  local bindir p repo
  bindir=$(pg_config --bindir)
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
  for p in ${LG_IMPORT:-} "$repo/build/destdir$bindir/lg-import" "$bindir/lg-import"; do
    [ -x "$p" ] && { echo "$p"; return; }
  done
}
