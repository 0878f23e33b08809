#!/usr/bin/env bash
# bench/lint.sh: lg_lint() over a plan of N revisions (bench/lib/gen.py's
# DAG: blocks of 50 with a branch and a merge; each revision creates a
# table with three columns, an index and a comment), from base to heads,
# RUNS times, each timed by psql's \timing in a session that has already
# loaded lg; the median is reported.  A second figure lints the same plan
# after SETUP existing tables with rows that every 10th revision alters
# (ADD COLUMN, SET NOT NULL, CREATE INDEX: lock rows, catalog lookups,
# table sizes).  Against the server in the PG* variables; not a test: the
# goal (<= 1 s at N = 1000) is reported, never asserted.
#   bash bench/lint.sh [N] [RUNS]
#   bash scripts/dev-test.sh -- bash bench/lint.sh 1000 5
set -euo pipefail
N=${1:-1000}
RUNS=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
db=lgbench_lint_$$
work=$(mktemp -d)
cleanup() {
  dropdb --if-exists "$db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c client_min_messages=warning"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
timed() { q -c "SELECT lg_status()" -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1; }
median() { sort -n | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m}'; }

python3 "$here/lib/gen.py" "$N" dag "$work" --only lg
createdb "$db"
q -c "CREATE EXTENSION lg" >/dev/null
q -1 -f "$work/lg_register.sql" >/dev/null
rows=$(q -c "SELECT count(*) FROM lg_lint('heads')")
plain=()
for _ in $(seq 1 "$RUNS"); do plain+=("$(timed "SELECT count(*) FROM lg_lint('heads')")"); done

# the same plan in a second database, where every 10th revision also
# changes one of 10 existing tables of 10,000 rows
python3 - "$work/lg_register.sql" "$work/lg_register_alter.sql" <<'PY'
import sys
out = open(sys.argv[2], "w")
for i, line in enumerate(open(sys.argv[1]), 1):
    if i % 10 == 0:
        t = "bench_old%d" % ((i // 10) % 10 + 1)
        line = line.replace("$up$, down", " ALTER TABLE %s ADD COLUMN c%d text; "
                            "ALTER TABLE %s ALTER COLUMN v SET NOT NULL; "
                            "CREATE INDEX %s_c%d ON %s (c%d);$up$, down" % (t, i, t, t, i, t, i), 1)
    out.write(line)
PY
db2=${db}_alter
createdb "$db2"
q2() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db2" "$@"; }
q2 >/dev/null <<'SQL'
CREATE EXTENSION lg;
DO $$
BEGIN
  FOR i IN 1..10 LOOP
    EXECUTE format('CREATE TABLE bench_old%s (id bigint PRIMARY KEY, v text)', i);
    EXECUTE format('INSERT INTO bench_old%s SELECT g, g::text FROM generate_series(1, 10000) g', i);
    EXECUTE format('ANALYZE bench_old%s', i);
  END LOOP;
END $$;
SQL
q2 -1 -f "$work/lg_register_alter.sql" >/dev/null
rows2=$(q2 -c "SELECT count(*) FROM lg_lint('heads')")
altered=()
for _ in $(seq 1 "$RUNS"); do
  altered+=("$(psql -X -q -At -d "$db2" -c "SELECT lg_status()" -c '\timing on' \
                 -c "SELECT count(*) FROM lg_lint('heads')" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)")
done
dropdb --if-exists "$db2" >/dev/null 2>&1 || true

echo "plan | revisions | rows | lg_lint median of $RUNS (ms)"
echo "new tables only | $N | $rows | $(printf '%s\n' "${plain[@]}" | median)"
echo "every 10th alters a table of 10,000 rows | $N | $rows2 | $(printf '%s\n' "${altered[@]}" | median)"
