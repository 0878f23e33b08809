-- ALTER EXTENSION lg UPDATE from 0.3 to 0.4: lg.schema_state is new and
-- empty (live-schema drift starts with the first run after the update);
-- lg_status() is created again with a column schema_drift and
-- lg_schema_drift() is new: the roles that held 0.3's reader and migration
-- grants (README, Privileges) get both, PUBLIC gets nothing; revisions,
-- version rows and the journal are kept.
CREATE EXTENSION lg VERSION '0.3';
SET client_min_messages = warning;
CREATE ROLE regress_lg_reader03;
CREATE ROLE regress_lg_migrator03;
CREATE ROLE regress_lg_nobody03;
GRANT EXECUTE ON FUNCTION lg_status(), lg_current(), lg_heads(), lg_bases(), lg_branches(),
                          lg_history(text), lg_plan(text, text), lg_drift(), lg_configure(text),
                          lg_graph(text)
   TO regress_lg_reader03;
GRANT EXECUTE ON ROUTINE lg_status(), lg_current(), lg_heads(), lg_bases(), lg_branches(),
                         lg_history(text), lg_plan(text, text), lg_drift(), lg_sql(text, text),
                         lg_revision(text, text, text, text[], text, text[], text[], boolean, text),
                         lg_migrate(text), lg_downgrade(text), lg_apply(text, text),
                         lg_stamp(text, boolean), lg_merge(text[], text, text),
                         lg_repair(text, text, text, text), lg_verify(),
                         lg_script_step(text, text, text[], text[]), lg_lock_runs(),
                         lg_script_begin(text[]), lg_script_end(),
                         lg_adopt(text, text), lg_configure(text, text), lg_configure(text),
                         lg_unregister(text), lg_import(text, jsonb, jsonb), lg_graph(text)
   TO regress_lg_migrator03;

-- data of 0.3: revisions registered; u1 applied and journaled (written by
-- hand: the 0.4 library runs and stamps nothing on 0.3's tables)
SET ROLE regress_lg_migrator03;
SELECT lg_revision('u1', up => 'CREATE TABLE upd03_t (id int)', down => 'DROP TABLE upd03_t');
SELECT lg_revision('u2', up => 'ALTER TABLE upd03_t ADD COLUMN b int',
                   down => 'ALTER TABLE upd03_t DROP COLUMN b', parents => '{u1}');
RESET ROLE;
CREATE TABLE upd03_t (id int);
ALTER TABLE upd03_t OWNER TO regress_lg_migrator03;
INSERT INTO lg.version (revision) VALUES ('u1');
INSERT INTO lg.log (revision, direction, checksum) SELECT 'u1', 'up', checksum FROM lg.script WHERE revision = 'u1';
SET ROLE regress_lg_migrator03;
-- a run or a stamp on 0.3's tables is refused until the update
SELECT * FROM lg_migrate('head');
SELECT lg_stamp('u2');
RESET ROLE;

ALTER EXTENSION lg UPDATE TO '0.4';
SELECT extversion FROM pg_extension WHERE extname = 'lg';

-- kept: revisions, version rows, journal
SELECT id, parents FROM lg.revision ORDER BY ord;
SELECT revision FROM lg.version;
SELECT revision, direction, outcome FROM lg.log ORDER BY id;
SELECT count(*) FROM lg.schema_state;

-- the new and recreated routines, and who may call them
SELECT p.oid::regprocedure AS routine, pg_get_function_result(p.oid) AS result,
       has_function_privilege('public', p.oid, 'EXECUTE') AS public,
       has_function_privilege('regress_lg_reader03', p.oid, 'EXECUTE') AS reader,
       has_function_privilege('regress_lg_migrator03', p.oid, 'EXECUTE') AS migrator,
       has_function_privilege('regress_lg_nobody03', p.oid, 'EXECUTE') AS nobody
  FROM pg_proc p
 WHERE p.oid IN ('lg_status()'::regprocedure, 'lg_schema_drift()'::regprocedure)
 ORDER BY 1::text;
-- lg.schema_state grants nothing to anyone
SELECT has_table_privilege('regress_lg_migrator03', 'lg.schema_state', 'SELECT') AS migrator_select,
       has_table_privilege('public', 'lg.schema_state', 'SELECT') AS public_select;

-- the migration role runs; what the run touched is recorded; the reader
-- sees no drift, then the column added by hand
SET ROLE regress_lg_migrator03;
SELECT revision FROM lg_migrate('head');
RESET ROLE;
SELECT DISTINCT unit_name, revision FROM lg.schema_state;
ALTER TABLE upd03_t ADD COLUMN c int;
SET ROLE regress_lg_reader03;
SELECT current, schema_drift FROM lg_status();
SELECT * FROM lg_schema_drift();
RESET ROLE;
SET ROLE regress_lg_nobody03;
SELECT * FROM lg_status();
SELECT * FROM lg_schema_drift();
RESET ROLE;

SET lg.allow_drop = on;
DROP EXTENSION lg;
DROP TABLE upd03_t;
DROP ROLE regress_lg_reader03, regress_lg_migrator03, regress_lg_nobody03;
