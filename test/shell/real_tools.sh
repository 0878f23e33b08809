#!/usr/bin/env bash
# Each layout of lg_import with the real tool (issue 13): a folder of three
# migrations in the tool's layout is applied by the tool (alembic from
# python3-alembic, sqitch from Debian, dbmate from npm: test/tools), or, for
# the tools Debian and npm do not package (golang-migrate, flyway, diesel,
# supabase), by psql plus the tool's version table and rows exactly as the
# tool writes them.  Then lg-import the folder, lg_adopt the history,
# lg_migrate('head') applies nothing; a fourth migration is added, lg-import
# registers only it, lg_migrate applies just it, and the schema equals that
# of a second database where the tool applied all four (a catalog
# fingerprint of schema app: columns, types, defaults, indexes,
# constraints).  A tool that is missing is skipped (TAP SKIP), never faked.
# Talks TAP; run with prove against the server in the PG* variables.
set -u
. "$(dirname "$0")/lib/tap.sh"
tmp=$(mktemp -d)
repo=$(cd "$(dirname "$0")/../.." && pwd)
dbs=()
cleanup() {
  for d in "${dbs[@]}"; do
    psql -X -q -d "$d" -c "SET lg.allow_drop = on" -c "DROP EXTENSION IF EXISTS lg" >/dev/null 2>&1
    dropdb --if-exists "$d" >/dev/null 2>&1
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
q() { local d=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -d "$d" -c "SET client_min_messages = warning" "$@"; }
newdb() { dropdb --if-exists "$1" >/dev/null 2>&1; createdb "$1"; dbs+=("$1"); q "$1" -c "CREATE SCHEMA app"; }

prog=$(lg_import_prog)

# What the migrations made: schema app's tables, columns, types, defaults,
# indexes and constraints, one line each.
fingerprint() {
  q "$1" -c "
SELECT coalesce(string_agg(x, E'\n' ORDER BY x), '') FROM (
  SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
         || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS x
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace s ON s.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE s.nspname = 'app' AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'p')
  UNION ALL
  SELECT 'relation ' || c.relname || ' ' || c.relkind::text
    FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'app'
  UNION ALL
  SELECT 'index ' || pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace s ON s.oid = c.relnamespace
   WHERE s.nspname = 'app'
  UNION ALL
  SELECT 'constraint ' || t.relname || '.' || o.conname || ' ' || pg_get_constraintdef(o.oid)
    FROM pg_constraint o JOIN pg_class t ON t.oid = o.conrelid JOIN pg_namespace s ON s.oid = t.relnamespace
   WHERE s.nspname = 'app'
) f"
}

# The four migrations every tool gets (up; down).
UP1="CREATE TABLE app.users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);"
DN1="DROP TABLE app.users;"
UP2="CREATE TABLE app.posts (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES app.users(id), body text);"
DN2="DROP TABLE app.posts;"
UP3="CREATE INDEX posts_user_idx ON app.posts (user_id); INSERT INTO app.users VALUES (1, 'a@example.org');"
DN3="DELETE FROM app.users; DROP INDEX app.posts_user_idx;"
UP4="ALTER TABLE app.posts ADD created_at timestamptz NOT NULL DEFAULT now(), ADD CONSTRAINT body_len CHECK (length(body) < 1000);"
DN4="ALTER TABLE app.posts DROP created_at, DROP CONSTRAINT body_len;"

# The common part, after the tool applied 1-3 to database $A (folder $dir,
# layout $layout, adopt source $source): import, adopt, nothing to do; then
# the caller writes migration 4 (write4), we import it and lg applies it,
# and the caller's apply4 makes the tool apply all four to database $B.
# 8 tests.
move() {
  local tool=$1 layout=$2 source=$3 A=$4 B=$5 dir=$6 id4=$7 out
  q "$A" -c "CREATE EXTENSION lg"
  out=$("$prog" "$layout" "$dir" -d "$A" -At 2>"$tmp/err" | wc -l)
  ok "$?:$out" "0:3" "$tool: lg-import $layout registers the three migrations the tool applied"
  [ "$out" = 3 ] || sed 's/^/# /' "$tmp/err"
  ok "$(q "$A" -c "SELECT cardinality(lg_adopt('$source'))" 2>&1)" "1" "$tool: lg_adopt('$source') stamps lg to the tool's history (one tip)"
  ok "$(q "$A" -c "SELECT count(*) FROM lg_migrate('head')" 2>&1)" "0" "$tool: lg_migrate('head') after the adoption applies nothing"
  write4
  out=$("$prog" "$layout" "$dir" -d "$A" -At 2>"$tmp/err" | cut -d'|' -f1 | paste -sd,)
  ok "$out" "$id4" "$tool: lg-import again registers only the new fourth migration"
  ok "$(q "$A" -c "SELECT string_agg(revision, ',') FROM lg_migrate('head')" 2>&1)" "$id4" "$tool: lg_migrate('head') applies exactly that one"
  ok "$(q "$A" -c "SELECT at_head AND pending = 0 AND applied = 4 FROM lg_status()")" "t" "$tool: lg_status: 4 applied, at head"
  apply4
  local fa fb
  fa=$(fingerprint "$A"); fb=$(fingerprint "$B")
  ok "$([ -n "$fb" ] && [ "$fa" = "$fb" ] && echo same)" "same" "$tool: the schema lg made equals the one the tool made ($(printf '%s\n' "$fb" | wc -l) catalog lines)"
  [ "$fa" = "$fb" ] || diff <(echo "$fa") <(echo "$fb") | sed 's/^/# /'
  ok "$(q "$A" -c "SELECT count(*) FROM app.users")" "1" "$tool: the data the tool's migrations wrote is still there"
}

echo "1..64"
ok "$([ -n "$prog" ] && [ -x "$prog" ] && echo installed)" "installed" "lg-import is installed ($prog)"

# --- dbmate (npm: test/tools) ---------------------------------------------
dbmate=""
if command -v npm >/dev/null && (cd "$repo/test/tools" && npm ci --no-audit --no-fund --silent >/dev/null 2>&1); then
  dbmate=$repo/test/tools/node_modules/.bin/dbmate
  "$dbmate" --version >/dev/null 2>&1 || dbmate=""
fi
if [ -n "$dbmate" ]; then
  A=lg_rt_dbmate_a B=lg_rt_dbmate_b; newdb $A; newdb $B
  dir=$tmp/dbmate; mkdir -p "$dir"
  dm() { printf -- '-- migrate:up\n%s\n\n-- migrate:down\n%s\n' "$2" "$3" >"$dir/$1.sql"; }
  dm 20240101000001_users "$UP1" "$DN1"; dm 20240101000002_posts "$UP2" "$DN2"; dm 20240101000003_index "$UP3" "$DN3"
  # lib/pq (inside dbmate) panics on PGSYSCONFDIR, which pg_virtualenv sets;
  # the URL carries the connection.
  runtool() { env -u PGSYSCONFDIR "$dbmate" --url "$(url "$1")" --migrations-dir "$dir" --no-dump-schema migrate >"$tmp/tool.log" 2>&1 || sed 's/^/# /' "$tmp/tool.log"; }
  runtool $A
  ok "$(q $A -c "SELECT string_agg(version, ',' ORDER BY version) FROM schema_migrations")" "20240101000001,20240101000002,20240101000003" "dbmate: the real dbmate ($("$dbmate" --version)) applied the folder"
  write4() { dm 20240101000004_created_at "$UP4" "$DN4"; }
  apply4() { runtool $B; }
  move dbmate dbmate dbmate $A $B "$dir" 20240101000004
else
  skip 9 "dbmate: npm ci in test/tools failed (no npm registry?)"
fi

# --- alembic (python3-alembic) ------------------------------------------------
if /usr/bin/python3 -c 'import alembic, psycopg2' 2>/dev/null; then
  A=lg_rt_alembic_a B=lg_rt_alembic_b; newdb $A; newdb $B
  env=$tmp/alembic; mkdir -p "$env/versions" "$tmp/alembic_sql"
  cat >"$env/env.py" <<'PY'
import os
from alembic import context
from sqlalchemy import create_engine
url = os.environ["LG_ALEMBIC_URL"]
if context.is_offline_mode():
    context.configure(url=url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    with create_engine(url).connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
PY
  cp "$(/usr/bin/python3 -c 'import alembic, os; print(os.path.dirname(alembic.__file__))')/templates/generic/script.py.mako" "$env/"
  printf '[alembic]\nscript_location = %s\n' "$env" >"$tmp/alembic.ini"
  arev() {  # id, down_revision (Python), up, down
    cat >"$env/versions/$1.py" <<PY
"""revision $1"""
from alembic import op
revision = '$1'
down_revision = $2
branch_labels = None
depends_on = None
def upgrade():
    op.execute("""$3""")
def downgrade():
    op.execute("""$4""")
PY
  }
  arev a1 None "$UP1" "$DN1"; arev a2 "'a1'" "$UP2" "$DN2"; arev a3 "'a2'" "$UP3" "$DN3"
  alembic() { /usr/bin/python3 -m alembic -c "$tmp/alembic.ini" "$@"; }
  export LG_ALEMBIC_URL
  LG_ALEMBIC_URL="postgresql+psycopg2:///$A" alembic upgrade head >"$tmp/tool.log" 2>&1 || sed 's/^/# /' "$tmp/tool.log"
  ok "$(q $A -c "SELECT version_num FROM alembic_version")" "a3" "alembic: the real alembic applied a1..a3 (alembic_version a3)"
  gensql() {
    LG_ALEMBIC_URL=postgresql:// alembic upgrade base:head --sql >"$tmp/alembic_sql/up.sql" 2>/dev/null
    LG_ALEMBIC_URL=postgresql:// alembic downgrade head:base --sql >"$tmp/alembic_sql/down.sql" 2>/dev/null
  }
  gensql
  write4() { arev a4 "'a3'" "$UP4" "$DN4"; gensql; }
  apply4() { LG_ALEMBIC_URL="postgresql+psycopg2:///$B" alembic upgrade head >"$tmp/tool.log" 2>&1 || sed 's/^/# /' "$tmp/tool.log"; }
  move alembic alembic-sql alembic $A $B "$tmp/alembic_sql" a4
else
  skip 9 "alembic: python3-alembic or python3-psycopg2 is not installed"
fi

# --- sqitch (Debian) ------------------------------------------------------
if command -v sqitch >/dev/null && perl -MDBD::Pg -e1 2>/dev/null; then
  A=lg_rt_sqitch_a B=lg_rt_sqitch_b; newdb $A; newdb $B
  dir=$tmp/sqitch; mkdir -p "$dir/deploy" "$dir/revert" "$dir/verify"
  printf '%%syntax-version=1.0.0\n%%project=rt\n\n' >"$dir/sqitch.plan"
  printf '[core]\n\tengine = pg\n' >"$dir/sqitch.conf"
  sq() {  # change, requires, up, down, verify
    printf 'BEGIN;\n%s\nCOMMIT;\n' "$3" >"$dir/deploy/$1.sql"
    printf 'BEGIN;\n%s\nCOMMIT;\n' "$4" >"$dir/revert/$1.sql"
    printf 'BEGIN;\n%s\nROLLBACK;\n' "$5" >"$dir/verify/$1.sql"
    printf '%s %s2024-01-01T00:00:0%sZ Test <test@example.org> # %s\n' "$1" "${2:+[$2] }" "$6" "$1" >>"$dir/sqitch.plan"
  }
  sq users "" "$UP1" "$DN1" "SELECT id, email FROM app.users WHERE false;" 1
  sq posts users "$UP2" "$DN2" "SELECT id, user_id, body FROM app.posts WHERE false;" 2
  sq posts_index posts "$UP3" "$DN3" "SELECT 1/count(*) FROM pg_indexes WHERE indexname = 'posts_user_idx';" 3
  runtool() { (cd "$dir" && SQITCH_FULLNAME=Test SQITCH_EMAIL=test@example.org sqitch deploy "db:$(url "$1")" >"$tmp/tool.log" 2>&1) || sed 's/^/# /' "$tmp/tool.log"; }
  runtool $A
  ok "$(q $A -c "SELECT string_agg(change, ',' ORDER BY committed_at) FROM sqitch.changes")" "users,posts,posts_index" "sqitch: the real sqitch ($(sqitch --version 2>/dev/null | head -1)) deployed the plan"
  write4() { sq posts_created_at posts_index "$UP4" "$DN4" "SELECT created_at FROM app.posts WHERE false;" 4; }
  apply4() { runtool $B; }
  move sqitch sqitch sqitch $A $B "$dir" posts_created_at
else
  skip 9 "sqitch: sqitch or libdbd-pg-perl is not installed (scripts/setup.sh installs them)"
fi

# --- golang-migrate (no package: its version table, as its postgres driver
# makes it: CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not
# null primary key, dirty boolean not null); per migration it sets the
# version dirty (TRUNCATE; INSERT), runs the file, sets it clean) ----------
A=lg_rt_gm_a B=lg_rt_gm_b; newdb $A; newdb $B
dir=$tmp/golang-migrate; mkdir -p "$dir"
gm() { printf '%s\n' "$2" >"$dir/$1.up.sql"; printf '%s\n' "$3" >"$dir/$1.down.sql"; }
gm 000001_users "$UP1" "$DN1"; gm 000002_posts "$UP2" "$DN2"; gm 000003_index "$UP3" "$DN3"
runtool() {  # database; applies every up file above the recorded version
  local f v cur
  q "$1" -c "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary key, dirty boolean not null)"
  cur=$(q "$1" -c "SELECT coalesce(max(version), 0) FROM schema_migrations")
  for f in "$dir"/*.up.sql; do
    v=$(basename "$f"); v=$((10#${v%%_*}))
    [ "$v" -gt "$cur" ] || continue
    q "$1" -c "BEGIN; TRUNCATE schema_migrations; INSERT INTO schema_migrations (version, dirty) VALUES ($v, true); COMMIT;"
    q "$1" -1 -f "$f"
    q "$1" -c "BEGIN; TRUNCATE schema_migrations; INSERT INTO schema_migrations (version, dirty) VALUES ($v, false); COMMIT;"
  done
}
runtool $A
ok "$(q $A -c "SELECT version || ':' || dirty FROM schema_migrations")" "3:false" "golang-migrate: applied as the tool does (one row, version 3, clean)"
write4() { gm 000004_created_at "$UP4" "$DN4"; }
apply4() { runtool $B; }
move golang-migrate golang-migrate golang-migrate $A $B "$dir" 000004

# --- flyway (no package: flyway_schema_history as its PostgreSQL
# createMetaDataTable.sql makes it, one row per applied V file, the
# description with _ as spaces, type SQL; checksum and execution_time are
# stand-ins: cksum's CRC, not flyway's CRC32 over the lines, and 5 ms;
# lg_adopt reads version, success, type and script) -------------------------
A=lg_rt_fly_a B=lg_rt_fly_b; newdb $A; newdb $B
dir=$tmp/flyway; mkdir -p "$dir/sql"
fw() { printf '%s\n' "$2" >"$dir/sql/$1.sql"; }
fw V1__users "$UP1"; fw V2__posts "$UP2"; fw V2_1__posts_index "$UP3"
runtool() {
  local f s v d
  q "$1" -f - <<'SQL'
CREATE TABLE IF NOT EXISTS "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'flyway_schema_history_pk') THEN
    ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
    CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
  END IF;
END $$;
SQL
  # in version order (1, 2, 2.1, 10), as flyway applies them
  for f in $(cd "$dir" && for g in sql/V*.sql; do v=${g#sql/V}; v=${v%%__*}; echo "${v//_/.} $g"; done | sort -V | cut -d' ' -f2); do
    s=$(basename "$f"); v=${s#V}; v=${v%%__*}; v=${v//_/.}; d=${s#*__}; d=${d%.sql}; d=${d//_/ }
    [ "$(q "$1" -c "SELECT count(*) FROM flyway_schema_history WHERE version = '$v'")" = 0 ] || continue
    q "$1" -1 -f "$dir/$f"
    q "$1" -c "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
               SELECT coalesce(max(installed_rank), 0) + 1, '$v', '$d', 'SQL', '$s', $(( $(cksum <"$dir/$f" | cut -d' ' -f1) - 2147483648 )), current_user, 5, true FROM flyway_schema_history"
  done
}
runtool $A
ok "$(q $A -c "SELECT string_agg(version || ' ' || script, ',' ORDER BY installed_rank) FROM flyway_schema_history")" "1 V1__users.sql,2 V2__posts.sql,2.1 V2_1__posts_index.sql" "flyway: applied with flyway_schema_history rows as flyway writes them"
write4() { fw V10__created_at "$UP4"; }
apply4() { runtool $B; }
move flyway flyway flyway $A $B "$dir" 10

# --- diesel (no package: __diesel_schema_migrations as diesel makes it,
# the version without dashes) ----------------------------------------------
A=lg_rt_diesel_a B=lg_rt_diesel_b; newdb $A; newdb $B
dir=$tmp/diesel; mkdir -p "$dir"
ds() { mkdir -p "$dir/$1"; printf '%s\n' "$2" >"$dir/$1/up.sql"; printf '%s\n' "$3" >"$dir/$1/down.sql"; }
ds 2024-01-01-000001_users "$UP1" "$DN1"; ds 2024-01-01-000002_posts "$UP2" "$DN2"; ds 2024-01-01-000003_index "$UP3" "$DN3"
runtool() {
  local d v
  q "$1" -c "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)"
  for d in $(cd "$dir" && ls -d */ | sort); do
    v=${d%%_*}; v=${v//-/}
    [ "$(q "$1" -c "SELECT count(*) FROM __diesel_schema_migrations WHERE version = '$v'")" = 0 ] || continue
    { cat "$dir/${d}up.sql"; echo "INSERT INTO __diesel_schema_migrations (version) VALUES ('$v');"; } | q "$1" -1 -f -
  done
}
runtool $A
ok "$(q $A -c "SELECT string_agg(version, ',' ORDER BY version) FROM __diesel_schema_migrations")" "20240101000001,20240101000002,20240101000003" "diesel: applied with __diesel_schema_migrations rows as diesel writes them"
write4() { ds 2024-01-01-000004_created_at "$UP4" "$DN4"; }
apply4() { runtool $B; }
move diesel diesel diesel $A $B "$dir" 20240101000004

# --- supabase (no CLI: supabase_migrations.schema_migrations as the CLI
# makes it: version, then the columns statements text[] and name; the CLI
# splits a file into its statements, here the file is one element) ---------
A=lg_rt_supa_a B=lg_rt_supa_b; newdb $A; newdb $B
dir=$tmp/supabase; mkdir -p "$dir/supabase/migrations"
sb() { printf '%s\n' "$2" >"$dir/supabase/migrations/$1.sql"; }
sb 20240101000001_users "$UP1"; sb 20240101000002_posts "$UP2"; sb 20240101000003_index "$UP3"
runtool() {
  local f s v
  q "$1" -c "CREATE SCHEMA IF NOT EXISTS supabase_migrations" \
         -c "CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)" \
         -c "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[]" \
         -c "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text"
  for f in "$dir"/supabase/migrations/*.sql; do
    s=$(basename "$f" .sql); v=${s%%_*}
    [ "$(q "$1" -c "SELECT count(*) FROM supabase_migrations.schema_migrations WHERE version = '$v'")" = 0 ] || continue
    { cat "$f"; echo "INSERT INTO supabase_migrations.schema_migrations (version, name, statements) VALUES ('$v', '${s#*_}', ARRAY[\$lg\$$(cat "$f")\$lg\$]);"; } | q "$1" -1 -f -
  done
}
runtool $A
ok "$(q $A -c "SELECT string_agg(version || ' ' || name, ',' ORDER BY version) FROM supabase_migrations.schema_migrations")" "20240101000001 users,20240101000002 posts,20240101000003 index" "supabase: applied with supabase_migrations rows as the CLI writes them"
write4() { sb 20240101000004_created_at "$UP4"; }
apply4() { runtool $B; }
move supabase supabase supabase $A $B "$dir" 20240101000004

[ "$n" = 64 ] || echo "# ran $n tests, planned 64"
exit $((fails > 0))
