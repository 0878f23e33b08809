#!/usr/bin/env bash
# PGXN: META.json follows the PGXN Meta Spec and matches the tree
# (test/meta/check_meta.py), and `make dist` makes the archive PGXN takes:
# lg-<version>.zip with everything under lg-<version>/, META.json at its
# top, the control file and SQL scripts, no build output.  Talks TAP.
set -u
. "$(dirname "$0")/lib/tap.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the spec checks, renumbered into this test's plan
python3 "$root/test/meta/check_meta.py" "$root/META.json" > "$work/meta.tap"
ok "$(grep -c '^not ok' "$work/meta.tap")" "0" "META.json passes $(grep -c '^ok' "$work/meta.tap") checks of the PGXN Meta Spec"
grep '^not ok' "$work/meta.tap" | sed 's/^/# /'
version=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$root/META.json")
make -s -C "$root" dist DISTDIR="$work" >/dev/null 2>&1
ok "$([ -f "$work/lg-$version.zip" ] && echo yes)" "yes" "make dist makes lg-$version.zip"
python3 - "$work/lg-$version.zip" "lg-$version/" > "$work/zip.txt" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
prefix = sys.argv[2]
print("all-prefixed" if all(n.startswith(prefix) for n in names) else "unprefixed")
for f in ("META.json", "lg.control", "Makefile", "README.md", "sql/lg--0.1.sql", "sql/lg--0.1--0.2.sql"):
    print(("has " if prefix + f in names else "lacks ") + f)
print("build-output" if any(n.endswith((".o", ".so", ".bc")) or "/build/" in n for n in names) else "clean")
PY
ok "$(sed -n 1p "$work/zip.txt")" "all-prefixed" "every file is under lg-$version/"
ok "$(grep -c '^lacks' "$work/zip.txt")" "0" "META.json, the control file, Makefile, README and the SQL scripts are in it"
ok "$(tail -1 "$work/zip.txt")" "clean" "no build output in it"
echo "1..$n"
exit $((fails > 0))
