#!/usr/bin/env bash
# WhisperEngine moved from Alembic to lg (examples/whisperengine_from_alembic,
# README "Moving to lg"), the steps a team runs, on a throwaway database:
# the real Alembic (python3-alembic) migrates it to head with the
# environment built from the seed (examples/whisperengine's SQL, its
# revision ids); `alembic upgrade base:head --sql` and `alembic downgrade
# head:base --sql` give the SQL; lg-import alembic-sql registers it;
# lg_adopt('alembic') stamps lg to Alembic's head; lg_migrate('head') does
# nothing; the schema equals the seed's own (examples/whisperengine/load.sql
# moved to heads by lg); the seed's pgTAP tests pass (pg_prove); the next
# migration is lg's and lg applies just it; the team's rows are kept.
# Talks TAP; run with prove against the server in the PG* variables.
set -u
. "$(dirname "$0")/lib/tap.sh"
tmp=$(mktemp -d)
repo=$(cd "$(dirname "$0")/../.." && pwd)
ex=$repo/examples/whisperengine_from_alembic
db=lg_alembic_move
ref=lg_alembic_move_ref
cleanup() {
  for d in $db $ref; do
    psql -X -q -d "$d" -c "SET lg.allow_drop = on" -c "DROP EXTENSION IF EXISTS lg" >/dev/null 2>&1
    dropdb --if-exists "$d" >/dev/null 2>&1
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
q() { local d=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -d "$d" -c "SET client_min_messages = warning" "$@"; }

echo "1..14"
if ! /usr/bin/python3 -c 'import alembic, psycopg2' 2>/dev/null || ! command -v pg_prove >/dev/null; then
  for i in $(seq 1 14); do echo "ok $i # SKIP python3-alembic, python3-psycopg2 or pg_prove is not installed"; done
  exit 0
fi
prog=$(lg_import_prog)
# alembic from a copy of the environment (no __pycache__ in the tree)
cp -r "$ex" "$tmp/env"
alembic() { (cd "$tmp/env" && /usr/bin/python3 -m alembic "$@"); }
export WHISPERENGINE_DB_URL="postgresql+psycopg2:///$db"

for d in $db $ref; do dropdb --if-exists "$d" >/dev/null 2>&1; createdb "$d"; done

# 1. The team's database, migrated by Alembic, with a user in it.
alembic upgrade head >"$tmp/log" 2>&1 || sed 's/^/# /' "$tmp/log"
ok "$(q $db -c "SELECT version_num FROM alembic_version")" "27e207ded5a0" "alembic upgrade head: the database is at Alembic's head 27e207ded5a0"
q $db -c "INSERT INTO universal_users (universal_id, preferences) VALUES ('u1', '{\"preferred_name\": \"Ada\"}')"

# 2. The SQL, from Alembic itself.
mkdir -p "$tmp/alembic-sql"
WHISPERENGINE_DB_URL=postgresql:// alembic upgrade base:head --sql >"$tmp/alembic-sql/up.sql" 2>"$tmp/log"
ok "$?:$(grep -c '^-- Running upgrade' "$tmp/alembic-sql/up.sql")" "0:5" "alembic upgrade base:head --sql: five revisions"
WHISPERENGINE_DB_URL=postgresql:// alembic downgrade head:base --sql >"$tmp/alembic-sql/down.sql" 2>"$tmp/log"
ok "$?:$(grep -c '^-- Running downgrade' "$tmp/alembic-sql/down.sql")" "0:5" "alembic downgrade head:base --sql: five revisions"

# 3. lg: the extension, the import, the adoption.
q $db -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION lg"
out=$("$prog" alembic-sql "$tmp/alembic-sql" -d $db -At 2>"$tmp/log" | cut -d'|' -f1 | sort | paste -sd,)
ok "$out" "20251019_conv_summaries,27e207ded5a0,336ce8830dfe,a71d62f22c10,b06ced8ecd14" "lg-import alembic-sql registers the five revisions, with Alembic's ids"
ok "$(q $db -c "SELECT parents FROM lg_history() WHERE revision = 'b06ced8ecd14'")" "{336ce8830dfe,20251019_conv_summaries}" "the merge keeps both parents"
ok "$(q $db -c "SELECT lg_adopt('alembic')" 2>&1)" "{27e207ded5a0}" "lg_adopt('alembic') stamps lg to Alembic's head"
ok "$(q $db -c "SELECT count(*) FROM lg_migrate('head')" 2>&1)" "0" "lg_migrate('head') does nothing"
ok "$(q $db -c "SELECT current::text || ' ' || applied || ' ' || pending || ' ' || at_head FROM lg_status()")" "{27e207ded5a0} 5 0 true" "lg_status(): at 27e207ded5a0, 5 applied, none pending"

# 4. The same schema as the seed moved by lg from its own registration.
(cd "$repo/examples/whisperengine" && q $ref -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION lg" -f load.sql -c "SELECT count(*) FROM lg_migrate('heads')" >/dev/null)
fp() {
  q "$1" -c "
SELECT coalesce(string_agg(x, E'\n' ORDER BY x), '') FROM (
  SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
         || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS x
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace s ON s.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE s.nspname = 'public' AND c.relname !~ '^alembic_version' AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'p')
  UNION ALL
  SELECT 'index ' || pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace s ON s.oid = c.relnamespace
   WHERE s.nspname = 'public' AND c.relname !~ '^alembic_version'
  UNION ALL
  SELECT 'constraint ' || t.relname || '.' || o.conname || ' ' || pg_get_constraintdef(o.oid)
    FROM pg_constraint o JOIN pg_class t ON t.oid = o.conrelid JOIN pg_namespace s ON s.oid = t.relnamespace
   WHERE s.nspname = 'public' AND t.relname !~ '^alembic_version'
) f"
}
fa=$(fp $db); fb=$(fp $ref)
ok "$([ -n "$fb" ] && [ "$fa" = "$fb" ] && echo same)" "same" "the schema Alembic made equals the seed's, moved by lg ($(printf '%s\n' "$fb" | wc -l) catalog lines)"
[ "$fa" = "$fb" ] || diff <(echo "$fa") <(echo "$fb") | sed 's/^/# /'

ok "$(q $db -c "SELECT preferences->>'preferred_name' FROM universal_users WHERE universal_id = 'u1'")" "Ada" "the row written under Alembic is kept (preferences as jsonb)"
# The seed's tests fill universal_users themselves.
q $db -c "DELETE FROM universal_users"

# 5. The seed's pgTAP tests.  Its 01_schema.sql checks the journal's 'up'
# line of 27e207ded5a0 (it ran no statement); an adopted revision has an
# 'adopt' line instead, so lg first takes that last revision down and up
# again with Alembic's own SQL (the no-op, both ways).
ok "$(q $db -c "SELECT string_agg(revision, ',') FROM lg_downgrade('a71d62f22c10')" -c "SELECT string_agg(revision, ',') FROM lg_migrate('head')" | paste -sd' ')" "27e207ded5a0 27e207ded5a0" "lg takes 27e207ded5a0 down and up again with Alembic's SQL"
pg_prove -d $db "$repo"/examples/whisperengine/test/*.sql >"$tmp/log" 2>&1
ok "$?" "0" "the seed's pgTAP tests pass: $(grep -E '^(Files|Result)' "$tmp/log" | paste -sd' ')"
[ "$(tail -1 "$tmp/log")" = "Result: PASS" ] || sed 's/^/# /' "$tmp/log"

# 6. The next migration is lg's.
q $db -c "SELECT lg_revision('20251201_user_timezone', parents => '{27e207ded5a0}', message => 'universal_users.timezone',
  up => \$\$ALTER TABLE universal_users ADD COLUMN timezone text NOT NULL DEFAULT 'UTC'\$\$,
  down => \$\$ALTER TABLE universal_users DROP COLUMN timezone\$\$)" >/dev/null
ok "$(q $db -c "SELECT string_agg(revision, ',') FROM lg_migrate('head')")" "20251201_user_timezone" "the next migration, written for lg: lg_migrate('head') applies just it"
ok "$(q $db -c "SELECT current::text || ' ' || applied || ' ' || at_head FROM lg_status()")|$(q $db -c "SELECT column_default FROM information_schema.columns WHERE table_name = 'universal_users' AND column_name = 'timezone'")" "{20251201_user_timezone} 6 true|'UTC'::text" "lg_status(): at the new revision, 6 applied; the column is there"

exit $((fails > 0))
