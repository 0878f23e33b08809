-- Drift: the SQL of an applied revision is compared as the server's
-- scanner reads it; a real change is refused, reported by lg_status() when
-- made behind lg's back, and accepted only through lg_repair().
CREATE EXTENSION lg;
SET client_min_messages = warning;
SELECT lg_revision('d1', up => 'CREATE TABLE dr (id int, name text)', down => 'DROP TABLE dr');
SELECT lg_revision('d2', up => 'CREATE INDEX dr_name ON dr (name)', down => 'DROP INDEX dr_name', parents => '{d1}');
SELECT revision FROM lg_migrate();

-- the checksum is lg.sql_fingerprint(up): layout, comments, keyword case ignored
SELECT lg.sql_fingerprint('CREATE TABLE dr (id int, name text)')
     = lg.sql_fingerprint(E'create   table dr(id INT,\n  name TEXT) -- same statement\n;') AS same_statements;
SELECT lg.sql_fingerprint('CREATE TABLE dr (id int)') = lg.sql_fingerprint('CREATE TABLE "DR" (id int)') AS quoted_name_differs,
       lg.sql_fingerprint($$SELECT 'a'$$) = lg.sql_fingerprint($$SELECT 'A'$$) AS literal_differs;
SELECT checksum = lg.sql_fingerprint(up_sql) AS checksum_is_fingerprint FROM lg.script WHERE revision = 'd1';

-- a reformatted applied revision is not drift: accepted, text updated
SELECT lg_revision('d1', up => E'create table dr (\n  id int,\n  name text  -- the name\n)', down => 'DROP TABLE dr');
SELECT up_sql FROM lg.script WHERE revision = 'd1';
SELECT drifted FROM lg_status();
-- a real change is refused
SELECT lg_revision('d1', up => 'CREATE TABLE dr (id bigint, name text)', down => 'DROP TABLE dr');
\echo :LAST_ERROR_SQLSTATE

-- a change made behind lg's back is reported
UPDATE lg.script SET up_sql = 'CREATE TABLE dr (id bigint, name text)' WHERE revision = 'd1';
-- (lg's own queries plan with jit off; the caller's setting is left as it was)
SET jit_above_cost = 0;
SELECT drifted FROM lg_status();
SHOW jit_above_cost;
RESET jit_above_cost;
-- and accepted deliberately with lg_repair, which records it
SELECT length(lg_repair('d1')) AS checksum_length;
SELECT drifted FROM lg_status();
SELECT revision, direction, checksum = (SELECT checksum FROM lg.script WHERE revision = 'd1') AS current_checksum
  FROM lg.log WHERE revision = 'd1' ORDER BY id;
-- lg_repair can bring the new text itself
SELECT length(lg_repair('d2', up => 'CREATE INDEX dr_name ON dr (name) WHERE name IS NOT NULL')) AS checksum_length;
SELECT up_sql, down_sql FROM lg.script WHERE revision = 'd2';
SELECT drifted FROM lg_status();

-- refusals
SELECT lg_repair('nope');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('d3', up => 'SELECT 1', down => '', parents => '{d2}');
SELECT lg_repair('d3');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_repair('d2', up => 'CREAT INDEX');
SELECT lg_repair(NULL);

-- an applied revision deleted and registered again with other SQL has drifted too
SELECT revision FROM lg_migrate();
DELETE FROM lg.revision WHERE id = 'd3';
SELECT lg_revision('d3', up => 'SELECT 2', down => '', parents => '{d2}');
SELECT drifted FROM lg_status();
-- only revisions whose SQL changed (or that were deleted) are ever compared
SELECT revision FROM lg.sql_changed ORDER BY revision;
-- a checksum cannot be written by hand: it always follows up_sql
UPDATE lg.script SET checksum = 'x' WHERE revision = 'd1';
SELECT checksum = lg.sql_fingerprint(up_sql) AS checksum_is_fingerprint FROM lg.script WHERE revision = 'd1';

SELECT revision FROM lg_downgrade('base');
DROP EXTENSION lg;

-- Down and verify SQL are part of what was applied (0.2): checksummed,
-- journaled, refused by lg_revision, reported as drift when edited by
-- hand (with the part), accepted only through lg_repair.  The graph of an
-- applied revision cannot change, whoever writes it.
CREATE EXTENSION lg;
SET client_min_messages = warning;
SELECT lg_revision('e1', up => 'CREATE TABLE er (id int)', down => 'DROP TABLE er',
                   verify => 'SELECT to_regclass(''er'') IS NOT NULL');
SELECT lg_revision('e2', up => 'SELECT 1', down => '', parents => '{e1}', branch_labels => '{eb}');
SELECT revision FROM lg_migrate();
SELECT checksum = lg.sql_fingerprint(up_sql) AND down_checksum = lg.sql_fingerprint(down_sql)
       AND verify_checksum = lg.sql_fingerprint(verify_sql) AS checksums_are_fingerprints
  FROM lg.script WHERE revision = 'e1';
SELECT down_checksum = lg.sql_fingerprint('') AS empty_down, verify_checksum FROM lg.script WHERE revision = 'e2';
-- each step journals all three
SELECT l.revision, l.direction, l.checksum = s.checksum AND l.down_checksum = s.down_checksum
       AND l.verify_checksum = s.verify_checksum AS journaled
  FROM lg.log l JOIN lg.script s USING (revision) ORDER BY l.id;
-- lg_revision refuses new down or verify SQL for an applied revision,
-- naming what differs; the same SQL reformatted and a new message are fine
SELECT lg_revision('e1', up => 'CREATE TABLE er (id int)', down => 'DROP TABLE er', verify => 'SELECT true');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('e1', up => 'CREATE TABLE er (id int)', down => 'DROP TABLE IF EXISTS er',
                   verify => 'SELECT to_regclass(''er'') IS NOT NULL');
SELECT lg_revision('e1', up => 'CREATE TABLE er (id int)', down => 'drop table er',
                   verify => 'select TO_REGCLASS(''er'') is not null -- same', message => 'the er table');
SELECT drifted FROM lg_status();
-- and its parents, dependencies and labels
SELECT lg_revision('e2', up => 'SELECT 1', down => '', parents => '{e1}', branch_labels => '{}');
\echo :LAST_ERROR_SQLSTATE
-- a hand edit of the graph of an applied revision is refused too
UPDATE lg.revision SET branch_labels = '{}' WHERE id = 'e2';
\echo :LAST_ERROR_SQLSTATE
UPDATE lg.revision SET parents = '{}' WHERE id = 'e2';
UPDATE lg.revision SET id = 'e9' WHERE id = 'e1';
UPDATE lg.revision SET message = 'a message may change' WHERE id = 'e2';
-- a hand edit of down or verify SQL is drift, reported with the part
UPDATE lg.script SET down_sql = 'DROP TABLE er CASCADE' WHERE revision = 'e1';
UPDATE lg.script SET verify_sql = 'SELECT true' WHERE revision = 'e2';
SELECT drifted FROM lg_status();
SELECT * FROM lg_drift();
-- lg_repair accepts it, the text in lg.script or a new one (verify is an
-- argument from 0.2), and journals all three checksums
SELECT length(lg_repair('e1')) AS checksum_length;
SELECT length(lg_repair('e2', verify => 'SELECT 2 > 1')) AS checksum_length;
SELECT verify_sql FROM lg.script WHERE revision = 'e2';
SELECT drifted FROM lg_status();
SELECT * FROM lg_drift();
SELECT l.revision, l.direction, l.checksum = s.checksum AND l.down_checksum = s.down_checksum
       AND l.verify_checksum = s.verify_checksum AS journaled
  FROM lg.log l JOIN lg.script s USING (revision) WHERE l.direction = 'repair' ORDER BY l.id;
-- its verify SQL is read-only like lg_revision's
SELECT lg_repair('e2', verify => 'DELETE FROM er');
\echo :LAST_ERROR_SQLSTATE
-- once unapplied, all of it may change again
SELECT revision FROM lg_downgrade('e1');
SELECT lg_revision('e2', up => 'SELECT 1', down => '', parents => '{e1}', verify => 'SELECT 3 > 2');
UPDATE lg.revision SET branch_labels = '{eb2}' WHERE id = 'e2';
SELECT id, branch_labels FROM lg.revision ORDER BY ord;
SELECT revision FROM lg_downgrade('base');
DROP EXTENSION lg;

-- An installation updated from 0.1: its journal lines have no down or
-- verify checksum; the scripts found at the update stand for them, so an
-- edit after the update is drift too.
CREATE EXTENSION lg VERSION '0.1';
SELECT lg_revision('u1', up => 'CREATE TABLE ut (id int)', down => 'DROP TABLE ut', verify => 'SELECT true');
SELECT lg_revision('u2', up => 'SELECT 1', down => '', parents => '{u1}');
-- the rows and journal a 0.1 run leaves (written here by hand: lg's 0.2
-- library runs only with the 0.2 schema)
INSERT INTO lg.version VALUES ('u2');
-- 0.1 fingerprinted keywords by their token number, so the up checksums
-- it stored differ from 0.2's (written here with the checksum trigger off,
-- as only 0.1's library wrote them): u1 as 0.1 applied it, u2 edited by
-- hand after 0.1 applied it (drifted already)
ALTER TABLE lg.script DISABLE TRIGGER script_checksum;
UPDATE lg.script SET checksum = 'fingerprint-of-0.1-' || revision;
INSERT INTO lg.log (revision, direction, checksum) SELECT revision, 'up', checksum FROM lg.script ORDER BY revision;
UPDATE lg.script SET checksum = 'edited-after-0.1' WHERE revision = 'u2';
ALTER TABLE lg.script ENABLE TRIGGER script_checksum;
-- (to the newest: the library runs only with the newest tables)
ALTER EXTENSION lg UPDATE;
-- u1's new checksum stands for what 0.1 applied; u2 stays drifted
SELECT revision, up_checksum IS NOT NULL AS up_kept FROM lg.sql_baseline ORDER BY revision;
SELECT current, drifted FROM lg_status();
SELECT length(lg_repair('u2'));
SELECT current, drifted FROM lg_status();
SELECT revision, down_checksum = lg.sql_fingerprint('DROP TABLE ut') AS down_at_update FROM lg.sql_baseline ORDER BY revision;
UPDATE lg.script SET down_sql = 'DROP TABLE ut CASCADE' WHERE revision = 'u1';
UPDATE lg.script SET verify_sql = 'SELECT 1 = 1' WHERE revision = 'u2';
SELECT * FROM lg_drift();
SELECT length(lg_repair('u1')), length(lg_repair('u2'));
SELECT * FROM lg_drift();
DELETE FROM lg.version;
DROP EXTENSION lg;
