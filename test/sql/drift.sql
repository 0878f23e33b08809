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
