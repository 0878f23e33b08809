#!/usr/bin/env bash
# lg_graph()'s DOT output is accepted by Graphviz (dot -Tsvg) whatever the
# messages hold (quotes, braces, backslash escapes such as \N, HTML, HTML
# entities, line breaks, terminal escapes, bidirectional controls), draws
# exactly the registered revisions and edges, and no message text becomes
# markup in the SVG.  Needs dot (scripts/setup.sh installs graphviz).  Talks
# TAP; run with prove against the server in the PG* variables.
set -u
. "$(dirname "$0")/lib/tap.sh"
db=lg_graph_dot_test
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

echo "1..11"
if ! command -v dot >/dev/null 2>&1; then
  echo "Bail out! dot (graphviz) is not installed: run scripts/setup.sh"
  exit 1
fi
dropdb --if-exists "$db" >/dev/null 2>&1
createdb -E UTF8 -T template0 "$db"
psql_db >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION lg;
SELECT lg_revision('h1', up => 'SELECT 1', down => 'SELECT 1',
  message => E'\\N \\G "]; e [label="x"]; h1 -> e; } digraph { \\');
SELECT lg_revision('h2', up => 'SELECT 1', down => 'SELECT 1', parents => '{h1}',
  message => E'<b>b</b><script>x</script>&lt;&amp;&#60;');
SELECT lg_revision('h3', up => 'SELECT 1', down => 'SELECT 1', parents => '{h1}',
  branch_labels => '{side}', message => E'\x1b[31mred\u202eevil\u2028x\nsecond line\r\n}');
SELECT lg_revision('h4', up => 'SELECT 1', down => 'SELECT 1', parents => '{h2,h3}',
  message => E'caf\u00e9 \\" \\\\" "" \\');
SELECT lg_revision('h5', up => 'SELECT 1', down => 'SELECT 1', depends_on => '{side}',
  message => repeat(E'\u00e9"', 40));
SELECT count(*) FROM lg_migrate('h2');
SQL
psql_db -c "SELECT lg_graph()" >"$dir/graph.dot"
dot -Tsvg "$dir/graph.dot" >"$dir/graph.svg" 2>"$dir/dot.err"
ok "$?" "0" "dot -Tsvg accepts lg_graph() of hostile messages"
ok "$(cat "$dir/dot.err")" "" "dot prints no warning"
ok "$(grep -c 'class="node"' "$dir/graph.svg")" "5" "the SVG has one node per revision"
ok "$(grep -c 'class="edge"' "$dir/graph.svg")" "5" "and one edge per parent and dependency"
ok "$(grep -o '<title>[^<]*</title>' "$dir/graph.svg" | sed -n 's/<title>\([^-&]*\)<\/title>/\1/p' | sort | tr '\n' ' ')" \
  "h1 h2 h3 h4 h5 lg " "nodes are the registered revisions only"
ok "$(grep -c -e '<b>' -e '<script' "$dir/graph.svg")" "0" "no message text is markup in the SVG"
ok "$(grep -c -F '&lt;b&gt;b&lt;/b&gt;&lt;script&gt;x&lt;/script&gt;' "$dir/graph.svg")" "1" \
  "HTML in a message is shown as text"
# \N would show the node's name, &lt; a "<": both are shown as typed (the
# backslash doubled, as lg prints messages: made inert)
ok "$(grep -c -F '\\N \\G' "$dir/graph.svg")" "1" "backslash escapes are shown as typed"
ok "$(grep -c -F '&amp;lt;&amp;amp;&amp;#60;' "$dir/graph.svg")" "1" "entities are shown as typed"
# (UTF-8 bytes, not $'\u...': bash writes those as typed when the locale is
# not UTF-8, as under env -i)
ok "$(LC_ALL=C grep -c -e $'\x1b' -e $'\xe2\x80\xae' -e $'\xe2\x80\xa8' "$dir/graph.svg")" "0" \
  "no terminal escape or bidirectional control reaches the SVG"
ok "$(grep -c -F '\x1B[31mred\u202Eevil\u2028x' "$dir/graph.svg")" "1" "they are shown as escapes"

dropdb "$db"
[ "$fails" -eq 0 ]
