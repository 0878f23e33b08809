#!/usr/bin/env bash
# bench/first_call.sh DB SQL [RUNS]: what the first lg call of a new session
# costs, against the server in PG* (superuser: it reads /proc through
# pg_read_file). Each run opens a session, loads lg (LOAD 'lg', timed apart),
# then runs SQL once and prints the server-side time and the backend's minor
# page faults during it (field 10 of /proc/<pid>/stat), then SQL again (the
# registry now cached). On a virtual machine a page fault can cost ~10 us, so
# the fresh memory a first call touches shows up in its time.
#
#   bash bench/first_call.sh s10k "SELECT count(*) FROM lg_status()" 5
set -euo pipefail
db=$1 sql=${2%;} runs=${3:-3}  # the statement is ended by \g, not by ";"
faults="pg_catalog.split_part(pg_catalog.pg_read_file('/proc/' || pg_catalog.pg_backend_pid() || '/stat'), ' ', 10)::bigint"
echo "run  load_ms  first_ms  first_faults  again_ms"
for run in $(seq "$runs"); do
  psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 <<SQL
SELECT clock_timestamp() AS t0 \gset
LOAD 'lg';
SELECT round(extract(epoch FROM clock_timestamp() - :'t0') * 1000, 2) AS load_ms,
       $faults AS f0, clock_timestamp() AS t1 \gset
$sql \g /dev/null
SELECT round(extract(epoch FROM clock_timestamp() - :'t1') * 1000, 2) AS first_ms,
       $faults - :f0 AS first_faults, clock_timestamp() AS t2 \gset
$sql \g /dev/null
SELECT round(extract(epoch FROM clock_timestamp() - :'t2') * 1000, 2) AS again_ms \gset
\echo $run :load_ms :first_ms :first_faults :again_ms
SQL
done
