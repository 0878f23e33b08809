-- Verify SQL is a read-only health check (issue 11): plain queries only at
-- registration; at run time (in a migration step and in lg_verify()) the
-- analyzed query must lock nothing, modify nothing and call no volatile
-- function, and it runs with transaction_read_only on; lg_verify() uses a
-- fixed search_path.  A domain over boolean counts as boolean.
CREATE EXTENSION lg;
SET client_min_messages = warning;

-- registration refuses anything but a plain query, naming the statement
SELECT lg_revision('v1', up => 'SELECT 1', down => '', verify => 'DELETE FROM lg.log');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('v1', up => 'SELECT 1', down => '', verify => 'SELECT 1 AS one INTO TEMP vt_copy');
SELECT lg_revision('v1', up => 'SELECT 1', down => '', verify => 'SELECT true FROM lg.version FOR UPDATE');
SELECT lg_revision('v1', up => 'SELECT 1', down => '', verify => 'WITH d AS (DELETE FROM lg.version RETURNING 1) SELECT true');
SELECT lg_revision('v1', up => 'SELECT 1', down => '', verify => $$COPY (SELECT 1) TO PROGRAM 'true'$$);
SELECT lg_revision('v1', up => 'SELECT 1', down => '', verify => 'SELECT true; CREATE TABLE vt_other ()');
SELECT count(*) AS registered FROM lg.revision;

-- plain queries (SELECT, VALUES, TABLE, set operations, WITH) are fine;
-- they run with transaction_read_only on, and only while they run
SELECT lg_revision('v1', up => 'CREATE TABLE vt (id int)', down => 'DROP TABLE vt',
    verify => $$SELECT true; VALUES (true); TABLE vt; SELECT count(*) = 0 FROM vt;
                WITH c AS (SELECT count(*) AS n FROM vt) SELECT n = 0 FROM c UNION ALL SELECT true;
                SELECT current_setting('transaction_read_only')::boolean$$);
SELECT revision FROM lg_migrate();
SHOW transaction_read_only;

-- at run time: what the raw parse cannot see is refused before it runs
CREATE SEQUENCE vs;
CREATE FUNCTION bump() RETURNS boolean LANGUAGE sql VOLATILE AS $$SELECT nextval('vs') > 0$$;
CREATE VIEW bumping AS SELECT bump() AS ok;
SELECT lg_revision('v2', up => '', down => '', parents => '{v1}', verify => 'SELECT nextval(''vs'') > 0');
SELECT revision FROM lg_migrate();
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('v2', up => '', down => '', parents => '{v1}', verify => 'SELECT ok FROM bumping');
SELECT revision FROM lg_migrate();
SELECT lg_revision('v2', up => '', down => '', parents => '{v1}', verify => 'SELECT pg_advisory_lock(42) IS NOT NULL');
SELECT revision FROM lg_migrate();
SELECT lg_revision('v2', up => '', down => '', parents => '{v1}', verify => 'SELECT true FROM (SELECT * FROM vt FOR UPDATE) s');
SELECT revision FROM lg_migrate();
-- none of them ran: the sequence was never bumped, no advisory lock is held
SELECT last_value, is_called FROM vs;
SELECT count(*) AS advisory_locks FROM pg_locks WHERE locktype = 'advisory' AND objid = 42;

-- a domain over boolean is boolean
CREATE DOMAIN mybool AS boolean;
SELECT lg_revision('v2', up => '', down => '', parents => '{v1}', verify => 'SELECT false::mybool');
SELECT revision FROM lg_migrate();
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('v2', up => '', down => '', parents => '{v1}', verify => 'SELECT true::mybool');
SELECT revision FROM lg_migrate();

-- lg_verify(): verify SQL edited by hand is checked the same way, and a
-- non-volatile function cannot write (PostgreSQL runs it read-only)
CREATE FUNCTION sneaky() RETURNS boolean LANGUAGE plpgsql STABLE AS $$BEGIN INSERT INTO vt VALUES (1); RETURN true; END$$;
UPDATE lg.script SET verify_sql = $$SELECT nextval('vs') > 0$$ WHERE revision = 'v2';
SELECT * FROM lg_verify();
UPDATE lg.script SET verify_sql = $$COPY (SELECT 1) TO PROGRAM 'true'$$ WHERE revision = 'v2';
SELECT * FROM lg_verify();
-- lg_sql() will not put it in a script either (nor does a run run it)
SELECT revision FROM lg_downgrade('v1');
SELECT lg_sql('v2');
\echo :LAST_ERROR_SQLSTATE
SELECT revision FROM lg_migrate('v2');
UPDATE lg.script SET verify_sql = 'SELECT true::mybool' WHERE revision = 'v2';
SELECT revision FROM lg_migrate('v2');
UPDATE lg.script SET verify_sql = 'SELECT sneaky()' WHERE revision = 'v2';
SELECT * FROM lg_verify();
SELECT count(*) AS vt_rows, (SELECT last_value FROM vs) AS vs_last FROM vt;

-- lg_verify() runs with search_path public, pg_catalog, pg_temp, whatever
-- the caller's: v1's "FROM vt" is public.vt, not other.vt
UPDATE lg.script SET verify_sql = $$SELECT true::mybool; SELECT current_schema() = 'public'$$ WHERE revision = 'v2';
CREATE SCHEMA other;
CREATE TABLE other.vt (id int);
INSERT INTO other.vt VALUES (1);
SET search_path = other, public;
SELECT * FROM lg_verify();
SHOW search_path;
RESET search_path;

SELECT revision FROM lg_downgrade('base');
DROP SCHEMA other CASCADE;
DROP FUNCTION sneaky();
DROP VIEW bumping;
DROP FUNCTION bump();
DROP SEQUENCE vs;
DROP DOMAIN mybool;
DROP EXTENSION lg;
