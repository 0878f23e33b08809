-- Revision SQL that calls lg (issue 11): registering a revision mid-run is
-- supported (test/sql/nested.sql); starting another run, stamping or
-- repairing is refused with 55006 (object_in_use), and the run in progress
-- fails as a whole, leaving nothing behind.  The in-run flag is cleared on
-- every path, also when a caller's EXCEPTION block catches the error.
CREATE EXTENSION lg;
SET client_min_messages = warning;
\set VERBOSITY default
SELECT lg_revision('r1', up => 'CREATE TABLE re_t (id int)', down => 'DROP TABLE re_t');
SELECT lg_revision('r2', up => 'INSERT INTO re_t VALUES (2)', down => 'DELETE FROM re_t', parents => '{r1}');

-- each of them, called from revision SQL
SELECT lg_revision('bad', up => 'CREATE TABLE re_bad (id int); SELECT * FROM lg_migrate(''head'')', down => 'DROP TABLE re_bad', parents => '{r2}');
SELECT revision FROM lg_migrate('head');
SELECT lg_revision('bad', up => 'CREATE TABLE re_bad (id int); SELECT * FROM lg_downgrade(''base'')', down => 'DROP TABLE re_bad', parents => '{r2}');
SELECT revision FROM lg_migrate('head');
SELECT lg_revision('bad', up => 'CREATE TABLE re_bad (id int); CALL lg_apply(''head'')', down => 'DROP TABLE re_bad', parents => '{r2}');
SELECT revision FROM lg_migrate('head');
CALL lg_apply('head');
SELECT lg_revision('bad', up => 'CREATE TABLE re_bad (id int); SELECT lg_stamp(''base'', purge => true)', down => 'DROP TABLE re_bad', parents => '{r2}');
SELECT revision FROM lg_migrate('head');
SELECT lg_revision('bad', up => 'CREATE TABLE re_bad (id int); SELECT lg_repair(''r1'')', down => 'DROP TABLE re_bad', parents => '{r2}');
SELECT revision FROM lg_migrate('head');
-- nothing of any of those runs stayed
SELECT current FROM lg_status();
SELECT to_regclass('re_t') AS re_t, to_regclass('re_bad') AS re_bad;
SELECT outcome, count(*) AS log_lines FROM lg.log GROUP BY outcome ORDER BY outcome;

-- down SQL that calls lg_migrate: the downgrade fails as a whole
SELECT lg_revision('bad', up => 'CREATE TABLE re_bad (id int)', down => 'DROP TABLE re_bad; SELECT * FROM lg_migrate(''head'')', parents => '{r2}');
SELECT revision FROM lg_migrate('head');
SELECT revision FROM lg_downgrade('r2');
SELECT current FROM lg_status();
SELECT to_regclass('re_bad') AS re_bad;
-- put it back by hand
SELECT lg_stamp('r2');
DROP TABLE re_bad;

-- verify SQL counts as part of the run too
SELECT lg_revision('bad', up => 'CREATE TABLE re_bad (id int)', down => 'DROP TABLE re_bad', parents => '{r2}',
                   verify => 'SELECT lg_stamp(''r1'') IS NOT NULL');
SELECT revision FROM lg_migrate('head');
SELECT current FROM lg_status();

-- a merge is a registration: allowed mid-run
SELECT lg_revision('bad', up => 'CREATE TABLE re_bad (id int); SELECT lg_revision(''side'', up => ''SELECT 1'', down => ''''); SELECT lg_merge(ARRAY[''bad'', ''side''], id => ''mg'')',
                   down => 'DROP TABLE re_bad', parents => '{r2}');
SELECT revision FROM lg_migrate('bad');
SELECT revision, parents FROM lg_history() WHERE revision IN ('side', 'mg');
SELECT revision FROM lg_downgrade('base');
DELETE FROM lg.revision WHERE id IN ('mg', 'side');

-- the error caught by a caller's EXCEPTION block: the flag is cleared, the
-- same session runs again afterwards
SELECT lg_revision('bad', up => 'SELECT * FROM lg_migrate(''head'')', down => '', parents => '{r2}');
DO $$
BEGIN
  PERFORM * FROM lg_migrate('head');
EXCEPTION WHEN object_in_use THEN
  RAISE WARNING 'caught: %', SQLERRM;
END $$;
SELECT lg_revision('bad', up => 'SELECT 1', down => '', parents => '{r2}');
SELECT revision FROM lg_migrate('head');
SELECT revision FROM lg_downgrade('base');
SELECT lg_stamp('r1');
SELECT lg_stamp('base', purge => true);

-- CALL lg_apply holds the run lock at session level: revision SQL that
-- releases the session's advisory locks cannot commit without it
SELECT lg_revision('bad', up => 'SELECT pg_advisory_unlock_all()', down => '', parents => '{r2}');
CALL lg_apply('head');
SELECT current FROM lg_status();
SELECT count(*) AS advisory_locks_held FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid();
SELECT lg_stamp('base', purge => true);
DROP TABLE re_t;
DROP EXTENSION lg;
