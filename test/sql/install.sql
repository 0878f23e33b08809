-- Installing lg: objects, privileges, not relocatable, removable.
-- Default privileges of the installing role give no right to write or to
-- put a trigger on lg's tables (SELECT stays: README, Privileges).
CREATE ROLE regress_lg_install_peeker;
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, TRIGGER ON TABLES TO regress_lg_install_peeker;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SEQUENCES TO PUBLIC;
CREATE EXTENSION lg;
ALTER DEFAULT PRIVILEGES REVOKE SELECT, INSERT, TRIGGER ON TABLES FROM regress_lg_install_peeker;
ALTER DEFAULT PRIVILEGES REVOKE USAGE ON SEQUENCES FROM PUBLIC;

SELECT extname, extrelocatable, extversion FROM pg_extension WHERE extname = 'lg';

-- the schema and its tables
SELECT c.relname, c.relkind
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'lg' AND c.relkind IN ('r', 'S')
 ORDER BY c.relname;

SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)
  FROM pg_attribute a
 WHERE a.attrelid = 'lg.version'::regclass AND a.attnum > 0 AND NOT a.attisdropped;

-- the functions, and which of them PUBLIC may execute
SELECT p.proname,
       pg_catalog.has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute,
       p.prosecdef
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
 WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'lg') AND d.deptype = 'e'
 ORDER BY p.proname;

-- nobody but the owner holds any privilege on schema lg, its tables or
-- its sequences (lg writes them as the owner; readers and migration roles
-- get EXECUTE on functions); of the default privileges above only SELECT
-- on the tables older than lg.schema_state stays, as a SELECT granted
-- under 0.1 does (the update to 0.2 gives such a role USAGE on schema lg)
SELECT pg_catalog.has_schema_privilege('public', 'lg', 'USAGE') AS public_usage;
SELECT pg_catalog.has_schema_privilege('regress_lg_install_peeker', 'lg', 'USAGE') AS peeker_usage;
SELECT a.privilege_type, a.grantee::regrole, count(*)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
       LATERAL aclexplode(c.relacl) a
 WHERE n.nspname = 'lg' AND a.grantee <> c.relowner
 GROUP BY 1, 2 ORDER BY 1, 2;

-- the event trigger that guards the history against DROP EXTENSION
SELECT evtname, evtevent, evttags, evtfoid::regproc FROM pg_event_trigger;

-- registry, rows and journal are dumped by pg_dump
SELECT c::regclass AS dumped
  FROM pg_extension, unnest(extconfig) AS c WHERE extname = 'lg' ORDER BY c::regclass::text;

-- an empty registry
SELECT * FROM lg_status();
SELECT count(*) FROM lg_history();
SELECT count(*) FROM lg_current();

-- not relocatable
CREATE SCHEMA elsewhere;
ALTER EXTENSION lg SET SCHEMA elsewhere;
DROP SCHEMA elsewhere;

-- the journal is append-only
INSERT INTO lg.log (revision, direction) VALUES ('x', 'up');
UPDATE lg.log SET revision = 'y';
DELETE FROM lg.log;
SELECT revision FROM lg.log;

-- DROP EXTENSION lg would delete the history: refused while revisions are
-- applied, whatever the form of the drop
SELECT lg_revision('i1', up => 'CREATE TABLE install_t (id int)', down => 'DROP TABLE install_t');
SET client_min_messages = warning;
SELECT revision FROM lg_migrate();
RESET client_min_messages;
DROP EXTENSION lg;
\echo :LAST_ERROR_SQLSTATE
DROP EXTENSION IF EXISTS lg CASCADE;
DROP EXTENSION IF EXISTS no_such_extension, lg;
DROP SCHEMA lg CASCADE;
SELECT revision FROM lg.version;
-- SET lg.allow_drop = on lets it through (rolled back here)
BEGIN;
SET LOCAL lg.allow_drop = on;
DROP EXTENSION lg;
SELECT count(*) AS lg_installed FROM pg_extension WHERE extname = 'lg';
ROLLBACK;
-- other drops go on as before
CREATE SCHEMA elsewhere;
DROP SCHEMA elsewhere CASCADE;
-- with nothing applied, the extension drops without the setting
SET client_min_messages = warning;
SELECT revision FROM lg_downgrade('base');
RESET client_min_messages;
DROP EXTENSION lg;
SELECT count(*) FROM pg_namespace WHERE nspname = 'lg';
SELECT count(*) AS event_triggers_left FROM pg_event_trigger;

-- installed by another role, in a schema of its own: the guard covers
-- DROP SCHEMA of that schema and DROP OWNED BY the extension owner, and
-- scripts from lg_sql() name lg_script_step with that schema
CREATE ROLE regress_lg_owner SUPERUSER;
CREATE SCHEMA lg_home;
SET ROLE regress_lg_owner;
CREATE EXTENSION lg WITH SCHEMA lg_home;
RESET ROLE;
SELECT extowner::regrole, extnamespace::regnamespace FROM pg_extension WHERE extname = 'lg';
SELECT lg_home.lg_revision('o1', up => '', down => '');
SELECT lg_home.lg_sql();
SET client_min_messages = warning;
SELECT revision FROM lg_home.lg_migrate();
RESET client_min_messages;
DROP SCHEMA lg_home CASCADE;
DROP SCHEMA lg_home;
DROP OWNED BY regress_lg_owner;
SELECT revision, by_role FROM lg.log;
SET lg.allow_drop = on;
DROP EXTENSION lg;
RESET lg.allow_drop;
DROP SCHEMA lg_home;
DROP ROLE regress_lg_owner;
DROP ROLE regress_lg_install_peeker;
