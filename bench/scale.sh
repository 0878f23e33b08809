#!/usr/bin/env bash
# bench/scale.sh: lg at scale (issue 15 item 6), against the server in PG*
# (a superuser: the memory sampler reads /proc of the backend, so the
# server must run on this machine).  Each figure on a fresh database:
#
#   sql       lg_sql('heads') of the bench DAG of N revisions (bench/lib/gen.py,
#             registered, nothing applied): server time, script size, and
#             the peak private memory of the backend (RssAnon sampled every
#             0.5 ms by bench/lib/peak_mem.py) against its value before
#   history   lg_history() with H revisions applied, all children of one
#             branch point (H heads), first and second call of a session
#   register  registering the bench DAG of N revisions: psql -1 -f of one
#             SELECT lg_revision(...) per line; the same calls as PERFORM in
#             one DO block (no round trip per call); the floor, the same
#             file calling a PL/pgSQL function that does nothing
#
#   bash bench/scale.sh [N] [H] [RUNS]     defaults: 20000 20000 3
#   bash scripts/dev-test.sh -- bash bench/scale.sh 100000 20000 1
set -euo pipefail
n=${1:-20000} heads=${2:-20000} runs=${3:-3}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
py=$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || command -v python3 )
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PGOPTIONS='-c client_min_messages=warning'
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# The CPU time (user + system, ms) of the backend that ran a timed file in
# db: each file ends by writing its own backend's into $work/cpu.<db>.
backend_cpu() { cat "$work/cpu.$1"; }
fresh() { dropdb --if-exists "$1" >/dev/null 2>&1; createdb "$1"; q -d "$1" -c "CREATE EXTENSION lg"; }

"$py" "$here/lib/gen.py" "$n" dag "$work" --only lg >/dev/null
sed 's/^SELECT lg_revision(/SELECT noop_revision(/' "$work/lg_register.sql" >"$work/noop.sql"
{ echo 'DO $lgbench$ BEGIN'; sed 's/^SELECT lg_revision(/PERFORM lg_revision(/' "$work/lg_register.sql"; echo 'END $lgbench$;'; } >"$work/do.sql"

for f in noop lg_register do; do
  db=$( [ $f = noop ] && echo lgscale_c || { [ $f = do ] && echo lgscale_b || echo lgscale_a; } )
  cat >>"$work/$f.sql" <<SQL
\\o $work/cpu.$db
SELECT (pg_catalog.split_part(s, ' ', 14)::bigint + pg_catalog.split_part(s, ' ', 15)::bigint) * 10
  FROM pg_catalog.pg_read_file('/proc/' || pg_catalog.pg_backend_pid() || '/stat') s;
\\o
SQL
done
echo "# tree ${BENCH_TREE:-$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')}, N=$n, H=$heads, $(date -u '+%F %H:%M UTC')"
for run in $(seq "$runs"); do
  # registration, three ways
  fresh lgscale_a; fresh lgscale_b; fresh lgscale_c
  q -d lgscale_c -c "CREATE FUNCTION noop_revision(id text, up text, down text, parents text[]) RETURNS text LANGUAGE plpgsql AS 'BEGIN RETURN id; END'"
  t=$(date +%s%N); q -1 -d lgscale_c -f "$work/noop.sql" >/dev/null; floor=$(ms "$t")
  floor_cpu=$(backend_cpu lgscale_c)
  t=$(date +%s%N); q -1 -d lgscale_a -f "$work/lg_register.sql" >/dev/null; psql_ms=$(ms "$t")
  psql_cpu=$(backend_cpu lgscale_a)
  t=$(date +%s%N); q -1 -d lgscale_b -f "$work/do.sql" >/dev/null; do_ms=$(ms "$t")
  do_cpu=$(backend_cpu lgscale_b)
  echo "register run $run (wall / backend CPU): psql -1 -f ${psql_ms} / ${psql_cpu} ms; DO block ${do_ms} / ${do_cpu} ms; floor (no-op function, psql -1 -f) ${floor} / ${floor_cpu} ms"

  # lg_sql of all N, with the sampler on the backend
  stop=$work/stop ready=$work/ready peak=$work/peak
  rm -f "$stop" "$ready"
  q -d lgscale_a >"$work/sql.out" <<SQL
SELECT pg_backend_pid() AS pid \gset
\setenv LG_BENCH_PID :pid
SELECT pg_catalog.split_part(pg_catalog.split_part(pg_catalog.pg_read_file('/proc/' || :pid || '/status'), 'RssAnon:', 2), 'kB', 1)::int AS before_kb \gset
\! "$py" "$here/lib/peak_mem.py" "\$LG_BENCH_PID" "$stop" "$ready" > "$peak" &
\! while [ ! -f "$ready" ]; do sleep 0.01; done
SELECT clock_timestamp() AS t0 \gset
SELECT pg_catalog.length(lg_sql('heads')) AS bytes \gset
SELECT round(extract(epoch FROM clock_timestamp() - :'t0') * 1000) AS sql_ms \gset
\! touch "$stop"
\echo :bytes :sql_ms :before_kb
SQL
  sleep 0.2
  read -r bytes sql_ms before_kb <"$work/sql.out"
  read -r anon _ <"$peak"
  echo "lg_sql run $run: ${sql_ms} ms, script $((bytes / 1024)) kB, RssAnon before ${before_kb} kB, peak ${anon} kB (+$(( (anon - before_kb) / 1024 )) MB)"

  # lg_history with H heads off one branch point, applied
  fresh lgscale_h
  q -d lgscale_h >/dev/null <<SQL
DO \$\$ BEGIN
  PERFORM lg_revision('b0', up => 'SELECT 1', down => '');
  FOR i IN 1..$heads LOOP
    PERFORM lg_revision('h' || i, up => 'SELECT 1', down => '', parents => '{b0}');
  END LOOP;
END \$\$;
SELECT lg_stamp('heads');
SQL
  q -d lgscale_h <<'SQL' | tr '\n' ' '
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) FROM lg_history() \g /dev/null
SELECT clock_timestamp() AS t1 \gset
SELECT count(*) FROM lg_history() \g /dev/null
SELECT 'lg_history first ' || round(extract(epoch FROM :'t1'::timestamptz - :'t0') * 1000)
       || ' ms, again ' || round(extract(epoch FROM clock_timestamp() - :'t1') * 1000) || ' ms';
SQL
  echo "(run $run)"
done
for db in lgscale_a lgscale_b lgscale_c lgscale_h; do dropdb "$db"; done
