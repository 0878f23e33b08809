#!/usr/bin/env bash
# lg-import (scripts/lg-import, installed next to psql by make install)
# sends a migration folder to lg_import() in one transaction: file names
# with spaces, quotes, newlines and leading dashes, UTF-8 content, hidden
# files left out, all or nothing; and the output of a real Alembic
# (python3-alembic) imported with layout alembic-sql plans in Alembic's
# order.  Talks TAP; run with prove against the server in the PG* variables.
set -u
. "$(dirname "$0")/lib/tap.sh"
db=lg_import_test
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo=$(cd "$(dirname "$0")/../.." && pwd)

echo "1..26"
# The installed program: make install puts it in pg_config --bindir; the
# developer loop (scripts/dev-test.sh) installs into build/destdir.
prog=$(lg_import_prog)
ok "$([ -n "$prog" ] && [ -x "$prog" ] && echo installed)" "installed" "make install put lg-import next to PostgreSQL's programs ($prog)"

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
psql_db -c "SET client_min_messages = warning" -c "CREATE EXTENSION lg" -c "CREATE SCHEMA app"

# dbmate, in a folder whose name starts with a dash and holds a space, a
# quote and a newline; file names with quotes, a backslash, a newline.
dir="$tmp/-d my 'db\"
migrations"
mkdir -p "$dir/.git"
printf -- '-- migrate:up\nCREATE TABLE app.t (id int, s text);\n-- migrate:down\nDROP TABLE app.t;\n' >"$dir/20200101000000_create t's \"table\".sql"
printf -- "-- migrate:up\nINSERT INTO app.t VALUES (1, 'ünïcødé ✓ \\\\ '' \$\$ 🐘');\n-- migrate:down\nDELETE FROM app.t;\n" >"$dir/20200102000000_new
line \\ name.sql"
printf -- '-- migrate:up\nDROP TABLE app.t;\n' >"$dir/.git/20200109000000_hidden.sql"
printf 'notes\n' >"$dir/-rf README"
# DIR relative, starting with a dash
out=$(cd "$tmp" && "$prog" dbmate "${dir#"$tmp/"}" -d "$db" -At 2>"$tmp/err")
ok "$?" "0" "lg-import dbmate DIR -d DB exits 0 (DIR: a relative name starting with a dash)"
ok "$(psql_db -c "SELECT string_agg(id || ':' || parents::text, ',' ORDER BY ord) FROM lg.revision")" "20200101000000:{},20200102000000:{20200101000000}" "both revisions registered, in version order"
ok "$(printf '%s' "$out" | head -c 14)" "20200101000000" "lg-import prints lg_import's rows"
ok "$(grep -c 'Not read: "-rf README"' "$tmp/err")" "1" "the file the layout does not read is named in a notice; the hidden one is not sent"
ok "$(psql_db -c "SELECT message FROM lg.revision WHERE id = '20200102000000'")" "new
line \\ name (file: 20200102000000_new
line \\ name.sql)" "the file name arrives as it is (newline, backslash)"
psql_db -c "SET client_min_messages = warning" -c "SELECT count(*) FROM lg_migrate('head')" >/dev/null
ok "$(psql_db -c "SELECT s FROM app.t")" "ünïcødé ✓ \\ ' \$\$ 🐘" "UTF-8 content arrives as it is"

out=$("$prog" dbmate "$dir" -d "$db" -At 2>/dev/null)
ok "$?|$out" "0|" "importing the same folder again registers nothing"
printf -- '-- migrate:up\nALTER TABLE app.t ADD x int;\n' >"$dir/20200103000000_add x.sql"
out=$("$prog" dbmate "$dir" -d "$db" -At 2>/dev/null)
ok "$out" "20200103000000|{20200102000000}|20200103000000_add x.sql" "a new file: only it is registered"

# all or nothing: a new good file and a bad one register neither
printf -- '-- migrate:up\nALTER TABLE app.t ADD y int;\n' >"$dir/20200104000000_add y.sql"
printf -- 'ALTER TABLE app.t ADD z int;\n' >"$dir/20200105000000_no marker.sql"
"$prog" dbmate "$dir" -d "$db" -At >/dev/null 2>"$tmp/err"
ok "$?" "3" "a file that does not fit the layout fails the command (psql exit 3)"
ok "$(grep -c 'file "20200105000000_no marker.sql": no "-- migrate:up" line' "$tmp/err")" "1" "the error names the file"
ok "$(psql_db -c "SELECT count(*) FROM lg.revision")" "3" "nothing of that import was registered"
rm "$dir/20200105000000_no marker.sql" "$dir/20200104000000_add y.sql"

# a file that is not UTF-8 is named
printf -- '-- migrate:up\nSELECT \x27caf\xe9\x27;\n' >"$dir/20200104000000_latin1.sql"
"$prog" dbmate "$dir" -d "$db" -At >/dev/null 2>"$tmp/err"
ok "$?:$(grep -c 'lg-import: file "20200104000000_latin1.sql" is not UTF-8 text' "$tmp/err")" "3:1" "a file that is not UTF-8 fails the command, named"
rm "$dir/20200104000000_latin1.sql"

# a file name that is not UTF-8 is named (octal escapes), nothing sent
printf -- '-- migrate:up\nSELECT 1;\n' >"$dir/20200104000000_caf"$'\xe9'".sql"
"$prog" dbmate "$dir" -d "$db" -At >/dev/null 2>"$tmp/err"
ok "$?:$(grep -c 'lg-import: the name of file "20200104000000_caf\\351.sql" is not UTF-8' "$tmp/err")" "3:1" "a file name that is not UTF-8 fails the command, named with octal escapes"
ok "$(psql_db -c "SELECT count(*) FROM lg.revision")" "3" "nothing of that import was registered"
rm "$dir/20200104000000_caf"$'\xe9'".sql"

# a file named "-" is a file (not cat's standard input), a tab and a CR in
# a name, a name that is only a dash and digits
printf 'dash\n' >"$dir/-"
printf -- '-- migrate:up\nSELECT 1;\n' >"$dir/20200104000000_tab"$'\t'"cr"$'\r'".sql"
out=$(echo "SELECT 'stdin was read'" | "$prog" dbmate "$dir" -d "$db" -At 2>"$tmp/err")
ok "$?:$(grep -c 'Not read: "-"' "$tmp/err"):$(grep -c 'stdin was read' <<<"$out")" "0:1:0" "a file named \"-\" is sent as a file, standard input is not read"
ok "$(psql_db -c "SELECT message FROM lg.revision WHERE id = '20200104000000'")" "tab"$'\t'"cr"$'\r'" (file: 20200104000000_tab"$'\t'"cr"$'\r'".sql)" "a tab and a carriage return in a name arrive as they are"

# an empty folder named "-" (not cd's "$OLDPWD"): nothing to register
mkdir "$tmp/-"
out=$(cd "$tmp" && "$prog" dbmate - -d "$db" -At 2>&1)
ok "$?|$out|$(psql_db -c "SELECT count(*) FROM lg.revision")" "0||4" "an empty folder named \"-\" registers nothing and exits 0"

# options, and a DIR given with trailing slashes
mkdir -p "$tmp/fly/sql"
printf 'CREATE TABLE app.f (id int);\n' >"$tmp/fly/sql/V1_1__create f.sql"
printf 'CREATE VIEW app.fv AS SELECT * FROM app.f;\n' >"$tmp/fly/sql/R__views.sql"
"$prog" flyway "$tmp/fly//" -d "$db" -At >/dev/null 2>"$tmp/err"
ok "$?:$(grep -c 'repeatable migrations are not imported by default' "$tmp/err")" "3:1" "flyway repeatables are refused by default"
out=$("$prog" --options '{"repeatables": "append"}' flyway "$tmp/fly//" -d "$db" -At 2>/dev/null)
ok "$(printf '%s\n' "$out" | cut -d'|' -f1,3 | paste -sd,)" "1.1|sql/V1_1__create f.sql,R__views|sql/R__views.sql" "--options reaches lg_import"

# Many files with long UTF-8 names: several batches (64 KiB of names on
# each command line), cut apart by byte lengths in the server.
createdb "${db}_many"
psql -X -q -d "${db}_many" -c "SET client_min_messages = warning" -c "CREATE EXTENSION lg"
mkdir "$tmp/many"
long=$(printf 'é✓%.0s' $(seq 1 40))
for i in $(seq 1 1500); do
  v=$((20200101000000 + i))
  printf -- "-- migrate:up\nSELECT 'v%s ✓';\n-- migrate:down\nSELECT 'd%s';\n" "$v" "$v" >"$tmp/many/${v}_$long $i.sql"
done
"$prog" dbmate "$tmp/many" -d "${db}_many" -At >/dev/null 2>"$tmp/err"
ok "$?" "0" "1,500 files with 128-byte names import ($(( $(wc -c <<<"$long") * 1500 / 1024 )) KiB of names)"
ok "$(psql -X -At -d "${db}_many" -c "SELECT count(*) FILTER (WHERE s.up_sql = format(E'SELECT ''v%s ✓'';\n', r.id) AND s.down_sql = format(E'SELECT ''d%s'';\n', r.id)
  AND r.message = format('%s %s (file: %s_%s %s.sql)', '$long', r.id::bigint - 20200101000000, r.id, '$long', r.id::bigint - 20200101000000)) FROM lg.revision r JOIN lg.script s ON s.revision = r.id")" "1500" "every file arrives whole, under its own name"
psql -X -q -d "${db}_many" -c "SET lg.allow_drop = on" -c "DROP EXTENSION lg" >/dev/null 2>&1
dropdb "${db}_many"

# A real Alembic: an environment with a branch and a merge, its offline
# SQL imported with layout alembic-sql plans in Alembic's order.
if /usr/bin/python3 -c 'import alembic' 2>/dev/null; then
  alembic() { (cd "$tmp/alembic" && /usr/bin/python3 -m alembic "$@"); }
  mkdir -p "$tmp/alembic"
  alembic init env >/dev/null 2>&1
  # env.py reads the logging sections (fileConfig)
  printf '%s\n' '[alembic]' 'script_location = env' 'sqlalchemy.url = postgresql://localhost/none' \
    '[loggers]' 'keys = root' '[handlers]' 'keys = console' '[formatters]' 'keys = generic' \
    '[logger_root]' 'level = WARN' 'handlers = console' '[handler_console]' 'class = StreamHandler' \
    'args = (sys.stderr,)' 'formatter = generic' '[formatter_generic]' 'format = %(message)s' \
    >"$tmp/alembic/alembic.ini"
  rev() {  # id, down_revision (Python), upgrade SQL, downgrade SQL
    cat >"$tmp/alembic/env/versions/$1.py" <<PY
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
  rev ae1 None "CREATE TABLE app.ae (id int, s text DEFAULT 'a;b')" "DROP TABLE app.ae"
  rev ae2 "'ae1'" "ALTER TABLE app.ae ADD b int" "ALTER TABLE app.ae DROP b"
  rev ae3 "'ae1'" "CREATE FUNCTION app.aef() RETURNS int LANGUAGE sql AS \$\$ SELECT 1; \$\$" "DROP FUNCTION app.aef()"
  rev ae4 "('ae2', 'ae3')" "SELECT 1" "SELECT 1"
  rev ae5 "'ae4'" "ALTER TABLE app.ae ADD c int" "ALTER TABLE app.ae DROP c"
  mkdir -p "$tmp/alembic_sql"
  alembic upgrade head --sql >"$tmp/alembic_sql/upgrade.sql" 2>/dev/null
  alembic downgrade head:base --sql >"$tmp/alembic_sql/downgrade.sql" 2>/dev/null
  expected=$(sed -n 's/^-- Running upgrade .* -> \([^ ,]*\).*/\1/p' "$tmp/alembic_sql/upgrade.sql" | paste -sd,)
  "$prog" alembic-sql "$tmp/alembic_sql" -d "$db" -At >/dev/null 2>"$tmp/err"
  ok "$?" "0" "the output of alembic upgrade/downgrade --sql imports"
  ok "$(psql_db -c "SELECT string_agg(revision, ',' ORDER BY step) FROM lg_plan('ae5')")" "$expected" "lg_plan follows Alembic's upgrade order ($expected)"
  psql_db -c "SET client_min_messages = warning" -c "SELECT count(*) FROM lg_migrate('ae5')" >/dev/null
  ok "$(psql_db -c "SELECT app.aef() || ',' || (SELECT count(*) FROM information_schema.columns WHERE table_name = 'ae')")" "1,4" "the imported SQL ran (function, columns), the version table did not come along: $(psql_db -c "SELECT coalesce(to_regclass('alembic_version')::text, 'none')")"
  psql_db -c "SET client_min_messages = warning" -c "SELECT count(*) FROM lg_downgrade('base')" >/dev/null
  ok "$(psql_db -c "SELECT coalesce(to_regclass('app.ae')::text, 'gone')")" "gone" "the imported down SQL ran back to base"
else
  for i in 1 2 3 4; do n=$((n + 1)); echo "ok $n # SKIP python3-alembic is not installed"; done
fi

psql -X -q -d "$db" -c "SET lg.allow_drop = on" -c "DROP EXTENSION lg" >/dev/null 2>&1
dropdb "$db"
exit $((fails > 0))
