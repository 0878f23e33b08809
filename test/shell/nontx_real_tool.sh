#!/usr/bin/env bash
# Issue 12's "done when": a migration set that mixes ordinary migrations
# with a concurrent index build, an enum addition, a COMMIT AND CHAIN
# backfill that uses the new value, and a concurrent index drop, in the
# layout of a real tool (dbmate, from npm: test/tools).  dbmate applies it
# to one database; lg-import registers it unchanged in another, lg finds
# the non-transactional ones by itself, and one CALL lg_apply('heads')
# reaches the head: the schema (catalog fingerprint of schema app) and the
# data are the same, the index is valid.  Then lg reverts it all.  A
# missing dbmate is a TAP SKIP, never faked.  Talks TAP.
set -u
. "$(dirname "$0")/lib/tap.sh"
tmp=$(mktemp -d)
repo=$(cd "$(dirname "$0")/../.." && pwd)
A=lg_ntt_dbmate B=lg_ntt_lg
cleanup() {
  for d in $A $B; do
    psql -X -q -d "$d" -c "SET lg.allow_drop = on" -c "DROP EXTENSION IF EXISTS lg" >/dev/null 2>&1
    dropdb --if-exists "$d" >/dev/null 2>&1
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
q() { local d=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -d "$d" -c "SET client_min_messages = warning" "$@"; }
prog=$(lg_import_prog)
fingerprint() {
  q "$1" -c "
SELECT coalesce(string_agg(x, E'\n' ORDER BY x), '') FROM (
  SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
         || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS x
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace s ON s.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE s.nspname = 'app' AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind = 'r'
  UNION ALL
  SELECT 'index ' || pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace s ON s.oid = c.relnamespace
   WHERE s.nspname = 'app'
  UNION ALL
  SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
    FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace s ON s.oid = t.typnamespace
   WHERE s.nspname = 'app' GROUP BY t.typname) f"
}
data() { q "$1" -c "SELECT md5(string_agg(id || ':' || name || ':' || status || ':' || coalesce(name_lower, '-'), ',' ORDER BY id)) FROM app.item"; }

echo "1..9"
dbmate=""
if command -v npm >/dev/null && (cd "$repo/test/tools" && npm ci --no-audit --no-fund --silent >/dev/null 2>&1); then
  dbmate=$repo/test/tools/node_modules/.bin/dbmate
  "$dbmate" --version >/dev/null 2>&1 || dbmate=""
fi
if [ -z "$dbmate" ]; then
  for i in $(seq 1 9); do echo "ok $i # SKIP dbmate: npm ci in test/tools failed (no npm registry?)"; done
  exit 0
fi

dir=$tmp/db/migrations
mkdir -p "$dir"
cat >"$dir/20260101000001_items.sql" <<'SQL'
-- migrate:up
CREATE SCHEMA app;
CREATE TYPE app.item_status AS ENUM ('new', 'open');
CREATE TABLE app.item (id serial PRIMARY KEY, name text NOT NULL, status app.item_status NOT NULL DEFAULT 'new');
INSERT INTO app.item (name) SELECT 'Item ' || g FROM generate_series(1, 3000) g;

-- migrate:down
DROP SCHEMA app CASCADE;
SQL
cat >"$dir/20260101000002_item_name_index.sql" <<'SQL'
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY item_name ON app.item (name);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS app.item_name;
SQL
cat >"$dir/20260101000003_status_done.sql" <<'SQL'
-- migrate:up transaction:false
ALTER TYPE app.item_status ADD VALUE IF NOT EXISTS 'done';

-- migrate:down
SELECT 1;
SQL
cat >"$dir/20260101000004_backfill.sql" <<'SQL'
-- migrate:up
ALTER TABLE app.item ADD COLUMN name_lower text;
COMMIT AND CHAIN;
UPDATE app.item SET name_lower = lower(name), status = 'done' WHERE id <= 1500;
COMMIT AND CHAIN;
UPDATE app.item SET name_lower = lower(name) WHERE id > 1500;

-- migrate:down
ALTER TABLE app.item DROP COLUMN name_lower;
UPDATE app.item SET status = 'new' WHERE status = 'done';
SQL
cat >"$dir/20260101000005_swap_index.sql" <<'SQL'
-- migrate:up transaction:false
DROP INDEX CONCURRENTLY IF EXISTS app.item_name;

-- migrate:down transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS item_name ON app.item (name);
SQL
cat >"$dir/20260101000006_lower_index.sql" <<'SQL'
-- migrate:up transaction:false
CREATE UNIQUE INDEX CONCURRENTLY item_name_lower ON app.item (name_lower);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS app.item_name_lower;
SQL

for d in $A $B; do dropdb --if-exists "$d" >/dev/null 2>&1; createdb "$d"; done
# lib/pq (inside dbmate) panics on PGSYSCONFDIR, which pg_virtualenv sets.
env -u PGSYSCONFDIR "$dbmate" --url "$(url $A)" --migrations-dir "$dir" --no-dump-schema migrate >"$tmp/dbmate.log" 2>&1 || sed 's/^/# /' "$tmp/dbmate.log"
ok "$(q $A -c "SELECT count(*) FROM schema_migrations")" "6" "dbmate ($("$dbmate" --version)) applied the six migrations"

q $B -c "CREATE EXTENSION lg" >/dev/null
"$prog" dbmate "$dir" -d $B -q >"$tmp/import.log" 2>&1 || sed 's/^/# /' "$tmp/import.log"
ok "$(q $B -c "SELECT count(*) FROM lg.revision")" "6" "lg-import registered the six files unchanged"
ok "$(q $B -c "SELECT string_agg(right(id, 1), ',' ORDER BY ord) FROM lg.revision WHERE NOT transactional")" "2,3,4,5,6" "the index builds, the enum addition (dbmate's transaction:false) and the COMMIT AND CHAIN backfill are non-transactional"
q $B -c "SELECT revision FROM lg_migrate('heads')" >"$tmp/migrate.log" 2>&1
ok "$(grep -c 'ERROR:  lg_migrate() cannot run revision' "$tmp/migrate.log")" "1" "lg_migrate refuses the set before anything runs"
q $B -c "CALL lg_apply('heads')" >"$tmp/apply.log" 2>&1 || sed 's/^/# /' "$tmp/apply.log"
ok "$(q $B -c "SELECT at_head::text || ' ' || coalesce(in_progress, '-') FROM lg_status()")" "true -" "one CALL lg_apply('heads') reaches the head, nothing left in progress"
fa=$(fingerprint $A)
ok "$(fingerprint $B)" "$fa" "the schema equals dbmate's (columns, defaults, indexes and their validity, enum labels)"
ok "$(data $B)" "$(data $A)" "the data equals dbmate's (the backfill and the new enum value)"
q $B -c "CALL lg_apply('base', 'down')" >"$tmp/down.log" 2>&1 || sed 's/^/# /' "$tmp/down.log"
ok "$(q $B -c "SELECT to_regnamespace('app') IS NULL, cardinality(current) FROM lg_status()")" "t|0" "CALL lg_apply('base', 'down') reverts it all"
q $B -c "CALL lg_apply('heads')" >/dev/null 2>&1
ok "$(fingerprint $B)" "$fa" "and applies it again to the same schema"

exit $((fails > 0))
