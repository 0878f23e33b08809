# bench/lib/suite.sh: the SQL-level benchmark suite, sourced by bench/inner.sh
# (full run, inside run.sh's throwaway cluster) and bench/smoke.sh (small run
# against the server in the PG* variables).
#
# Every measurement is one line of $BENCH_RAW (tab-separated):
#   kind tool op shape n run value
# kind: time (client wall clock, microseconds, psql/tool start included),
#       call (server-side per-call time, microseconds), mem (kB),
#       fail, skip (value: the reason), info (key in op, value).
# bench/lib/report.py turns it into the Markdown table.
#
# Settings (environment, with defaults for the full run):
#   BENCH_NS="100 1000 10000"        revision counts
#   BENCH_SHAPES="chain dag"
#   BENCH_RUNS=3                     runs of every lg and floor figure
#   BENCH_PLAN_NS="10000 50000 100000"  planning sizes (dag, registered only)
#   BENCH_PEERS="alembic sqitch dbmate"
#   BENCH_PEER_RUNS="sqitch:1000=1 sqitch:10000=0 alembic:10000=1 dbmate:10000=1"
#                                    fewer runs (0: skipped) for slow peers
#   BENCH_DBMATE_DOWN_MAX=100        dbmate rolls back one step per call:
#                                    its full downgrade only up to this N
#   BENCH_CALLS=20                   calls per session for server-side times
#   BENCH_WORK                       scratch directory (generated projects)
#   BENCH_DB_PREFIX=lgbench          prefix of every database created

BENCH_NS=${BENCH_NS:-"100 1000 10000"}
BENCH_SHAPES=${BENCH_SHAPES:-"chain dag"}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_PLAN_NS=${BENCH_PLAN_NS:-"10000 50000 100000"}
BENCH_PEERS=${BENCH_PEERS-"alembic sqitch dbmate"}
BENCH_PEER_RUNS=${BENCH_PEER_RUNS-"sqitch:1000=1 sqitch:10000=0 alembic:10000=1 dbmate:10000=1"}
BENCH_DBMATE_DOWN_MAX=${BENCH_DBMATE_DOWN_MAX:-100}
BENCH_CALLS=${BENCH_CALLS:-20}
BENCH_DB_PREFIX=${BENCH_DB_PREFIX:-lgbench}
BENCH_LIB=${BENCH_LIB:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
# Debian's python3 has python3-alembic, python3-sqlalchemy, python3-psycopg2
# (a python3 earlier on PATH, e.g. pyenv's, may not).
BENCH_PY=${BENCH_PY:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || command -v python3 )}

BENCH_PASSED=0
BENCH_FAILED=0
BENCH_LG_FAILED=0
BENCH_DBS=()

log() { printf '%s bench: %s\n' "$(date +%T)" "$*" >&2; }

record() {  # kind tool op shape n run value
    local IFS=$'\t'
    printf '%s\n' "$*" >>"$BENCH_RAW"
}

now_ns() { date +%s%N; }

psql_q() {  # psql_q DB SQL...: quiet psql, stops at the first error
    local db=$1 sql args=(); shift
    for sql in "$@"; do args+=(-c "$sql"); done
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" "${args[@]}"
}

# timed TOOL OP SHAPE N RUN -- CMD...: runs CMD (output to the log), records
# its wall-clock time, counts it as passed or failed. Returns CMD's status.
timed() {
    local tool=$1 op=$2 shape=$3 n=$4 run=$5; shift 6
    local start end rc
    echo "== $tool $op $shape N=$n run $run: $*" | cut -c1-300 >>"$BENCH_LOG"
    start=$(now_ns)
    "$@" >>"$BENCH_LOG" 2>&1
    rc=$?
    end=$(now_ns)
    if [ $rc -eq 0 ]; then
        record time "$tool" "$op" "$shape" "$n" "$run" $(( (end - start) / 1000 ))
        BENCH_PASSED=$((BENCH_PASSED + 1))
    else
        fail "$tool" "$op" "$shape" "$n" "$run" "exit status $rc"
    fi
    return $rc
}

fail() {  # TOOL OP SHAPE N RUN WHY
    record fail "$1" "$2" "$3" "$4" "$5" "$6"
    BENCH_FAILED=$((BENCH_FAILED + 1))
    [ "$1" = lg ] && BENCH_LG_FAILED=$((BENCH_LG_FAILED + 1))
    log "FAILED: $1 $2 ($3, N=$4, run $5): $6; last lines of $BENCH_LOG:"
    tail -n 15 "$BENCH_LOG" >&2
}

# check TOOL OP SHAPE N RUN DB EXPECTED: the number of benchmark tables is
# EXPECTED (so every tool really did the work it was timed for).
check() {
    local got
    got=$(psql -X -At -d "$6" -c "SELECT count(*) FROM pg_catalog.pg_class WHERE relkind = 'r' AND relname LIKE 'bench\_t%'" 2>>"$BENCH_LOG")
    if [ "$got" != "$7" ]; then
        fail "$1" "$2" "$3" "$4" "$5" "expected $7 benchmark tables, found ${got:-none}"
        return 1
    fi
}

new_db() {  # new_db NAME: a fresh database (dropped first if left over)
    dropdb --if-exists "$1" >>"$BENCH_LOG" 2>&1
    createdb "$1" >>"$BENCH_LOG" 2>&1 || { log "createdb $1 failed"; tail -n 5 "$BENCH_LOG" >&2; return 1; }
    BENCH_DBS+=("$1")
}

drop_db() { dropdb --if-exists "$1" >>"$BENCH_LOG" 2>&1; }

drop_all_dbs() {
    local d
    for d in "${BENCH_DBS[@]}"; do drop_db "$d"; done
    BENCH_DBS=()
}

# CHECKPOINT before each timed upgrade/downgrade, so that no tool pays for
# the previous one's dirty buffers (best effort: needs a superuser).
settle() { psql -X -q -d "$1" -c CHECKPOINT >>"$BENCH_LOG" 2>&1 || true; }

peer_runs() {  # peer_runs TOOL N -> number of runs
    local item
    for item in $BENCH_PEER_RUNS; do
        if [ "${item%%=*}" = "$1:$2" ]; then echo "${item#*=}"; return; fi
    done
    echo "$BENCH_RUNS"
}

peer_present() {
    case $1 in
        alembic) "$BENCH_PY" -c 'import alembic, sqlalchemy, psycopg2' >/dev/null 2>&1 ;;
        sqitch)  command -v sqitch >/dev/null 2>&1 && perl -MDBD::Pg -e 1 >/dev/null 2>&1 ;;
        dbmate)  command -v dbmate >/dev/null 2>&1 ;;
        *) return 1 ;;
    esac
}

peer_version() {
    case $1 in
        alembic) "$BENCH_PY" -c 'import alembic, sqlalchemy; print("alembic", alembic.__version__, "/ SQLAlchemy", sqlalchemy.__version__)' 2>/dev/null ;;
        sqitch)  sqitch --version 2>/dev/null | head -n 1 ;;
        dbmate)  dbmate --version 2>/dev/null | head -n 1 ;;
    esac
}

dbmate_url() {  # dbmate_url DB: a postgres:// URL from the PG* variables
    "$BENCH_PY" - "$1" <<'EOF'
import os, sys, urllib.parse as u
db = sys.argv[1]
user = u.quote(os.environ.get("PGUSER") or os.environ.get("USER", "postgres"), safe="")
pw = os.environ.get("PGPASSWORD")
cred = user + (":" + u.quote(pw, safe="") if pw else "")
host = os.environ.get("PGHOST", "/var/run/postgresql")
port = os.environ.get("PGPORT", "5432")
if host.startswith("/"):
    print("postgres://%s@/%s?socket=%s&port=%s&sslmode=disable" % (cred, db, u.quote(host, safe=""), port))
else:
    print("postgres://%s@%s:%s/%s?sslmode=disable" % (cred, host, port, db))
EOF
}

# ---------------------------------------------------------------- lg

# One lg run on a fresh database: register, upgrade, no-op upgrade, status,
# server-side per-call times, downgrade.
lg_run() {
    local shape=$1 n=$2 run=$3 dir=$4 db=${BENCH_DB_PREFIX}_lg_${shape}_$2
    new_db "$db" || { fail lg setup "$shape" "$n" "$run" "createdb"; return; }
    psql_q "$db" "CREATE EXTENSION lg" >>"$BENCH_LOG" 2>&1 || { fail lg setup "$shape" "$n" "$run" "CREATE EXTENSION lg"; drop_db "$db"; return; }
    export PGOPTIONS="-c client_min_messages=warning"
    timed lg register "$shape" "$n" "$run" -- psql -X -q -1 -v ON_ERROR_STOP=1 -d "$db" -f "$dir/lg_register.sql"
    settle "$db"
    timed lg upgrade "$shape" "$n" "$run" -- psql_q "$db" "SELECT count(*) FROM lg_migrate('head')" \
        && check lg upgrade "$shape" "$n" "$run" "$db" "$n"
    timed lg noop "$shape" "$n" "$run" -- psql_q "$db" "SELECT count(*) FROM lg_migrate('head')"
    timed lg status "$shape" "$n" "$run" -- psql_q "$db" "SELECT * FROM lg_status()"
    server_calls lg status "$shape" "$n" "$run" "$db" "SELECT * FROM lg_status()"
    server_calls lg noop "$shape" "$n" "$run" "$db" "SELECT count(*) FROM lg_migrate('head')"
    settle "$db"
    timed lg downgrade "$shape" "$n" "$run" -- psql_q "$db" "SELECT count(*) FROM lg_downgrade('base')" \
        && check lg downgrade "$shape" "$n" "$run" "$db" 0
    unset PGOPTIONS
    drop_db "$db"
}

# server_calls TOOL OP SHAPE N RUN DB SQL: BENCH_CALLS calls of SQL in one
# new session, each timed by psql's \timing (its own transaction, the unix
# socket round trip included). Records every call: the first one loads the
# registry into the backend's cache.
server_calls() {
    local tool=$1 op=$2 shape=$3 n=$4 run=$5 db=$6 sql=$7 i out ms
    out=$( { echo '\timing on'; for ((i = 0; i < BENCH_CALLS; i++)); do echo "$sql \\g /dev/null"; done; } \
           | psql -X -q -v ON_ERROR_STOP=1 -d "$db" 2>>"$BENCH_LOG")
    if [ $? -ne 0 ]; then fail "$tool" "$op-calls" "$shape" "$n" "$run" "psql failed"; return; fi
    i=0
    while read -r _ ms _; do
        i=$((i + 1))
        record call "$tool" "$op" "$shape" "$n" "$run.$i" "$(awk -v m="$ms" 'BEGIN { printf "%d", m * 1000 }')"
    done < <(printf '%s\n' "$out" | grep '^Time: ')
    if [ "$i" -ne "$BENCH_CALLS" ]; then fail "$tool" "$op-calls" "$shape" "$n" "$run" "$i timings of $BENCH_CALLS"; return; fi
    BENCH_PASSED=$((BENCH_PASSED + 1))
}

# ---------------------------------------------------------------- floor

floor_run() {
    local shape=$1 n=$2 run=$3 dir=$4 db=${BENCH_DB_PREFIX}_floor_${shape}_$2
    new_db "$db" || { fail floor setup "$shape" "$n" "$run" "createdb"; return; }
    settle "$db"
    timed floor upgrade "$shape" "$n" "$run" -- psql -X -q -1 -v ON_ERROR_STOP=1 -d "$db" -f "$dir/floor_up.sql" \
        && check floor upgrade "$shape" "$n" "$run" "$db" "$n"
    settle "$db"
    timed floor downgrade "$shape" "$n" "$run" -- psql -X -q -1 -v ON_ERROR_STOP=1 -d "$db" -f "$dir/floor_down.sql" \
        && check floor downgrade "$shape" "$n" "$run" "$db" 0
    drop_db "$db"
}

# ---------------------------------------------------------------- peers

alembic_run() {
    local shape=$1 n=$2 run=$3 dir=$4 db=${BENCH_DB_PREFIX}_alembic_${shape}_$2
    local a=("$BENCH_PY" -m alembic -c "$dir/alembic/alembic.ini")
    new_db "$db" || { fail alembic setup "$shape" "$n" "$run" "createdb"; return; }
    export BENCH_DB=$db
    settle "$db"
    timed alembic upgrade "$shape" "$n" "$run" -- "${a[@]}" upgrade head \
        && check alembic upgrade "$shape" "$n" "$run" "$db" "$n"
    timed alembic noop "$shape" "$n" "$run" -- "${a[@]}" upgrade head
    timed alembic status "$shape" "$n" "$run" -- "${a[@]}" current
    settle "$db"
    timed alembic downgrade "$shape" "$n" "$run" -- "${a[@]}" downgrade base \
        && check alembic downgrade "$shape" "$n" "$run" "$db" 0
    unset BENCH_DB
    drop_db "$db"
}

sqitch_run() {
    local shape=$1 n=$2 run=$3 dir=$4 db=${BENCH_DB_PREFIX}_sqitch_${shape}_$2
    new_db "$db" || { fail sqitch setup "$shape" "$n" "$run" "createdb"; return; }
    # The target takes host, port, user and password from the PG* variables.
    local t="db:pg:$db"
    local q=(sqitch --chdir "$dir/sqitch")
    settle "$db"
    timed sqitch upgrade "$shape" "$n" "$run" -- "${q[@]}" deploy "$t" \
        && check sqitch upgrade "$shape" "$n" "$run" "$db" "$n"
    timed sqitch noop "$shape" "$n" "$run" -- "${q[@]}" deploy "$t"
    timed sqitch status "$shape" "$n" "$run" -- "${q[@]}" status "$t"
    settle "$db"
    timed sqitch downgrade "$shape" "$n" "$run" -- "${q[@]}" revert -y "$t" \
        && check sqitch downgrade "$shape" "$n" "$run" "$db" 0
    drop_db "$db"
}

# dbmate has no revision graph and no "rollback all": its full downgrade is
# N calls of `dbmate rollback`, timed together.
dbmate_down_all() {
    local url=$1 dir=$2 n=$3 i
    for ((i = 0; i < n; i++)); do
        dbmate --no-dump-schema -d "$dir" -u "$url" rollback || return 1
    done
}

dbmate_run() {
    local shape=$1 n=$2 run=$3 dir=$4 db=${BENCH_DB_PREFIX}_dbmate_${shape}_$2 url
    new_db "$db" || { fail dbmate setup "$shape" "$n" "$run" "createdb"; return; }
    url=$(dbmate_url "$db")
    local d=(dbmate --no-dump-schema -d "$dir/dbmate/db/migrations" -u "$url")
    settle "$db"
    timed dbmate upgrade "$shape" "$n" "$run" -- "${d[@]}" migrate \
        && check dbmate upgrade "$shape" "$n" "$run" "$db" "$n"
    timed dbmate noop "$shape" "$n" "$run" -- "${d[@]}" migrate
    timed dbmate status "$shape" "$n" "$run" -- "${d[@]}" status
    if [ "$n" -le "$BENCH_DBMATE_DOWN_MAX" ]; then
        settle "$db"
        timed dbmate downgrade "$shape" "$n" "$run" -- dbmate_down_all "$url" "$dir/dbmate/db/migrations" "$n" \
            && check dbmate downgrade "$shape" "$n" "$run" "$db" 0
    elif [ "$run" = 1 ]; then
        record skip dbmate downgrade "$shape" "$n" - "one dbmate call per step (~0.1 s each): only N <= $BENCH_DBMATE_DOWN_MAX"
    fi
    drop_db "$db"
}

# ---------------------------------------------------------------- planning

# Planning alone: a DAG (merge every 50) registered up to each size, never
# applied; lg_plan('heads') timed by \timing, first call of a new session
# (reads the registry) and the calls after it (cached registry); the
# backend's VmHWM read after the call in the same session.
planning() {
    local db=${BENCH_DB_PREFIX}_plan max=0 n run out hwm0 hwm rss shm
    for n in $BENCH_PLAN_NS; do [ "$n" -gt "$max" ] && max=$n; done
    [ "$max" -gt 0 ] || return 0
    log "planning: generating $max revisions"
    "$BENCH_PY" "$BENCH_LIB/gen.py" "$max" dag "$BENCH_WORK/plan" --only lg || { fail lg plan-setup dag "$max" - "gen.py"; return; }
    new_db "$db" || { fail lg plan-setup dag "$max" - createdb; return; }
    psql_q "$db" "CREATE EXTENSION lg" >>"$BENCH_LOG" 2>&1 || { fail lg plan-setup dag "$max" - "CREATE EXTENSION lg"; return; }
    export PGOPTIONS="-c client_min_messages=warning"
    local done_n=0
    for n in $(printf '%s\n' $BENCH_PLAN_NS | sort -n); do
        # register revisions done_n+1 .. n (lines of lg_register.sql)
        log "planning: registering up to $n revisions"
        timed lg plan-register dag "$n" 1 -- \
            bash -c "sed -n '$((done_n + 1)),${n}p' '$BENCH_WORK/plan/lg_register.sql' | psql -X -q -1 -v ON_ERROR_STOP=1 -d '$db'" \
            || { unset PGOPTIONS; return; }
        done_n=$n
        settle "$db"
        for ((run = 1; run <= BENCH_RUNS; run++)); do
            local stop="$BENCH_WORK/peak.stop" peak="$BENCH_WORK/peak.out" ready="$BENCH_WORK/peak.ready"
            rm -f "$stop" "$peak" "$ready"
            # the sampler (peak_mem.py) watches this session's backend from the start
            out=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" 2>>"$BENCH_LOG" <<EOF
SELECT pg_catalog.pg_backend_pid() AS lg_pid \gset
\setenv LG_BENCH_PID :lg_pid
\! "$BENCH_PY" "$BENCH_LIB/peak_mem.py" "\$LG_BENCH_PID" "$stop" "$ready" > "$peak" 2>>"$BENCH_LOG" &
\! for i in \$(seq 500); do [ -e "$ready" ] && break; sleep 0.01; done
SELECT 'hwm0 ' || substring(pg_catalog.pg_read_file('/proc/' || pg_catalog.pg_backend_pid() || '/status') FROM 'VmHWM:\s*(\d+) kB');
\timing on
SELECT 'steps ' || count(*) FROM lg_plan('heads');
SELECT 'steps ' || count(*) FROM lg_plan('heads');
SELECT 'steps ' || count(*) FROM lg_plan('heads');
SELECT 'steps ' || count(*) FROM lg_plan('heads');
SELECT 'steps ' || count(*) FROM lg_plan('heads');
\timing off
SELECT 'hwm ' || substring(s FROM 'VmHWM:\s*(\d+) kB') || ' ' || substring(s FROM 'RssAnon:\s*(\d+) kB') || ' ' || substring(s FROM 'RssShmem:\s*(\d+) kB')
  FROM pg_catalog.pg_read_file('/proc/' || pg_catalog.pg_backend_pid() || '/status') AS s;
\! touch "$stop"
EOF
            )
            local rc=$? anon_peak="" shm_peak="" _rss i
            for ((i = 0; i < 200; i++)); do [ -s "$peak" ] && break; sleep 0.01; done
            read -r anon_peak shm_peak _rss < "$peak" 2>/dev/null
            if [ $rc -ne 0 ] || ! grep -q "^steps $n\$" <<<"$out"; then
                fail lg plan dag "$n" "$run" "lg_plan('heads') did not return $n steps"
                continue
            fi
            BENCH_PASSED=$((BENCH_PASSED + 1))
            local i=0 ms
            while read -r _ ms _; do
                i=$((i + 1))
                record call lg plan dag "$n" "$run.$i" "$(awk -v m="$ms" 'BEGIN { printf "%d", m * 1000 }')"
            done < <(grep '^Time: ' <<<"$out")
            hwm0=$(sed -n 's/^hwm0 //p' <<<"$out")
            read -r hwm rss shm < <(sed -n 's/^hwm //p' <<<"$out")
            [ -n "$hwm0" ] && record mem lg hwm-before dag "$n" "$run" "$hwm0"
            [ -n "$hwm" ] && record mem lg hwm dag "$n" "$run" "$hwm"
            [ -n "$rss" ] && record mem lg rss-anon dag "$n" "$run" "$rss"
            [ -n "$shm" ] && record mem lg rss-shmem dag "$n" "$run" "$shm"
            [ "${anon_peak:-0}" -gt 0 ] && record mem lg anon-peak dag "$n" "$run" "$anon_peak"
            [ "${shm_peak:-0}" -gt 0 ] && record mem lg shmem-peak dag "$n" "$run" "$shm_peak"
        done
    done
    unset PGOPTIONS
    drop_db "$db"
}

# ---------------------------------------------------------------- main

# bench_suite: everything, in this order per shape and N: runs interleaved
# (run 1 of every tool, then run 2, ...), lg and the floor alternating which
# goes first, so that slow drift of the machine hits both alike.
bench_suite() {
    : "${BENCH_WORK:?}" "${BENCH_RAW:?}" "${BENCH_LOG:?}"
    mkdir -p "$BENCH_WORK"
    : >"$BENCH_RAW"
    local peers=() p shape n run dir
    for p in $BENCH_PEERS; do
        if peer_present "$p"; then
            peers+=("$p"); record info "$p" version - - - "$(peer_version "$p")"
        else
            record skip "$p" all - - - "not installed"
            log "$p not installed: skipped"
        fi
    done
    record info psql version - - - "$(psql --version)"
    local s
    for s in server_version shared_buffers fsync synchronous_commit max_locks_per_transaction wal_level; do
        record info pg "$s" - - - "$(psql -X -At -c "SHOW $s" 2>/dev/null)"
    done
    record info lg version - - - "$(psql -X -At -c "SELECT default_version FROM pg_available_extensions WHERE name = 'lg'" 2>/dev/null)"

    for shape in $BENCH_SHAPES; do
        for n in $BENCH_NS; do
            dir=$BENCH_WORK/$shape-$n
            local gens=lg,floor
            for p in "${peers[@]}"; do [ "$(peer_runs "$p" "$n")" -gt 0 ] && gens+=",$p"; done
            log "$shape N=$n: generating ($gens)"
            "$BENCH_PY" "$BENCH_LIB/gen.py" "$n" "$shape" "$dir" --only "$gens" \
                || { fail lg generate "$shape" "$n" - "gen.py failed"; continue; }
            for ((run = 1; run <= BENCH_RUNS; run++)); do
                log "$shape N=$n run $run: lg, floor"
                if [ $((run % 2)) -eq 1 ]; then
                    lg_run "$shape" "$n" "$run" "$dir"; floor_run "$shape" "$n" "$run" "$dir"
                else
                    floor_run "$shape" "$n" "$run" "$dir"; lg_run "$shape" "$n" "$run" "$dir"
                fi
                for p in "${peers[@]}"; do
                    local pr
                    pr=$(peer_runs "$p" "$n")
                    if [ "$run" -le "$pr" ]; then
                        log "$shape N=$n run $run: $p"
                        "${p}_run" "$shape" "$n" "$run" "$dir"
                    elif [ "$run" = 1 ]; then
                        record skip "$p" all "$shape" "$n" - "skipped at this N (time budget)"
                    fi
                done
            done
            rm -rf "$dir"
        done
    done
    planning
    rm -rf "$BENCH_WORK/plan"
}
