-- Who may do what (README, "Installing on your own server"): PUBLIC gets
-- nothing; a reader role holds EXECUTE on the read functions; a migration
-- role holds EXECUTE on lg's functions and no grant on lg's tables, which
-- lg alone writes, as the extension owner; revision SQL runs as the caller.
CREATE EXTENSION lg;
CREATE ROLE regress_lg_anon;
CREATE ROLE regress_lg_reader;
CREATE ROLE regress_lg_migrator;
CREATE ROLE regress_lg_login LOGIN IN ROLE regress_lg_migrator;
CREATE SCHEMA app;
GRANT USAGE, CREATE ON SCHEMA app TO regress_lg_migrator;
GRANT USAGE ON SCHEMA app TO regress_lg_reader;

-- README's grant for a reader role
GRANT EXECUTE ON FUNCTION lg_status(), lg_current(), lg_heads(), lg_bases(), lg_branches(),
                          lg_history(text), lg_plan(text, text), lg_drift(), lg_configure(text),
                          lg_graph(text), lg_schema_drift()
   TO regress_lg_reader;
-- README's grant for a migration role
GRANT EXECUTE ON ROUTINE lg_status(), lg_current(), lg_heads(), lg_bases(), lg_branches(),
                         lg_history(text), lg_plan(text, text), lg_drift(), lg_sql(text, text),
                         lg_revision(text, text, text, text[], text, text[], text[], boolean, text),
                         lg_migrate(text), lg_downgrade(text), lg_apply(text, text),
                         lg_stamp(text, boolean), lg_merge(text[], text, text),
                         lg_repair(text, text, text, text), lg_verify(),
                         lg_script_step(text, text, text[], text[]), lg_lock_runs(),
                         lg_adopt(text, text), lg_configure(text, text), lg_configure(text),
                         lg_unregister(text), lg_import(text, jsonb, jsonb), lg_graph(text),
                         lg_lint(text), lg_schema_drift()
   TO regress_lg_migrator;

-- a role without a grant (PUBLIC's share) can do nothing: not read the
-- status, the scripts (which may hold passwords) or the tables
SET ROLE regress_lg_anon;
SELECT current FROM lg_status();
SELECT * FROM lg_history();
SELECT lg_sql();
SELECT count(*) FROM lg.script;
SELECT count(*) FROM lg.revision;
SELECT lg_revision('p1', up => 'CREATE TABLE app.p (id int)');
RESET ROLE;

-- the reader reads where the database stands, but not the SQL, and
-- cannot register or run
SET ROLE regress_lg_reader;
SELECT current, revisions FROM lg_status();
SELECT lg_sql();
SELECT count(*) FROM lg.script;
SELECT lg_revision('p1', up => 'CREATE TABLE app.p (id int)');
SELECT * FROM lg_migrate();
RESET ROLE;

-- the migration role registers and runs, through the functions alone;
-- the revision's table is owned by it and its SQL ran as it
SET ROLE regress_lg_migrator;
SELECT lg_revision('p1', up => 'CREATE TABLE app.p (id int, who name DEFAULT current_user); INSERT INTO app.p (id) VALUES (1)',
                   down => 'DROP TABLE app.p');
SET client_min_messages = warning;
SELECT revision FROM lg_migrate();
RESET client_min_messages;
SELECT who AS ran_as FROM app.p;
SELECT tableowner FROM pg_tables WHERE schemaname = 'app' AND tablename = 'p';
-- ... and cannot write lg's tables behind lg's back: no rewritten graph
-- or down SQL of an applied revision, no forged journal line, no stale
-- registry generation, no reading of the scripts.  The migration role
-- does not even need USAGE on schema lg; with it, the tables still refuse.
SELECT count(*) FROM lg.log;
RESET ROLE;
GRANT USAGE ON SCHEMA lg TO regress_lg_migrator;
SET ROLE regress_lg_migrator;
UPDATE lg.revision SET parents = '{x}' WHERE id = 'p1';
UPDATE lg.script SET down_sql = 'DROP TABLE app.other' WHERE revision = 'p1';
INSERT INTO lg.log (revision, direction, by_role) VALUES ('p1', 'repair', 'postgres');
UPDATE lg.registry_state SET generation = 1;
DELETE FROM lg.log;
SELECT up_sql FROM lg.script;
-- nor drop the extension (PostgreSQL's refusal, not lg's guard)
DROP EXTENSION lg;
-- nor call lg's internal functions
SELECT lg.sql_fingerprint('SELECT 1');
SELECT lg.revision_row_is_valid('x', '{}', '{}', '{}');
RESET ROLE;
REVOKE USAGE ON SCHEMA lg FROM regress_lg_migrator;
SELECT id, registered_by FROM lg.revision;
SELECT revision, direction, by_role, session_role FROM lg.log ORDER BY id;

-- revision SQL does not run as the owner: it cannot read lg's tables,
-- although lg read them for the same call
SET ROLE regress_lg_migrator;
SELECT lg_revision('p2', up => 'CREATE TABLE app.leak AS SELECT up_sql FROM lg.script',
                   down => 'DROP TABLE app.leak', parents => '{p1}');
SELECT * FROM lg_migrate();
-- migration SQL cannot do more than its caller may: a statement needing
-- more privilege fails with the caller's permission error
SELECT lg_revision('p2', up => 'CREATE TABLE app.q (id int); ALTER ROLE regress_lg_reader SUPERUSER',
                   down => '', parents => '{p1}');
SELECT * FROM lg_migrate();
RESET ROLE;
SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_lg_reader';
SELECT to_regclass('app.q') AS q_was_undone;

-- the journal names who called: the current role and the session role,
-- as they were before lg switched to the owner
SET SESSION AUTHORIZATION regress_lg_login;
SET ROLE regress_lg_migrator;
SELECT lg_revision('p2', up => 'CREATE TABLE app.q (id int)', down => 'DROP TABLE app.q',
                   parents => '{p1}');
SET client_min_messages = warning;
SELECT revision FROM lg_migrate();
SELECT lg_stamp('p1');
SELECT lg_stamp('p2');
SELECT lg_repair('p2', up => 'CREATE TABLE app.q (id int)');
RESET client_min_messages;
RESET ROLE;
RESET SESSION AUTHORIZATION;
SELECT revision, direction, by_role, session_role FROM lg.log ORDER BY id;
SELECT id, registered_by FROM lg.revision ORDER BY ord;

-- a reviewed script (lg_sql) run by the migration role records its steps
-- through lg_script_step, as a run does
SET ROLE regress_lg_migrator;
SELECT lg_revision('p3', up => 'CREATE TABLE app.r (id int)', down => 'DROP TABLE app.r',
                   parents => '{p2}');
SELECT lg_sql() AS script \gset
BEGIN;
:script
COMMIT;
SELECT current FROM lg_status();
-- lg_script_step records only the correct next step: not a step already
-- taken, not a row change that moves more or other revisions
SELECT lg_script_step('p3', 'up', '{p2}', '{p3}');
SELECT lg_script_step('p3', 'down', '{p3}', '{}');
SELECT lg_script_step('p3', 'down', '{p3}', '{p1}');
SELECT lg_script_step('p2', 'down', '{p3}', '{p1}');
SELECT lg_script_step('nope', 'up', '{}', '{}');
-- nor a row change that leaves a redundant row (p4 up keeping p3's row)
SELECT lg_revision('p4', up => '', down => '', parents => '{p3}');
SELECT lg_script_step('p4', 'up', '{}', '{p4}');
BEGIN;
SELECT lg_script_step('p4', 'up', '{p3}', '{p4}');
SELECT current FROM lg_status();
ROLLBACK;
RESET ROLE;
SELECT revision, direction, statements, duration_ms IS NULL AS untimed, by_role
  FROM lg.log WHERE revision = 'p3' ORDER BY id;

-- lg's own statements are schema-qualified and run with search_path
-- pinned: objects on the caller's search_path cannot redirect them
CREATE SCHEMA trap;
CREATE TABLE trap.version (revision text);
CREATE TABLE trap.revision (id text);
SET search_path = trap, public;
SELECT current FROM lg_status();
RESET search_path;
DROP TABLE trap.version, trap.revision;
DROP SCHEMA trap;

-- a role that loses EXECUTE cannot read any more, even though this
-- backend still holds the registry it read for that role
SET ROLE regress_lg_reader;
SELECT count(*) FROM lg_history();
RESET ROLE;
REVOKE EXECUTE ON FUNCTION lg_history(text) FROM regress_lg_reader;
SET ROLE regress_lg_reader;
SELECT count(*) FROM lg_history();
RESET ROLE;

-- the rest of the migration set with EXECUTE only: commit-per-revision
-- runs, verification, merges
SET client_min_messages = warning;
SET ROLE regress_lg_migrator;
SELECT lg_revision('p4', up => 'CREATE TABLE app.s (id int)', down => 'DROP TABLE app.s',
                   parents => '{p3}', verify => 'SELECT count(*) = 0 FROM app.s');
CALL lg_apply();
SELECT * FROM lg_verify();
SELECT lg_revision('p5', up => '', down => '', parents => '{p3}');
SELECT lg_merge('{p4,p5}', id => 'm1');
SELECT revision FROM lg_migrate('heads');
RESET ROLE;
SELECT revision, direction, by_role FROM lg.log WHERE id > (SELECT max(id) - 3 FROM lg.log) ORDER BY id;
RESET client_min_messages;
-- the drop guard says how many rows lg.version has only to a role with
-- the owner's privileges: a role that may not drop schema lg or DROP OWNED
-- BY the owner gets PostgreSQL's refusal (42501; terse: 16's detail names
-- the owner), one that owns the schema lg is in is refused without the
-- count, the owner with it
SELECT extowner::regrole AS lg_owner FROM pg_extension WHERE extname = 'lg' \gset
SET ROLE regress_lg_migrator;
\set VERBOSITY terse
DROP SCHEMA lg CASCADE;
DROP OWNED BY :"lg_owner";
\set VERBOSITY default
RESET ROLE;
ALTER SCHEMA public OWNER TO regress_lg_migrator;
SET ROLE regress_lg_migrator;
DROP SCHEMA public CASCADE;
RESET ROLE;
ALTER SCHEMA public OWNER TO pg_database_owner;
DROP SCHEMA public CASCADE;
SET client_min_messages = warning;
SET ROLE regress_lg_migrator;
SELECT revision FROM lg_downgrade('base');
RESET ROLE;
RESET client_min_messages;
-- nothing applied: the extension drops without lg.allow_drop
DROP EXTENSION lg;
DROP SCHEMA app;
DROP ROLE regress_lg_anon, regress_lg_reader, regress_lg_login, regress_lg_migrator;
