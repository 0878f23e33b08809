-- ALTER EXTENSION lg UPDATE from 0.1: the history stays as it was; the
-- writes that 0.1's README granted are taken back, PUBLIC loses what it
-- could read, and the roles of 0.1's grants keep working through EXECUTE.
CREATE EXTENSION lg VERSION '0.1';
CREATE ROLE regress_lg_old_migrator;
CREATE ROLE regress_lg_old_reader;
CREATE ROLE regress_lg_bystander;
CREATE SCHEMA upd;
GRANT USAGE, CREATE ON SCHEMA upd TO regress_lg_old_migrator;
-- the grants 0.1's README gave a migration role
GRANT SELECT, INSERT, UPDATE ON lg.revision, lg.script TO regress_lg_old_migrator;
GRANT USAGE ON SEQUENCE lg.revision_ord_seq, lg.log_id_seq, lg.registry_generation TO regress_lg_old_migrator;
GRANT UPDATE ON lg.registry_state TO regress_lg_old_migrator;
GRANT INSERT ON lg.sql_changed TO regress_lg_old_migrator;
GRANT SELECT, INSERT, DELETE ON lg.version TO regress_lg_old_migrator;
GRANT SELECT, INSERT ON lg.log TO regress_lg_old_migrator;
GRANT EXECUTE ON FUNCTION lg_revision(text, text, text, text[], text, text[], text[], boolean, text),
                          lg_migrate(text), lg_downgrade(text), lg_verify() TO regress_lg_old_migrator;
GRANT EXECUTE ON PROCEDURE lg_apply(text) TO regress_lg_old_migrator;
-- a column grant, and one to PUBLIC, are taken back too
GRANT UPDATE (parents) ON lg.revision TO regress_lg_bystander;
GRANT UPDATE (message) ON lg.revision TO PUBLIC;
-- a role given explicit reads (PUBLIC could read everything under 0.1)
GRANT SELECT ON lg.version, lg.log TO regress_lg_old_reader;

-- history made under 0.1 (by this library, on 0.1's tables)
SET ROLE regress_lg_old_migrator;
SELECT lg_revision('u1', up => 'CREATE TABLE upd.t (id int)', down => 'DROP TABLE upd.t');
SELECT lg_revision('u2', up => 'ALTER TABLE upd.t ADD COLUMN v text',
                   down => 'ALTER TABLE upd.t DROP COLUMN v', parents => '{u1}');
-- the 0.2 library does not run on 0.1's tables (it journals with 0.2's
-- columns): a clean error naming the way out ...
SELECT revision FROM lg_migrate('u1');
-- ... so the state a 0.1 run of u1 leaves is written as 0.1's grants let
-- the migration role write it
CREATE TABLE upd.t (id int);
INSERT INTO lg.version (revision) VALUES ('u1');
INSERT INTO lg.log (revision, direction, statements, checksum)
     SELECT revision, 'up', 1, checksum FROM lg.script WHERE revision = 'u1';
-- what 0.1 let the migration role do behind lg's back (issue 11)
UPDATE lg.revision SET message = 'rewritten' WHERE id = 'u1';
UPDATE lg.revision SET message = NULL WHERE id = 'u1';
RESET ROLE;
-- ... and what PUBLIC could read
SET ROLE regress_lg_bystander;
SELECT count(*) AS scripts_readable_by_public FROM lg.script;
RESET ROLE;

ALTER EXTENSION lg UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'lg';

-- the history is intact; lines from 0.1 have no session_role
SELECT revision FROM lg.version;
SELECT id, registered_by FROM lg.revision ORDER BY ord;
SELECT revision, direction, by_role, session_role FROM lg.log ORDER BY id;

-- privileges on lg's tables: only the SELECT grants that were given
-- explicitly remain; every write grant is gone, and PUBLIC has nothing
SELECT c.relname, a.privilege_type, a.grantee::regrole
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
       LATERAL aclexplode(c.relacl) a
 WHERE n.nspname = 'lg' AND a.grantee <> c.relowner
 ORDER BY 1, 2, 3::text;
SELECT pg_catalog.has_schema_privilege('public', 'lg', 'USAGE') AS public_usage;
SELECT att.attname, a.privilege_type, a.grantee
  FROM pg_attribute att, LATERAL aclexplode(att.attacl) a
 WHERE att.attrelid = 'lg.revision'::regclass;
-- the roles that keep SELECT get USAGE on schema lg, so the grant still works
SELECT r.rolname, pg_catalog.has_schema_privilege(r.oid, 'lg', 'USAGE') AS lg_usage
  FROM pg_roles r WHERE r.rolname LIKE 'regress_lg_%' ORDER BY 1;
-- functions: PUBLIC nothing; the 0.1 migration role the migration set,
-- the explicit reader the read set
SELECT p.proname,
       has_function_privilege('public', p.oid, 'EXECUTE') AS public,
       has_function_privilege('regress_lg_old_migrator', p.oid, 'EXECUTE') AS old_migrator,
       has_function_privilege('regress_lg_old_reader', p.oid, 'EXECUTE') AS old_reader,
       has_function_privilege('regress_lg_bystander', p.oid, 'EXECUTE') AS bystander
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
 WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'lg') AND d.deptype = 'e'
 ORDER BY p.proname, p.oid::regprocedure::text;

-- PUBLIC reads nothing any more
SET ROLE regress_lg_bystander;
SELECT count(*) FROM lg.script;
SELECT current FROM lg_status();
RESET ROLE;

-- the reader reads the status, not the SQL
SET ROLE regress_lg_old_reader;
SELECT current FROM lg_status();
SELECT lg_sql();
SELECT revision, direction FROM lg.log ORDER BY id;
RESET ROLE;

-- the 0.1 migration role: no more writes behind lg's back, but it
-- migrates, and its reviewed scripts record their steps
SET ROLE regress_lg_old_migrator;
UPDATE lg.revision SET parents = '{}' WHERE id = 'u2';
INSERT INTO lg.log (revision, direction, by_role) VALUES ('u1', 'repair', 'postgres');
UPDATE lg.registry_state SET generation = 1;
DELETE FROM lg.version;
SELECT lg_sql() AS script \gset
BEGIN;
:script
COMMIT;
SELECT current FROM lg_status();
SET client_min_messages = warning;
SELECT revision FROM lg_downgrade('u1');
SELECT revision FROM lg_migrate();
RESET client_min_messages;
RESET ROLE;
SELECT revision, direction, by_role, session_role FROM lg.log ORDER BY id;

-- the history is guarded against DROP EXTENSION now
DROP EXTENSION lg;
SET lg.allow_drop = on;
DROP EXTENSION lg;
RESET lg.allow_drop;
DROP SCHEMA upd CASCADE;
DROP ROLE regress_lg_old_migrator, regress_lg_old_reader, regress_lg_bystander;
