-- lg_sql() of a plan with non-transactional revisions (issue 12 item 5):
-- the header names them and says how to run the script; each revision has
-- a transaction of its own; what cannot run in a transaction block stands
-- alone, COMMIT / COMMIT AND CHAIN stay as written, an enum value added is
-- committed before the next statement; lg_script_begin() and
-- lg_script_end() hold the run lock across.  test/shell/sql_script_nontx.sh
-- runs such a script with psql.  lg_revision does not accept these
-- revisions yet: they are made by hand, as a superuser.
CREATE EXTENSION lg;
SET client_min_messages = warning;
SELECT lg_revision('n1', up => 'CREATE TABLE n_t (id int, v int); CREATE TYPE n_mood AS ENUM (''sad'')',
  down => 'DROP TABLE n_t; DROP TYPE n_mood', message => 'the table');
SELECT lg_revision('n2', up => 'CREATE INDEX n_t_v ON n_t (v)', down => 'DROP INDEX n_t_v',
  parents => '{n1}', message => 'the index, built concurrently');
SELECT lg_revision('n3', up => 'UPDATE n_t SET v = 0', down => '', parents => '{n2}',
  verify => 'SELECT true');
SELECT lg_revision('n4', up => 'ALTER TYPE n_mood ADD VALUE ''glad''', down => '', parents => '{n3}');
SELECT lg_revision('n5', up => 'CREATE TABLE n_five (id int)', down => 'DROP TABLE n_five',
  parents => '{n4}');
UPDATE lg.script SET up_sql = 'CREATE INDEX CONCURRENTLY n_t_v ON n_t (v)',
                     down_sql = 'DROP INDEX CONCURRENTLY n_t_v' WHERE revision = 'n2';
UPDATE lg.script SET up_sql = 'UPDATE n_t SET v = 0 WHERE id < 10; COMMIT AND CHAIN;
UPDATE n_t SET v = 0 WHERE id >= 10; COMMIT; VACUUM (ANALYZE) n_t' WHERE revision = 'n3';
UPDATE lg.script SET up_sql = 'ALTER TYPE n_mood ADD VALUE ''glad''; SELECT ''glad''::n_mood'
 WHERE revision = 'n4';
UPDATE lg.revision SET transactional = false WHERE id IN ('n2', 'n3', 'n4');

SELECT lg_sql();
-- the way down: the concurrent drop stands alone too
SELECT lg_stamp('n5');
SELECT lg_sql('n1', 'down');
-- a plan of ordinary revisions only keeps the one-transaction script
SELECT lg_stamp('n4');
SELECT lg_sql();

-- lg_script_begin refuses a transaction block (psql -1) and stale rows,
-- and holds the lock for the session until lg_script_end
BEGIN;
SELECT lg_script_begin('{n4}');
ROLLBACK;
SELECT lg_script_begin('{n3}');
SELECT lg_script_begin('{n4}');
SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 3 AND pid = pg_backend_pid();
SELECT lg_script_end();
SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 3 AND pid = pg_backend_pid();
-- not for PUBLIC
SELECT p.oid::regprocedure, has_function_privilege('public', p.oid, 'EXECUTE')
  FROM pg_proc p WHERE p.proname IN ('lg_script_begin', 'lg_script_end') ORDER BY 1;

-- a statement that can never run, slipped in by hand, is refused
UPDATE lg.script SET up_sql = 'SELECT 1; ROLLBACK' WHERE revision = 'n5';
UPDATE lg.revision SET transactional = false WHERE id = 'n5';
SELECT lg_sql();
SET lg.allow_drop = on;  -- revisions are applied: the drop is deliberate
DROP EXTENSION lg;
