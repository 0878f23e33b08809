-- Non-transactional revisions (issue 12): registration finds them
-- (lg.revision.transactional), transactional => false forces one and
-- transactional => true refuses SQL that needs one; lg_plan() and
-- lg_history() show it; lg_migrate(), lg_downgrade() and lg_apply() inside
-- a transaction block refuse such a plan before anything runs.
CREATE EXTENSION lg;

-- 1. Detection: one revision per kind of statement, each registered with
-- the default (transactional NULL), then what lg.revision says.
CREATE TEMP TABLE kinds (n int, sql text);
INSERT INTO kinds VALUES
  (1, 'CREATE TABLE nt_k (id int); CREATE INDEX CONCURRENTLY nt_k_i ON nt_k (id)'),
  (2, 'DROP INDEX CONCURRENTLY nt_k_i'),
  (3, 'REINDEX TABLE CONCURRENTLY nt_k'),
  (4, 'REINDEX (CONCURRENTLY) INDEX nt_k_i'),
  (5, 'REINDEX SCHEMA public'),
  (6, 'ALTER TABLE nt_p DETACH PARTITION nt_p1 CONCURRENTLY'),
  (7, 'VACUUM nt_k'),
  (8, 'VACUUM (ANALYZE) nt_k'),
  (9, 'CLUSTER'),
  (10, 'CREATE DATABASE nt_db'),
  (11, 'DROP DATABASE nt_db'),
  (12, $$CREATE TABLESPACE nt_ts LOCATION '/nowhere'$$),
  (13, 'DROP TABLESPACE nt_ts'),
  (14, $$ALTER SYSTEM SET work_mem = '8MB'$$),
  (15, 'ALTER DATABASE nt_db SET TABLESPACE nt_ts'),
  (16, 'DISCARD ALL'),
  (17, $$CREATE SUBSCRIPTION nt_s CONNECTION 'dbname=x' PUBLICATION p$$),
  (18, 'DROP SUBSCRIPTION nt_s'),
  (19, 'ALTER SUBSCRIPTION nt_s REFRESH PUBLICATION WITH (copy_data = false)'),
  (20, 'ALTER SUBSCRIPTION nt_s SET PUBLICATION p'),
  (21, 'INSERT INTO nt_k VALUES (1); COMMIT; INSERT INTO nt_k VALUES (2)'),
  (22, 'INSERT INTO nt_k VALUES (1); COMMIT AND CHAIN; INSERT INTO nt_k VALUES (2)'),
  (23, 'INSERT INTO nt_k VALUES (1); END'),
  (24, $$ALTER TYPE nt_e ADD VALUE 'b'; INSERT INTO nt_t VALUES ('b')$$),
  (25, $$ALTER TYPE nt_e ADD VALUE 'b'; ALTER TYPE nt_e ADD VALUE 'c'$$),
  -- and what stays transactional
  (26, $$CREATE TYPE nt_e AS ENUM ('a'); ALTER TYPE nt_e ADD VALUE 'b'$$),
  (27, $$ALTER TYPE nt_e RENAME VALUE 'a' TO 'z'; SELECT 1$$),
  (28, 'CREATE INDEX nt_k_i2 ON nt_k (id); REINDEX TABLE nt_k; ANALYZE nt_k; CLUSTER nt_k USING nt_k_i2'),
  (29, 'ALTER TABLE nt_p DETACH PARTITION nt_p1'),
  (30, $$CREATE SUBSCRIPTION nt_s CONNECTION 'dbname=x' PUBLICATION p WITH (connect = false)$$),
  (31, 'ALTER SUBSCRIPTION nt_s SET PUBLICATION p WITH (refresh = false)'),
  (32, 'DISCARD TEMP; COPY nt_k TO ''/dev/null''');
SELECT count(lg_revision('k' || n, up => sql)) AS registered FROM kinds;
SELECT k.n, r.transactional, k.sql FROM kinds k JOIN lg.revision r ON r.id = 'k' || k.n ORDER BY k.n;
-- identical re-registration is a no-op, for a non-transactional revision too
SELECT generation AS gen FROM lg.registry_state \gset
SELECT lg_revision('k1', up => sql) FROM kinds WHERE n = 1;
SELECT generation = :gen AS registry_unchanged FROM lg.registry_state;
SET client_min_messages = warning;
SELECT count(lg_unregister('k' || n)) AS unregistered FROM kinds;
RESET client_min_messages;

-- the down SQL counts as much as the up SQL
SELECT lg_revision('d1', up => 'CREATE TABLE nt_d (id int)',
                   down => 'DROP INDEX CONCURRENTLY IF EXISTS nt_d_i; DROP TABLE nt_d');
SELECT transactional FROM lg.revision WHERE id = 'd1';
SELECT lg_unregister('d1');

-- 2. Forced and refused.  transactional => false on SQL that could run in
-- one transaction: stored as asked.
SELECT lg_revision('f1', up => 'SELECT 1', transactional => false);
SELECT transactional FROM lg.revision WHERE id = 'f1';
-- the same again is a no-op; without the flag it is detected again (a change)
SELECT generation AS gen FROM lg.registry_state \gset
SELECT lg_revision('f1', up => 'SELECT 1', transactional => false);
SELECT generation = :gen AS registry_unchanged FROM lg.registry_state;
SELECT lg_revision('f1', up => 'SELECT 1');
SELECT transactional FROM lg.revision WHERE id = 'f1';
SELECT lg_unregister('f1');
-- transactional => true on SQL that needs otherwise: refused, naming the
-- statement, and nothing registered
SELECT lg_revision('t1', up => E'CREATE TABLE nt_t1 (id int);\nCREATE INDEX CONCURRENTLY nt_t1_i ON nt_t1 (id)',
                   transactional => true);
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('t1', up => 'SELECT 1; COMMIT AND CHAIN; SELECT 2', transactional => true);
SELECT lg_revision('t1', up => $$ALTER TYPE nt_e ADD VALUE 'x'; SELECT 1$$, transactional => true);
-- what can never run is refused whatever is asked, with its number
SELECT lg_revision('t1', up => 'SELECT 1; ROLLBACK; SELECT 2');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('t1', up => 'SELECT 1', down => 'BEGIN; SELECT 2; COMMIT', transactional => false);
SELECT lg_revision('t1', up => 'COPY nt_t1 FROM STDIN');
-- verify SQL runs inside the run's transaction: no exception there
SELECT lg_revision('t1', up => 'SELECT 1', verify => 'COMMIT');
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS t1_registered FROM lg.revision WHERE id = 't1';

-- 3. Plans and history show it; one-transaction runs refuse it before
-- anything runs.
SELECT lg_revision('r1', up => 'CREATE TABLE nt_r1 (id int)', down => 'DROP TABLE nt_r1');
SELECT lg_revision('r2', up => E'-- the index\nCREATE TABLE nt_r2 (id int);\nCREATE INDEX CONCURRENTLY nt_r2_i ON nt_r2 (id)',
                   down => 'DROP TABLE nt_r2', parents => '{r1}', message => 'concurrent index');
SELECT lg_revision('r3', up => 'CREATE TABLE nt_r3 (id int)', down => 'DROP TABLE nt_r3', parents => '{r2}');
SELECT * FROM lg_plan('head');
SELECT revision, parents, is_applied, transactional FROM lg_history();
SELECT revision, transactional FROM lg_history('r2:r3');

SELECT * FROM lg_migrate('head');
\echo :LAST_ERROR_SQLSTATE
SET client_min_messages = warning;
SELECT revision FROM lg_migrate('r1');  -- a plan without it runs
RESET client_min_messages;
SELECT * FROM lg_migrate('r3');
BEGIN;
CALL lg_apply('head');
ROLLBACK;
\echo :LAST_ERROR_SQLSTATE
BEGIN;
CALL lg_apply('r3');
ROLLBACK;
-- nothing ran: the version is r1, no table of r2 or r3, and the journal has r1 only
SELECT current FROM lg_status();
SELECT to_regclass('nt_r2') AS r2_table, to_regclass('nt_r3') AS r3_table;
SELECT revision, direction FROM lg.log WHERE direction <> 'unregister' ORDER BY id;

-- a revision forced non-transactional: refused without a statement to name
SELECT lg_revision('r4', up => 'SELECT 4', down => '', parents => '{r3}', transactional => false);
SELECT revision, transactional FROM lg_plan('r4') WHERE revision = 'r4';
-- (r2 comes first in that plan: plan from r3 on)
SELECT lg_stamp('r3');
SELECT * FROM lg_migrate('r4');

-- lg_downgrade: a non-transactional revision on the way down is refused too
-- (its down SQL runs one transaction; the up SQL is named when the down
-- SQL alone could run in one)
SELECT revision, direction, transactional FROM lg_plan('r1', 'down');
SELECT * FROM lg_downgrade('r1');
\echo :LAST_ERROR_SQLSTATE
SELECT current FROM lg_status();
SELECT revision, direction FROM lg.log WHERE direction <> 'unregister' ORDER BY id;

-- lg_repair: new SQL of an applied revision that cannot run inside one
-- transaction makes it non-transactional; what can never run is refused
SELECT lg_repair('r1', up => 'SELECT 1; ROLLBACK');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_repair('r1', verify => 'VACUUM');
SELECT length(lg_repair('r1', down => 'DROP INDEX CONCURRENTLY IF EXISTS nt_r1_i; DROP TABLE nt_r1')) AS checksum_len;
SELECT id, transactional FROM lg.revision WHERE id = 'r1';

-- the flag of an applied revision follows its registration: one stored by
-- an older lg (written by hand here) is set again by registering the same
-- SQL; its SQL itself still cannot change
UPDATE lg.revision SET transactional = false WHERE id = 'r3';
SELECT lg_revision('r3', up => 'CREATE TABLE nt_r3 (id int)', down => 'DROP TABLE nt_r3', parents => '{r2}');
SELECT id, transactional FROM lg.revision WHERE id = 'r3';
SELECT lg_revision('r3', up => 'CREATE TABLE nt_r3 (id int); VACUUM nt_r3', down => 'DROP TABLE nt_r3', parents => '{r2}');
\echo :LAST_ERROR_SQLSTATE

-- lg_import: dbmate's transaction:false and diesel's run_in_transaction =
-- false register as non-transactional; a file without the flag is
-- detected from its SQL
SELECT revision FROM lg_import('dbmate', jsonb_build_object(
  '20200101000000_one.sql', E'-- migrate:up\nCREATE TABLE nt_i1 (id int);\n-- migrate:down\nDROP TABLE nt_i1;\n',
  '20200102000000_idx.sql', E'-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY nt_i1_i ON nt_i1 (id);\n',
  '20200103000000_vac.sql', E'-- migrate:up\nVACUUM nt_i1;\n',
  '20200104000000_plain.sql', E'-- migrate:up transaction:false\nSELECT 1;\n'));
SELECT id, transactional FROM lg.revision WHERE id LIKE '2020%' ORDER BY ord;

SET lg.allow_drop = on;
DROP EXTENSION lg;
