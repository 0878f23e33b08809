#!/usr/bin/env bash
# README's pgTAP recipe, as written there (docs/pgtap-recipe/): pg_prove
# runs it against a fresh database and it passes.  Talks TAP (prove).
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
db=lg_pgtap_recipe
echo "1..2"
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
out=$(cd "$here/docs/pgtap-recipe" && pg_prove -d "$db" migrations_test.sql 2>&1)
if echo "$out" | grep -q "^Result: PASS"; then echo "ok 1 - README's pgTAP recipe passes under pg_prove"; else echo "not ok 1 - README's pgTAP recipe passes under pg_prove"; echo "$out" | sed 's/^/# /'; fi
# it leaves nothing behind (the recipe runs in a transaction rolled back)
left=$(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_extension WHERE extname IN ('lg', 'pgtap')")
if [ "$left" = 0 ]; then echo "ok 2 - and leaves the database as it found it"; else echo "not ok 2 - and leaves the database as it found it"; fi
dropdb "$db"
