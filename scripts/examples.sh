#!/usr/bin/env bash
# Runs every example system under examples/ end to end against the server in
# the usual PG* variables (scripts/test.sh calls it inside pg_virtualenv).
# For each examples/<name>/, in a fresh database lg_ex_<name>:
#   CREATE EXTENSION pgtap, lg; psql -f load.sql (from the example's folder);
#   lg_check('heads') from base: every row ok, or exactly the findings
#   listed in examples/<name>/check_findings.txt (README explains each;
#   plus check_findings.<revision>.txt when that revision is registered;
#   an extension's version compared as "version *"),
#   and nothing left by it;
#   lg_migrate('heads') (CALL lg_apply('heads') when the example has
#   non-transactional revisions); pg_prove test/*.sql;
#   lg_downgrade('base') (CALL lg_apply('base', 'down')) and check that nothing the migrations made is left
#   (relations, types, functions, schemas; compared with a fingerprint taken
#   right after CREATE EXTENSION, so pgTAP's and lg's own objects don't count);
#   lg_migrate('heads') again; pg_prove again; drop the database.
# Usage: bash scripts/examples.sh [name ...]   (default: every example)
# Exits non-zero if any example fails; the last line is
#   examples: N passed, M failed
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c client_min_messages=warning"
maint_db=${PGDATABASE:-postgres}

if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for d in examples/*/; do
    [ -f "$d/load.sql" ] && names+=("$(basename "$d")")
  done
fi

# Objects in the database that are not part of an extension and not in the
# system schemas or lg's: what a migration can leave behind.
fingerprint_sql=$(cat <<'SQL'
SELECT coalesce(string_agg(obj, E'\n' ORDER BY obj), '')
  FROM (
    SELECT 'relation ' || c.oid::regclass::text || ' (' || c.relkind::text || ')' AS obj
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'lg')
       AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                        WHERE ((d.classid = 'pg_class'::regclass AND d.objid = c.oid)
                            OR (d.classid = 'pg_type'::regclass AND d.objid = c.reltype))
                          AND d.deptype = 'e')
    UNION ALL
    SELECT 'type ' || t.oid::regtype::text
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'lg')
       AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
       AND t.typtype IN ('e', 'd', 'r', 'm')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                          AND d.objid = t.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 'function ' || p.oid::regprocedure::text
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'lg')
       AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                          AND d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 'schema ' || n.nspname
      FROM pg_namespace n
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'lg', 'public')
       AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                          AND d.objid = n.oid AND d.deptype = 'e')
  ) o
SQL
)

# One example, every step; exits at the first failure (errexit is on in the
# subshell that runs it).
run_example() {
  local name=$1 db=lg_ex_$1 dir=$root/examples/$1
  local q=(psql -X -q -v ON_ERROR_STOP=1 -d "lg_ex_$1")

  echo "-- $name: fresh database $db"
  psql -X -q -v ON_ERROR_STOP=1 -d "$maint_db" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  "${q[@]}" -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION lg'
  local empty
  empty=$("${q[@]}" -At -c "$fingerprint_sql")

  echo "-- $name: load.sql"
  (cd "$dir" && "${q[@]}" -f load.sql >/dev/null)
  "${q[@]}" -At -c "SELECT 'registered: ' || string_agg(revision, ' ') FROM lg_history()"

  echo "-- $name: lg_check('heads') from base"
  local checked findings want=""
  checked=$("${q[@]}" -At -c "SELECT count(*) || ' rows, ' || count(*) FILTER (WHERE ok) || ' ok' FROM lg_check('heads')")
  echo "lg_check: $checked"
  # an extension's version depends on the server's packages: compared as "version *"
  findings=$("${q[@]}" -At -F ' | ' -c "SELECT revision, step, ok, detail FROM lg_check('heads') WHERE ok IS DISTINCT FROM true" |
             sed -E 's/^(extension .* added: version )[^ ]+ /\1* /')
  [ -f "$dir/check_findings.txt" ] && want=$(cat "$dir/check_findings.txt")
  # check_findings.<revision>.txt: findings of a revision registered only on
  # some servers (chief_of_staff's vector branch), after the others
  local extra rev
  for extra in "$dir"/check_findings.*.txt; do
    [ -f "$extra" ] || continue
    rev=${extra##*/check_findings.}; rev=${rev%.txt}
    if [ "$("${q[@]}" -At -c "SELECT count(*) FROM lg_history() WHERE revision = '$rev'")" = 1 ]; then
      want=$(printf '%s\n%s' "$want" "$(cat "$extra")")
    fi
  done
  if [ "$findings" != "$want" ]; then
    echo "!! $name: lg_check findings differ from check_findings.txt:"
    diff <(printf '%s\n' "$want") <(printf '%s\n' "$findings") || true
    return 1
  fi
  if [ "$("${q[@]}" -At -c "$fingerprint_sql")" != "$empty" ] ||
     [ "$("${q[@]}" -At -c "SELECT count(*) FROM lg.version")" != 0 ]; then
    echo "!! $name: lg_check left something behind"
    return 1
  fi
  echo "lg_check: findings as expected, nothing left"

  # A set with non-transactional revisions runs through CALL lg_apply,
  # which commits as it goes; the others through lg_migrate, one transaction.
  local online
  online=$("${q[@]}" -At -c "SELECT NOT bool_and(transactional) FROM lg.revision")
  if [ "$online" = t ]; then
    migrate() { "${q[@]}" -c "CALL lg_apply('heads')"; "${q[@]}" -At -c "SELECT 'applied: ' || string_agg(revision, ' ' ORDER BY id) FROM lg.log WHERE direction = 'up' AND outcome = 'ok' AND id > coalesce((SELECT max(id) FROM lg.log WHERE direction = 'down'), 0)"; }
    downgrade() {
      local before
      before=$("${q[@]}" -At -c "SELECT coalesce(max(id), 0) FROM lg.log")
      "${q[@]}" -c "CALL lg_apply('base', 'down')"
      "${q[@]}" -At -c "SELECT 'reverted: ' || string_agg(revision, ' ' ORDER BY id) FROM lg.log WHERE id > $before AND direction = 'down' AND outcome = 'ok'"
    }
  else
    migrate() { "${q[@]}" -At -c "SELECT 'applied: ' || coalesce(string_agg(revision, ' '), '(nothing)') FROM lg_migrate('heads')"; }
    downgrade() { "${q[@]}" -At -c "SELECT 'reverted: ' || coalesce(string_agg(revision, ' '), '(nothing)') FROM lg_downgrade('base')"; }
  fi

  echo "-- $name: $([ "$online" = t ] && echo "CALL lg_apply('heads')" || echo "lg_migrate('heads')")"
  migrate
  "${q[@]}" -At -c "SELECT 'at head: ' || at_head || ', current: ' || array_to_string(current, ' ') FROM lg_status()"

  echo "-- $name: pg_prove (1)"
  (cd "$dir" && pg_prove -d "$db" test/*.sql)

  echo "-- $name: downgrade to base"
  downgrade
  local left
  left=$("${q[@]}" -At -c "$fingerprint_sql")
  if [ "$left" != "$empty" ]; then
    echo "!! $name: objects left at base:"
    diff <(printf '%s\n' "$empty") <(printf '%s\n' "$left") || true
    return 1
  fi
  "${q[@]}" -At -c "SELECT 'rows at base: ' || count(*) FROM lg.version"
  [ "$("${q[@]}" -At -c "SELECT count(*) FROM lg.version")" = 0 ]
  echo "nothing left at base"

  echo "-- $name: heads again"
  migrate

  echo "-- $name: pg_prove (2)"
  (cd "$dir" && pg_prove -d "$db" test/*.sql)

  psql -X -q -v ON_ERROR_STOP=1 -d "$maint_db" -c "DROP DATABASE $db"
}

# The seed systems hold UTF-8 text: a SQL_ASCII cluster (initdb with no
# locale) fails them in ways that have nothing to do with lg.
enc=$(psql -X -At -d "$maint_db" -c 'SHOW server_encoding')
if [ "$enc" != UTF8 ]; then
  echo "examples: the cluster's encoding is $enc, not UTF8 (see scripts/cluster.sh)"
  echo "examples: 0 passed, ${#names[@]} failed"
  exit 1
fi
echo "cluster encoding: $enc (LANG=${LANG:-unset})"

passed=0
failed=0
failed_names=()
for name in "${names[@]}"; do
  if [ ! -f "examples/$name/load.sql" ]; then
    echo "FAIL example $name: no examples/$name/load.sql"
    failed=$((failed + 1)); failed_names+=("$name")
    continue
  fi
  set +e
  (set -e; run_example "$name") 2>&1 | sed 's/^/   /'
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" -eq 0 ]; then
    echo "ok   example $name"
    passed=$((passed + 1))
  else
    echo "FAIL example $name (exit $rc; its database lg_ex_$name is left in the cluster, which is removed with it when the test run ends)"
    failed=$((failed + 1)); failed_names+=("$name")
  fi
done

[ "$failed" -eq 0 ] || echo "failed: ${failed_names[*]}"
echo "examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
