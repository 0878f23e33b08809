-- Who may do what: PUBLIC reads status, a granted migration role runs
-- migrations, and migration SQL runs as the calling role.
CREATE EXTENSION lg;
CREATE ROLE regress_lg_reader;
CREATE ROLE regress_lg_migrator;
CREATE SCHEMA app;
GRANT USAGE, CREATE ON SCHEMA app TO regress_lg_migrator;
GRANT USAGE ON SCHEMA app TO regress_lg_reader;

-- the grants README gives for a migration role
GRANT SELECT, INSERT, UPDATE ON lg.revision, lg.script TO regress_lg_migrator;
GRANT USAGE ON SEQUENCE lg.revision_ord_seq, lg.log_id_seq, lg.registry_generation TO regress_lg_migrator;
GRANT UPDATE ON lg.registry_state TO regress_lg_migrator;
GRANT INSERT ON lg.sql_changed TO regress_lg_migrator;
GRANT SELECT, INSERT, DELETE ON lg.version TO regress_lg_migrator;
GRANT SELECT, INSERT ON lg.log TO regress_lg_migrator;
GRANT EXECUTE ON FUNCTION lg_revision(text, text, text, text[], text, text[], text[], boolean, text),
                          lg_migrate(text), lg_downgrade(text) TO regress_lg_migrator;

-- a role without the grant cannot register or run
SET ROLE regress_lg_reader;
SELECT lg_revision('p1', up => 'CREATE TABLE app.p (id int)');
SELECT * FROM lg_migrate();
-- but may read where the database stands
SELECT current, revisions FROM lg_status();
RESET ROLE;

-- the migration role registers and runs; the table is owned by it
SET ROLE regress_lg_migrator;
SELECT lg_revision('p1', up => 'CREATE TABLE app.p (id int, who name DEFAULT current_user); INSERT INTO app.p (id) VALUES (1)',
                   down => 'DROP TABLE app.p');
SET client_min_messages = warning;
SELECT revision FROM lg_migrate();
RESET client_min_messages;
SELECT who AS ran_as FROM app.p;
SELECT tableowner FROM pg_tables WHERE schemaname = 'app' AND tablename = 'p';
SELECT by_role FROM lg.log;
-- the journal cannot be rewritten by the migration role
DELETE FROM lg.log;
RESET ROLE;

-- migration SQL cannot do more than its caller may: a statement needing
-- more privilege fails with the caller's permission error
SET ROLE regress_lg_migrator;
SELECT lg_revision('p2', up => 'CREATE TABLE app.q (id int); ALTER ROLE regress_lg_reader SUPERUSER',
                   down => '', parents => '{p1}');
SELECT * FROM lg_migrate();
RESET ROLE;
SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_lg_reader';
SELECT to_regclass('app.q') AS q_was_undone;

-- lg's own statements are schema-qualified: objects on the caller's
-- search_path cannot redirect them
CREATE SCHEMA trap;
CREATE TABLE trap.version (revision text);
CREATE TABLE trap.revision (id text);
SET search_path = trap, public;
SELECT current FROM lg_status();
RESET search_path;
DROP TABLE trap.version, trap.revision;
DROP SCHEMA trap;

SET client_min_messages = warning;
SET ROLE regress_lg_migrator;
SELECT lg_revision('p2', up => '', down => '', parents => '{p1}');
SELECT revision FROM lg_downgrade('base');
RESET ROLE;
RESET client_min_messages;
DROP EXTENSION lg;
DROP SCHEMA app;
DROP ROLE regress_lg_reader, regress_lg_migrator;
