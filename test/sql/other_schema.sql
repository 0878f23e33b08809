-- lg installed the way Supabase installs extensions (WITH SCHEMA
-- extensions): README's grants, with that schema's USAGE and names, are
-- all a reader and a migration role need.
CREATE SCHEMA extensions;
CREATE EXTENSION lg WITH SCHEMA extensions;
CREATE ROLE regress_os_reader;
CREATE ROLE regress_os_migrator;
CREATE SCHEMA app;
GRANT USAGE, CREATE ON SCHEMA app TO regress_os_migrator;
GRANT USAGE ON SCHEMA extensions TO regress_os_reader, regress_os_migrator;
GRANT EXECUTE ON FUNCTION extensions.lg_status(), extensions.lg_current(), extensions.lg_heads(),
                          extensions.lg_bases(), extensions.lg_branches(), extensions.lg_history(text),
                          extensions.lg_plan(text, text), extensions.lg_drift(),
                          extensions.lg_graph(text)
   TO regress_os_reader;
GRANT EXECUTE ON ROUTINE extensions.lg_status(), extensions.lg_current(), extensions.lg_heads(),
                         extensions.lg_bases(), extensions.lg_branches(), extensions.lg_history(text),
                         extensions.lg_plan(text, text), extensions.lg_drift(), extensions.lg_sql(text, text),
                         extensions.lg_revision(text, text, text, text[], text, text[], text[], boolean, text),
                         extensions.lg_migrate(text), extensions.lg_downgrade(text), extensions.lg_apply(text, text),
                         extensions.lg_stamp(text, boolean), extensions.lg_merge(text[], text, text),
                         extensions.lg_repair(text, text, text, text), extensions.lg_verify(),
                         extensions.lg_script_step(text, text, text[], text[]), extensions.lg_lock_runs()
   TO regress_os_migrator;
SET client_min_messages = warning;
SET ROLE regress_os_migrator;
SELECT extensions.lg_revision('o1', up => 'CREATE TABLE app.o (id int)', down => 'DROP TABLE app.o');
SELECT extensions.lg_revision('o2', up => 'INSERT INTO app.o VALUES (1)', down => 'DELETE FROM app.o', parents => '{o1}');
SELECT revision FROM extensions.lg_migrate('o1');
-- a reviewed script, run by the migration role: its bookkeeping names lg's schema
SELECT extensions.lg_sql('head') AS script \gset
BEGIN;
:script
COMMIT;
SELECT current FROM extensions.lg_status();
RESET ROLE;
SET ROLE regress_os_reader;
SELECT current, revisions FROM extensions.lg_status();
SELECT revision FROM extensions.lg_history();
SELECT extensions.lg_graph('mermaid');
SELECT extensions.lg_sql();   -- not for readers
RESET ROLE;
SELECT revision, direction, by_role FROM lg.log ORDER BY id;
SET lg.allow_drop = on;
DROP EXTENSION lg;
DROP SCHEMA app CASCADE;
DROP SCHEMA extensions;
DROP ROLE regress_os_reader, regress_os_migrator;
