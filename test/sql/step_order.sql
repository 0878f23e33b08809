-- lg_configure('step_order', ...): Alembic's depth-first walk (the default)
-- or registration order (Kahn's order with registration as the tie-break).
CREATE EXTENSION lg;
-- two unrelated lines, registered in version order, and a merge
SELECT lg_revision('1', up => 'CREATE TABLE so_log (at serial, n int)', down => 'DROP TABLE so_log');
SELECT lg_revision('2', up => 'CREATE TABLE so_other (n int)', down => 'DROP TABLE so_other');
SELECT lg_revision('3', up => 'INSERT INTO so_log (n) VALUES (3)', down => 'DELETE FROM so_log WHERE n = 3', parents => '{1}');
SELECT lg_revision('4', up => 'INSERT INTO so_log (n) VALUES (4)', down => 'DELETE FROM so_log WHERE n = 4', parents => '{2}', depends_on => '{1}');
SELECT lg_revision('5', up => 'INSERT INTO so_log (n) VALUES (5)', down => 'DELETE FROM so_log WHERE n = 5', parents => '{3, 4}');

SELECT lg_configure('step_order');
SELECT step, revision FROM lg_plan('head');
SELECT generation AS before FROM lg.registry_state \gset
SELECT lg_configure('step_order', 'registration');
-- the registry generation moved: every session plans with the new order
SELECT generation <> :before AS moved FROM lg.registry_state;
SELECT lg_configure('step_order');
SELECT step, revision FROM lg_plan('head');
SELECT * FROM lg.settings;

-- the run follows the setting; downgrades are the reverse
SET client_min_messages = warning;
SELECT revision FROM lg_migrate('head');
-- in the order applied
SELECT array_agg(n ORDER BY at) FROM so_log;
SELECT step, revision, direction FROM lg_plan('base', 'down');
SELECT revision FROM lg_downgrade('base');
RESET client_min_messages;

-- under Alembic's walk the unrelated branch 2 -> 4 runs first
SELECT lg_configure('step_order', 'alembic');
SELECT step, revision FROM lg_plan('head');
SET client_min_messages = warning;
SELECT revision FROM lg_migrate('head');
SELECT array_agg(n ORDER BY at) FROM so_log;
SELECT revision FROM lg_downgrade('base');
RESET client_min_messages;
-- setting the same value again writes nothing
SELECT generation AS before FROM lg.registry_state \gset
SELECT lg_configure('step_order', 'alembic');
SELECT generation = :before AS unchanged FROM lg.registry_state;

-- invalid keys and values
SELECT lg_configure('nope', 'x');
SELECT lg_configure('step_order', 'random');
SELECT lg_configure('step_order', NULL);
SELECT lg_configure(NULL);
-- each change is journaled: direction 'configure', the key as the revision,
-- the change in detail, the caller; the unchanged and refused calls are not
SELECT revision, direction, statements, outcome, detail, by_role = current_user AS by_me,
       session_role = session_user AS session_me, checksum IS NULL AS no_checksum
  FROM lg.log WHERE direction = 'configure' ORDER BY id;

-- lg_sql() writes its script in the configured order
SELECT lg_configure('step_order', 'registration');
SELECT line FROM regexp_split_to_table(lg_sql('head'), E'\n') AS line WHERE line LIKE '%lg_script_step%';

-- a reader may see the setting
CREATE ROLE regress_lg_so_reader;
GRANT EXECUTE ON FUNCTION lg_configure(text) TO regress_lg_so_reader;
SET ROLE regress_lg_so_reader;
SELECT lg_configure('step_order');
SELECT lg_configure('step_order', 'alembic');
RESET ROLE;

SET client_min_messages = warning;
DROP EXTENSION lg;
DROP ROLE regress_lg_so_reader;
