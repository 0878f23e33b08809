-- Integrity of the registry and the version rows (issue 11, section D):
-- the registry generation, overlapping version rows, user-sized lists.
CREATE EXTENSION lg;
SET client_min_messages = warning;

-- Re-registering identical content writes nothing and leaves the registry
-- generation (every backend's cache key) as it was; a real change moves it.
SELECT lg_revision('g1', up => 'SELECT 1', down => '');
SELECT generation AS generation_before FROM lg.registry_state \gset
SELECT lg_revision('g1', up => 'SELECT 1', down => '');
SELECT generation = :generation_before AS unchanged_after_identical FROM lg.registry_state;
SELECT lg_revision('g1', up => 'SELECT 1', down => '', message => 'now with a message');
SELECT generation <> :generation_before AS changed_after_a_change FROM lg.registry_state;
DELETE FROM lg.revision WHERE id = 'g1';

-- Overlapping version rows (one row an ancestor of another, as Alembic's
-- bug #1373 leaves them, written here by hand): every run ends at the tips.
SELECT lg_revision('o1', up => 'SELECT 1', down => '');
SELECT lg_revision('o2', up => 'SELECT 2', down => '', parents => '{o1}', branch_labels => '{ob}');
SELECT lg_revision('o3', up => 'SELECT 3', down => '', parents => '{o2}');
INSERT INTO lg.version VALUES ('o1'), ('o2');
SELECT revision, direction FROM lg_downgrade('base');
SELECT count(*) AS rows_after_base FROM lg.version;
INSERT INTO lg.version VALUES ('o1'), ('o3');
SELECT revision, direction FROM lg_downgrade('o2');
SELECT revision FROM lg.version ORDER BY revision;
-- nothing to run: the redundant row goes all the same
INSERT INTO lg.version VALUES ('o1');
SELECT revision, direction FROM lg_downgrade('o2');
SELECT revision FROM lg.version ORDER BY revision;
INSERT INTO lg.version VALUES ('o1');
SELECT revision, direction FROM lg_downgrade('ob@base');
SELECT count(*) AS rows_after_label_base FROM lg.version;
INSERT INTO lg.version VALUES ('o1'), ('o2');
SELECT revision, direction FROM lg_migrate('head');
SELECT revision FROM lg.version ORDER BY revision;
SELECT revision FROM lg_downgrade('base');

-- Lists of user-sized length are checked in n log n and answer a cancel:
-- 200,000 parents register at once (quadratic, this took minutes).
SET statement_timeout = '10s';
SELECT lg_revision('wide', up => '', parents => (SELECT array_agg('p' || i) FROM generate_series(1, 200000) i));
SELECT cardinality(parents) FROM lg.revision WHERE id = 'wide';
DELETE FROM lg.revision WHERE id = 'wide';  -- its parents do not exist
SELECT lg.revision_row_is_valid('x', (SELECT array_agg('p' || i) FROM generate_series(1, 200000) i), '{}', '{}');
-- a repeat is still found
SELECT lg_revision('wide', up => '', parents => (SELECT array_agg('p' || i) FROM generate_series(1, 200000) i) || '{p77}'::text[]);
\echo :LAST_ERROR_SQLSTATE
RESET statement_timeout;

DROP EXTENSION lg;

-- A superuser's ALTER of a column lg reads is a clean error naming the
-- column (lg read an integer as text and crashed the backend), and so is a
-- null where lg's schema says NOT NULL; altered back, everything works.
CREATE EXTENSION lg;
SET client_min_messages = warning;
SELECT lg_revision('t1', up => 'SELECT 1', down => '', message => '42');
SELECT revision FROM lg_migrate();
ALTER TABLE lg.revision ALTER COLUMN message TYPE int USING message::int;
\c
SET client_min_messages = warning;
SELECT revision, message FROM lg_history();
\echo :LAST_ERROR_SQLSTATE
SELECT current FROM lg_status();
ALTER TABLE lg.revision ALTER COLUMN message TYPE text;
ALTER TABLE lg.version ALTER COLUMN revision TYPE int USING 1;
SELECT current FROM lg_status();
\echo :LAST_ERROR_SQLSTATE
ALTER TABLE lg.version ALTER COLUMN revision TYPE text USING 't1';
ALTER TABLE lg.log ALTER COLUMN at TYPE text;
SELECT current FROM lg_status();
ALTER TABLE lg.log ALTER COLUMN at TYPE timestamptz USING at::timestamptz;
ALTER TABLE lg.script ALTER COLUMN verify_sql TYPE int USING NULL;
SELECT * FROM lg_verify();
ALTER TABLE lg.script ALTER COLUMN verify_sql TYPE text;
ALTER TABLE lg.revision ALTER COLUMN parents DROP NOT NULL;
SELECT lg_revision('t2', up => 'SELECT 2', down => '', parents => '{t1}');
UPDATE lg.revision SET parents = NULL WHERE id = 't2';
SELECT revision FROM lg_history();
\echo :LAST_ERROR_SQLSTATE
DELETE FROM lg.revision WHERE id = 't2';
ALTER TABLE lg.revision ALTER COLUMN parents SET NOT NULL;
SELECT revision, message FROM lg_history();
SELECT current, drifted FROM lg_status();
SELECT revision FROM lg_downgrade('base');
DROP EXTENSION lg;

-- lg_sql's script ends at the tips too: with nothing to run it still drops
-- a redundant row
CREATE EXTENSION lg;
SET client_min_messages = warning;
SELECT lg_revision('s1', up => 'SELECT 1', down => '');
SELECT lg_revision('s2', up => 'SELECT 2', down => '', parents => '{s1}');
INSERT INTO lg.version VALUES ('s1'), ('s2');
SELECT lg_sql('s2', 'down');
DELETE FROM lg.version;
DROP EXTENSION lg;
