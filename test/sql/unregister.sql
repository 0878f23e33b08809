-- lg_unregister(id): removes a registered revision that is not applied and
-- that nothing registered depends on, journaled as 'unregister'.
CREATE EXTENSION lg;
SELECT lg_revision('u1', up => 'CREATE TABLE u_a (id int)', down => 'DROP TABLE u_a');
SELECT lg_revision('u2', up => 'CREATE TABLE u_b (id int)', down => 'DROP TABLE u_b', parents => '{u1}',
                   branch_labels => '{bee}');
SELECT lg_revision('u3', up => 'SELECT 1', down => '', parents => '{u2}');
SELECT lg_revision('x1', up => 'SELECT 2', depends_on => '{bee}');

\set VERBOSITY terse
-- unknown revision
SELECT lg_unregister('nope');
-- u1 is a parent of u2, u2 a parent of u3 and (through its label) a dependency of x1
SELECT lg_unregister('u1');
SELECT lg_unregister('u2');
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
SELECT lg_unregister('u2');
\set VERBOSITY terse
-- a head that is applied
SET client_min_messages = warning;
SELECT revision FROM lg_migrate('u3');
RESET client_min_messages;
SELECT lg_unregister('u3');
\echo :LAST_ERROR_SQLSTATE
-- x1 is not applied, and nothing depends on it: it goes, journaled
SELECT lg_unregister('x1');
SELECT id FROM lg.revision ORDER BY ord;
SELECT count(*) FROM lg.script WHERE revision = 'x1';
SELECT revision, direction, statements, checksum IS NOT NULL AS has_checksum, by_role = current_user AS by_me
  FROM lg.log WHERE direction = 'unregister';
-- once downgraded below, u3 goes too
SET client_min_messages = warning;
SELECT revision FROM lg_downgrade('u2');
RESET client_min_messages;
SELECT lg_unregister('u3');
SELECT * FROM lg_heads();

-- a wrongly registered revision (unknown parent) makes the graph invalid;
-- unregistering it repairs the registry
SELECT lg_revision('bad', up => 'SELECT 1', parents => '{no_such}');
SELECT * FROM lg_heads();
SELECT lg_unregister('bad');
SELECT * FROM lg_heads();
\set VERBOSITY default

-- inside a run: refused
SELECT lg_revision('nest', up => $$SELECT lg_unregister('u2')$$, parents => '{u2}');
\set VERBOSITY terse
SELECT revision FROM lg_migrate('nest');
\set VERBOSITY default

-- null
SELECT lg_unregister(NULL);

SET client_min_messages = warning;
SET lg.allow_drop = on;
DROP EXTENSION lg;
DROP TABLE u_a, u_b;
