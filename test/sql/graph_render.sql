-- lg_graph(format): the revision graph as Graphviz (DOT) or Mermaid text
-- (README, "A picture of the graph"): every revision in registration order,
-- parent -> child edges, depends_on edges dashed, branch labels, heads,
-- applied revisions filled, version rows marked current, non-transactional
-- revisions marked; messages shortened (first line, 50 characters), made
-- inert and escaped for the format.
CREATE EXTENSION lg;
SET client_min_messages = warning;
SET lg.allow_drop = on;
\pset format unaligned
\pset tuples_only on

-- an empty registry draws an empty graph
SELECT lg_graph();
SELECT lg_graph('mermaid');

-- a1 -> b1, a1 -> c1 (branch label reports), merged by m1; x1 after m1 is
-- non-transactional (CREATE INDEX CONCURRENTLY); d1 is a second base that
-- depends on reports, with a hostile message; l1 has a long message.
SELECT lg_revision('a1', up => 'CREATE TABLE gr_t (id int)', down => 'DROP TABLE gr_t',
                   message => 'create gr_t');
SELECT lg_revision('b1', up => 'ALTER TABLE gr_t ADD b int', down => 'ALTER TABLE gr_t DROP b',
                   parents => '{a1}', message => 'left side');
SELECT lg_revision('c1', up => 'ALTER TABLE gr_t ADD c int', down => 'ALTER TABLE gr_t DROP c',
                   parents => '{a1}', branch_labels => '{reports}', message => 'right side');
SELECT lg_revision('m1', up => 'SELECT 1', down => 'SELECT 1', parents => '{b1,c1}',
                   message => 'merge b1 and c1');
SELECT lg_revision('x1', up => 'CREATE INDEX CONCURRENTLY gr_i ON gr_t (id)',
                   down => 'DROP INDEX CONCURRENTLY gr_i', parents => '{m1}', message => 'index');
SELECT lg_revision('d1', up => 'SELECT 1', down => 'SELECT 1', depends_on => '{reports}',
                   message => E'"];\t"x" -> "y" <b>&amp;</b> `md` #quot; \\N %%\nsecond line }');
SELECT lg_revision('l1', up => 'SELECT 1', down => 'SELECT 1', parents => '{d1}',
                   message => repeat('0123456789', 6));
SELECT revision, transactional FROM lg_history() ORDER BY revision;

-- nothing applied yet
SELECT lg_graph();
-- b1 and c1 applied: two version rows, a1 applied below them
SELECT count(*) FROM lg_migrate('b1');
SELECT count(*) FROM lg_migrate('c1');
SELECT revision FROM lg_current();
SELECT lg_graph();
SELECT lg_graph('mermaid');
-- the default is dot
SELECT lg_graph() = lg_graph('dot') AS default_is_dot;

-- an unknown format: 22023 with the formats in the HINT; formats are
-- lower case, as lg's other keywords; NULL gives NULL (STRICT)
SELECT lg_graph('svg');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_graph('DOT');
SELECT lg_graph(E'x\ny');
SELECT lg_graph(NULL) IS NULL AS null_gives_null;

-- PUBLIC may not call it
CREATE ROLE regress_lg_graph_nobody;
SET ROLE regress_lg_graph_nobody;
SELECT lg_graph();
RESET ROLE;
DROP ROLE regress_lg_graph_nobody;

DROP EXTENSION lg;
DROP TABLE gr_t;
