-- lg_migrate() / lg_downgrade() on a three-revision chain, status and history.
CREATE EXTENSION lg;
SELECT lg_revision('001', up => 'CREATE TABLE m_a (id int PRIMARY KEY)', down => 'DROP TABLE m_a',
                   message => 'table a');
SELECT lg_revision('002', up => 'CREATE TABLE m_b (id int REFERENCES m_a); INSERT INTO m_a VALUES (1)',
                   down => 'DROP TABLE m_b; DELETE FROM m_a WHERE id = 1', parents => '{001}',
                   message => 'table b');
SELECT lg_revision('003', up => 'ALTER TABLE m_b ADD COLUMN note text', down => 'ALTER TABLE m_b DROP COLUMN note',
                   parents => '{002}', message => 'note column');

-- each step raises a NOTICE (its timing is in the DETAIL, hidden here)
\set VERBOSITY terse
SELECT revision, direction, statements FROM lg_migrate('001');
\set VERBOSITY default
SET client_min_messages = warning;

SELECT current, heads, revisions, applied, pending, at_head, last_change IS NOT NULL AS changed
  FROM lg_status();
SELECT * FROM lg_current();

-- +1 walks one step up; head applies the rest; a second head is a no-op
SELECT revision, direction, statements FROM lg_migrate('+1');
SELECT revision, direction, statements FROM lg_migrate();
SELECT revision, direction, statements FROM lg_migrate('head');
SELECT current, pending, at_head FROM lg_status();
SELECT * FROM lg_history();
SELECT column_name FROM information_schema.columns WHERE table_name = 'm_b' ORDER BY ordinal_position;

-- down one step, to an id, then to base
SELECT revision, direction, statements FROM lg_downgrade('-1');
SELECT * FROM lg_current();
SELECT revision, direction FROM lg_downgrade('001');
SELECT revision, direction FROM lg_downgrade('base');
SELECT current, applied, pending, at_head FROM lg_status();
SELECT to_regclass('m_a') AS m_a, to_regclass('m_b') AS m_b;

-- the journal has one line per step, in order
SELECT revision, direction, statements, outcome, checksum IS NOT NULL AS has_checksum
  FROM lg.log ORDER BY id;

-- bad targets: clear errors, SQLSTATE of the right class, nothing changed
SELECT * FROM lg_migrate('nope');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM lg_migrate('-1');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM lg_downgrade('+1');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM lg_migrate('+4');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM lg_migrate(NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM lg_downgrade('-1');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM lg_migrate('');
SELECT * FROM lg_migrate('head@@');
SELECT * FROM lg_migrate(repeat('x', 1000000));
SELECT * FROM lg_migrate('''; DROP TABLE m_a; --');
SELECT * FROM lg_migrate('+99999999999999999999');
SELECT current FROM lg_status();

-- a failing statement: original SQLSTATE and message, context naming the
-- revision, direction, statement number and text; nothing of the run stays
SELECT lg_revision('004', up => 'CREATE TABLE m_c (id int); INSERT INTO m_c VALUES (1); INSERT INTO m_missing VALUES (1)',
                   down => 'DROP TABLE m_c', parents => '{003}');
SELECT * FROM lg_migrate('head');
\echo :LAST_ERROR_SQLSTATE
SELECT current FROM lg_status();
SELECT to_regclass('m_a') AS m_a, to_regclass('m_c') AS m_c;
SELECT count(*) AS log_lines_after_failure FROM lg.log;

-- a run inside the caller's transaction rolls back with it
BEGIN;
SELECT revision FROM lg_migrate('003');
SELECT current FROM lg_status();
ROLLBACK;
SELECT current FROM lg_status();

-- a downgrade through a revision without down SQL is refused before anything runs
SELECT lg_revision('004', up => 'CREATE TABLE m_c (id int)', parents => '{003}');
SELECT revision FROM lg_migrate('head');
SELECT * FROM lg_downgrade('base');
\echo :LAST_ERROR_SQLSTATE
SELECT current FROM lg_status();

-- an unknown row in lg.version is reported, not ignored
INSERT INTO lg.version VALUES ('ghost');
SELECT * FROM lg_status();
\echo :LAST_ERROR_SQLSTATE
DELETE FROM lg.version WHERE revision = 'ghost';

-- an invalid registry is reported when planned: unknown parent
SELECT lg_revision('005', up => 'SELECT 1', down => '', parents => '{missing}');
SELECT * FROM lg_migrate('head');
\echo :LAST_ERROR_SQLSTATE

DROP TABLE m_c, m_b, m_a;
SET lg.allow_drop = on;  -- revisions are applied: the drop is deliberate
DROP EXTENSION lg;
