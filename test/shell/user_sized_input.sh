#!/usr/bin/env bash
# Loops over user-sized input answer a cancel and a terminate: a call to
# lg.revision_row_is_valid with 200,000 elements and an lg_revision with
# 150,000 parents end within a few seconds of pg_cancel_backend /
# pg_terminate_backend (quadratic and deaf to both, they ran 40 to 67 s).
# Talks TAP; run with prove against the server in the PG* variables.
set -u
. "$(dirname "$0")/lib/tap.sh"
db=lg_user_sized_test
wait_running() {  # waits until a backend runs a query containing $1 (while client $2 lives)
  for _ in $(seq 1 200); do
    kill -0 "$2" 2>/dev/null || return
    pid=$(psql -X -At -d "$db" -c "SELECT pid FROM pg_stat_activity WHERE query LIKE '%$1%' AND state = 'active' AND pid <> pg_backend_pid() LIMIT 1")
    [ -n "$pid" ] && { echo "$pid"; return; }
    sleep 0.05
  done
}
# Runs $2 (SQL) in the background, sends $1 (pg_cancel_backend or
# pg_terminate_backend) once it runs, prints the seconds from the signal
# to the client's end, rounded up (0 when the call ended before the signal).
interrupted_after() {
  psql -X -q -d "$db" -c "$2" >/dev/null 2>&1 &
  local client=$!
  local pid
  pid=$(wait_running "$3" "$client")
  local start
  start=$(date +%s%N)
  # (a call that already ended is not a backend any more: no warning for it)
  [ -n "$pid" ] && psql -X -At -d postgres -c "SET client_min_messages = error" -c "SELECT $1($pid)" >/dev/null
  wait $client
  echo $(( ($(date +%s%N) - start + 999999999) / 1000000000 ))
}

echo "1..3"
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
psql_db >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION lg;
CREATE TABLE big AS SELECT array_agg('p' || i) AS a FROM generate_series(1, 200000) i;
SQL

secs=$(interrupted_after pg_cancel_backend "SELECT lg.revision_row_is_valid('x', a, '{}', '{}') /*row_is_valid*/ FROM big" row_is_valid)
ok "$([ "$secs" -le 3 ] && echo fast || echo "$secs s")" "fast" "lg.revision_row_is_valid with 200,000 elements ends within 3 s of a cancel"

secs=$(interrupted_after pg_terminate_backend "SELECT lg.revision_row_is_valid('x', a, '{}', '{}') /*row_terminate*/ FROM big" row_terminate)
ok "$([ "$secs" -le 3 ] && echo fast || echo "$secs s")" "fast" "lg.revision_row_is_valid with 200,000 elements ends within 3 s of a terminate"

secs=$(interrupted_after pg_cancel_backend "SELECT lg_revision('wide', up => '', parents => a[1:150000]) /*wide_revision*/ FROM big" wide_revision)
ok "$([ "$secs" -le 3 ] && echo fast || echo "$secs s")" "fast" "lg_revision with 150,000 parents ends within 3 s of a cancel"

dropdb "$db"
exit $((fails > 0))
