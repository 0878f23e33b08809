#!/usr/bin/env bash
# lg_sql() output run by psql as a superuser does the migrations and nothing
# else, whatever the messages and statements hold (line breaks, carriage
# returns, terminal escapes, psql variable references, a database whose
# standard_conforming_strings is off); and lg's own parses do not repeat the
# parser's NOTICEs nor send a whole script back with a syntax error.  Talks
# TAP; run with prove against the server in the PG* variables.
set -u
. "$(dirname "$0")/lib/tap.sh"
db=lg_script_safety_test
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

echo "1..16"
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
psql -X -q -d "$db" -c "DROP ROLE IF EXISTS lg_victim" -c "CREATE ROLE lg_victim NOLOGIN" 2>/dev/null
ok "$(psql_db -c "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" "t" "the script runs as a superuser"

# Hostile messages: each tries to put a psql meta-command or SQL on a line
# of its own (\n, \r, \r plus ANSI erase-line, Unicode separators).
psql_db -v mark="$dir/pwned" >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION lg;
SELECT lg_revision('h1', up => 'CREATE TABLE h_one (id int)', down => 'DROP TABLE h_one',
  message => E'one\n\\! touch ' || :'mark' || E'1\n');
SELECT lg_revision('h2', up => 'CREATE TABLE h_two (id int)', down => 'DROP TABLE h_two', parents => '{h1}',
  message => E'two\rALTER ROLE lg_victim SUPERUSER;');
SELECT lg_revision('h3', up => 'SELECT 3', down => '', parents => '{h2}',
  message => E'three\r\x1b[2K\\! touch ' || :'mark' || '2');
SELECT lg_revision('h4', up => 'SELECT 4', down => '', parents => '{h3}',
  message => E'four\n;CREATE TABLE h_injected (id int);\n-- ');
SELECT lg_revision('h5', up => 'SELECT 5', down => '', parents => '{h4}',
  message => E'five\u2028\\! touch ' || :'mark' || E'3\u202e\r\n\\i /etc/passwd');
-- a statement that psql would read as a variable reference (:DBNAME)
SELECT lg_revision('h6', up => 'CREATE TABLE h_colon AS SELECT a[1:DBNAME] AS s FROM (SELECT ARRAY[1,2,3] AS a, 2 AS dbname) v',
  down => 'DROP TABLE h_colon', parents => '{h5}');
-- reviewed as one SELECT: in a database where standard_conforming_strings
-- is off, psql would split it in two unless the script pins the setting
SELECT lg_revision('h7', up => $$SELECT 'a\' AS x, '; CREATE TABLE h_lexed (id int); -- '$$,
  down => '', parents => '{h6}');
SQL
psql_db -c "SELECT lg_sql()" >"$dir/script.sql"
ok "$(grep -c '^\\' "$dir/script.sql")" "0" "no line of the script starts with a backslash"
ok "$(grep -c '^ALTER ROLE\|^;CREATE\|^CREATE TABLE h_injected' "$dir/script.sql")" "0" "no message text starts a line"
ok "$(grep -c $'\r\|\x1b' "$dir/script.sql")" "0" "no carriage return or escape character in the script"
ok "$(grep -Fc -- '-- upgrade h1: one\n\\! touch' "$dir/script.sql")" "1" "a message's line breaks are written as \\n inside its comment"

psql -X -q -d postgres -c "ALTER DATABASE $db SET standard_conforming_strings = off" -c "ALTER DATABASE $db SET escape_string_warning = off"
out=$(psql -X -1 -v ON_ERROR_STOP=1 -d "$db" -f "$dir/script.sql" 2>&1)
ok "$?" "0" "the script runs with psql -X -1 -v ON_ERROR_STOP=1 -f"
psql -X -q -d postgres -c "ALTER DATABASE $db RESET ALL"
ok "$(ls "$dir" | grep -c pwned)" "0" "no psql meta-command ran (no marker file)"
ok "$(psql_db -c "SELECT rolsuper FROM pg_roles WHERE rolname = 'lg_victim'")" "f" "no SQL from a message ran (role unchanged)"
ok "$(psql_db -c "SELECT coalesce(to_regclass('h_injected')::text, '-') || ',' || coalesce(to_regclass('h_lexed')::text, '-')")" "-,-" "no injected table, and h7 ran as one statement"
ok "$(psql_db -c "SELECT s FROM h_colon")" "{1,2}" "a[1:DBNAME] ran as the server reads it"
ok "$(psql_db -c "SELECT array_to_string(current, ',') || '|' || (SELECT count(*) FROM lg.log WHERE direction = 'up') || '|' || (to_regclass('h_one') IS NOT NULL AND to_regclass('h_two') IS NOT NULL) FROM lg_status()")" "h7|7|true" "the migrations ran: version h7, seven journal lines, the tables"

# Noise: a NOTICE of the parser comes once from a registration and once
# from a run, not once per parse lg makes.
long=$(printf 'n_%070d' 0)
out=$(psql -X -d "$db" -c "SELECT lg_revision('n1', up => 'CREATE TABLE $long (id int)', parents => '{h7}')" 2>&1)
ok "$(echo "$out" | grep -c 'will be truncated')" "1" "a registration shows the truncation NOTICE once"
out=$(psql -X -d "$db" -c "SELECT count(*) FROM lg_migrate('n1')" 2>&1)
ok "$(echo "$out" | grep -c 'will be truncated')" "1" "a run shows it once"
out=$(psql -X -d "$db" -c "SELECT lg_revision('n1', up => 'CREATE TABLE $long (id int)', parents => '{h7}', message => 'again')" 2>&1)
ok "$(echo "$out" | grep -c 'will be truncated')" "1" "a re-registration (fingerprints compared) shows it once"

# Weight: a syntax error in a long script carries the failing statement,
# not the script.
out=$(psql -X -d "$db" -c "SELECT lg_revision('big', up => repeat('SELECT 1; ', 3000) || 'SELEC 2; SELECT 3')" 2>&1)
ok "$(echo "$out" | grep -c '^QUERY:  SELEC 2$')" "1" "the QUERY field is the failing statement"
ok "$(( ${#out} < 1000 ))" "1" "the error is short (${#out} bytes for a 30 KB script)"

dropdb "$db"
psql -X -q -d postgres -c "DROP ROLE IF EXISTS lg_victim"
exit $((fails > 0))
