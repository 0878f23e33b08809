-- ALTER EXTENSION lg UPDATE from 0.2 to 0.3: lg_plan() and lg_history()
-- are created again with a column transactional; the roles that held 0.2's
-- reader and migration grants (README, Privileges) keep them, PUBLIC gets
-- nothing; lg_revision's transactional now defaults to NULL (detected);
-- lg_graph() is new, granted to both roles.
CREATE EXTENSION lg VERSION '0.2';
CREATE ROLE regress_lg_reader02;
CREATE ROLE regress_lg_migrator02;
CREATE ROLE regress_lg_nobody02;
GRANT EXECUTE ON FUNCTION lg_status(), lg_current(), lg_heads(), lg_bases(), lg_branches(),
                          lg_history(text), lg_plan(text, text), lg_drift(), lg_configure(text)
   TO regress_lg_reader02;
GRANT EXECUTE ON ROUTINE lg_status(), lg_current(), lg_heads(), lg_bases(), lg_branches(),
                         lg_history(text), lg_plan(text, text), lg_drift(), lg_sql(text, text),
                         lg_revision(text, text, text, text[], text, text[], text[], boolean, text),
                         lg_migrate(text), lg_downgrade(text), lg_apply(text),
                         lg_stamp(text, boolean), lg_merge(text[], text, text),
                         lg_repair(text, text, text, text), lg_verify(),
                         lg_script_step(text, text, text[], text[]), lg_lock_runs(),
                         lg_adopt(text, text), lg_configure(text, text), lg_configure(text),
                         lg_unregister(text), lg_import(text, jsonb, jsonb)
   TO regress_lg_migrator02;

ALTER EXTENSION lg UPDATE TO '0.3';
SELECT extversion FROM pg_extension WHERE extname = 'lg';

-- the new result columns, and who may call them
SELECT p.oid::regprocedure AS routine, pg_get_function_result(p.oid) AS result,
       has_function_privilege('public', p.oid, 'EXECUTE') AS public,
       has_function_privilege('regress_lg_reader02', p.oid, 'EXECUTE') AS reader,
       has_function_privilege('regress_lg_migrator02', p.oid, 'EXECUTE') AS migrator,
       has_function_privilege('regress_lg_nobody02', p.oid, 'EXECUTE') AS nobody
  FROM pg_proc p
 WHERE p.oid IN ('lg_plan(text, text)'::regprocedure, 'lg_history(text)'::regprocedure,
                 'lg_graph(text)'::regprocedure)
 ORDER BY 1::text;
SELECT pg_get_function_arguments('lg_revision(text, text, text, text[], text, text[], text[], boolean, text)'::regprocedure) ~ 'transactional boolean DEFAULT NULL' AS detected_by_default;

-- the migration role registers; the reader sees plans and history
SET ROLE regress_lg_migrator02;
SELECT lg_revision('v1', up => 'CREATE TABLE upd02_t (id int)', down => 'DROP TABLE upd02_t');
SELECT lg_revision('v2', up => 'CREATE INDEX CONCURRENTLY upd02_i ON upd02_t (id)', down => 'DROP INDEX upd02_i',
                   parents => '{v1}');
SELECT * FROM lg_plan();
RESET ROLE;
SET ROLE regress_lg_reader02;
SELECT * FROM lg_plan();
SELECT revision, is_applied, transactional FROM lg_history();
SELECT lg_graph('mermaid');
RESET ROLE;
SET ROLE regress_lg_nobody02;
SELECT * FROM lg_plan();
SELECT lg_graph();
RESET ROLE;

DROP EXTENSION lg;
DROP ROLE regress_lg_reader02, regress_lg_migrator02, regress_lg_nobody02;
