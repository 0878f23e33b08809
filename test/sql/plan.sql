-- Reading a plan before running it (lg_plan, lg_sql), and verification
-- (verify => ..., lg_verify).
CREATE EXTENSION lg;
SET client_min_messages = warning;
SELECT lg_revision('p1', up => 'CREATE TABLE pl_a (id int PRIMARY KEY, name text) -- the table',
                   down => 'DROP TABLE pl_a', message => 'table',
                   verify => 'SELECT count(*) = 0 FROM pl_a');
SELECT lg_revision('p2', up => $$INSERT INTO pl_a VALUES (1, 'it''s'); CREATE INDEX pl_a_name ON pl_a (name)$$,
                   down => 'DROP INDEX pl_a_name; DELETE FROM pl_a', parents => '{p1}',
                   verify => $$SELECT to_regclass('pl_a_name') IS NOT NULL; SELECT name FROM pl_a$$);

-- nothing is executed by lg_plan or lg_sql
SELECT * FROM lg_plan();
SELECT * FROM lg_plan('p1');
SELECT lg_sql();
SELECT current FROM lg_status();
SELECT to_regclass('pl_a') AS pl_a;

-- the script does what lg_migrate would do
SELECT lg_sql('head') AS script \gset
BEGIN;
:script
SELECT current FROM lg_status();
SELECT * FROM pl_a;
SELECT revision, direction, statements FROM lg.log ORDER BY id;
ROLLBACK;

-- directions and errors
SELECT * FROM lg_plan('base', 'down');
SELECT * FROM lg_plan('head', 'sideways');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM lg_plan(NULL);
SELECT lg_sql('nope');

-- verify runs after up, inside the same step: a false result fails the run
SELECT revision, statements FROM lg_migrate('p1');
SELECT * FROM lg_verify();
SELECT * FROM lg_plan('base', 'down');
SELECT lg_sql('base', 'down');
SELECT revision FROM lg_downgrade('base');
SELECT lg_revision('p1', up => 'CREATE TABLE pl_a (id int PRIMARY KEY, name text) -- the table',
                   down => 'DROP TABLE pl_a', message => 'table',
                   verify => 'SELECT count(*) = 1 FROM pl_a');
SELECT * FROM lg_migrate('p1');
\echo :LAST_ERROR_SQLSTATE
SELECT current FROM lg_status();
SELECT lg_revision('p1', up => 'CREATE TABLE pl_a (id int PRIMARY KEY, name text) -- the table',
                   down => 'DROP TABLE pl_a', message => 'table',
                   verify => 'SELECT count(*) = 0 FROM pl_a');
SELECT revision, statements FROM lg_migrate('head');

-- lg_verify re-runs every verify SQL, reports each result, changes nothing
SELECT * FROM lg_verify();
DELETE FROM pl_a;
DROP INDEX pl_a_name;
SELECT * FROM lg_verify();
SELECT count(*) AS rows_after_verify FROM pl_a;
-- an applied revision may change its message, not its SQL (verify SQL
-- included, from 0.2): new verify SQL is accepted through lg_repair
SELECT lg_revision('p2', up => $$INSERT INTO pl_a VALUES (1, 'it''s'); CREATE INDEX pl_a_name ON pl_a (name)$$,
                   down => 'DROP INDEX IF EXISTS pl_a_name; DELETE FROM pl_a', parents => '{p1}',
                   verify => 'SELECT true');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('p2', up => $$INSERT INTO pl_a VALUES (1, 'it''s'); CREATE INDEX pl_a_name ON pl_a (name)$$,
                   down => 'DROP INDEX pl_a_name; DELETE FROM pl_a', parents => '{p1}',
                   message => 'seed row', verify => 'SELECT true');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('p2', up => $$INSERT INTO pl_a VALUES (1, 'it''s'); CREATE INDEX pl_a_name ON pl_a (name)$$,
                   down => 'DROP INDEX pl_a_name; DELETE FROM pl_a', parents => '{p1}',
                   message => 'seed row', verify => $$SELECT to_regclass('pl_a_name') IS NOT NULL; SELECT name FROM pl_a$$);
SELECT length(lg_repair('p2', verify => 'SELECT true')) AS repaired;
SELECT * FROM lg_verify();
SELECT lg_revision('p3', up => 'SELECT 1', down => '', parents => '{p2}', verify => 'SELEC 1');

CREATE INDEX pl_a_name ON pl_a (name);
SELECT revision FROM lg_downgrade('base');
SET lg.allow_drop = on;  -- revisions are applied: the drop is deliberate
DROP EXTENSION lg;
