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
