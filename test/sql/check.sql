-- lg_check() (issue 14, part 2): the stairway test.  For each revision of
-- the plan, up, down and up again inside a subtransaction that is always
-- rolled back; a down that does not restore what the up changed is reported
-- with the objects that differ.  Nothing is left behind.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS lg;
-- the revisions' objects live in schema ck (lg's functions in public)
CREATE SCHEMA ck;
SET search_path = ck, public;

-- 1. A chain: one revision per kind of finding.
SELECT lg_revision('c01', up => 'CREATE TABLE ck_t (id int PRIMARY KEY, v text DEFAULT ''x'')',
                   down => 'DROP TABLE ck_t') IS NOT NULL AS ok;
-- a down that loses a default
SELECT lg_revision('c02', parents => '{c01}',
                   up => 'ALTER TABLE ck_t ALTER COLUMN v SET DEFAULT ''y''',
                   down => 'ALTER TABLE ck_t ALTER COLUMN v DROP DEFAULT') IS NOT NULL AS ok;
-- a down that changes a type
SELECT lg_revision('c03', parents => '{c02}',
                   up => 'ALTER TABLE ck_t ADD COLUMN n int; ALTER TABLE ck_t ALTER COLUMN id TYPE bigint',
                   down => 'ALTER TABLE ck_t DROP COLUMN n; ALTER TABLE ck_t ALTER COLUMN id TYPE numeric') IS NOT NULL AS ok;
-- a down that forgets a trigger (the up drops one the down does not create again)
SELECT lg_revision('c04', parents => '{c03}',
                   up => $$CREATE FUNCTION ck_f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
                          CREATE TRIGGER ck_tr BEFORE INSERT ON ck_t FOR EACH ROW EXECUTE FUNCTION ck_f()$$,
                   down => 'DROP FUNCTION ck_f() CASCADE') IS NOT NULL AS ok;
SELECT lg_revision('c05', parents => '{c04}',
                   up => 'DROP TRIGGER ck_tr ON ck_t',
                   down => 'SELECT 1') IS NOT NULL AS ok;
-- a down that forgets an index
SELECT lg_revision('c06', parents => '{c05}',
                   up => 'CREATE INDEX ck_t_v ON ck_t (v)',
                   down => 'SELECT 1') IS NOT NULL AS ok;
-- a down that restores everything, through EXECUTE format() in DO blocks
SELECT lg_revision('c07', parents => '{c06}',
                   up => $q$DO $d$ BEGIN EXECUTE format('CREATE TABLE %I (a int NOT NULL)', 'ck_dyn'); END $d$ $q$,
                   down => $q$DO $d$ BEGIN EXECUTE format('DROP TABLE %I', 'ck_dyn'); END $d$ $q$) IS NOT NULL AS ok;
-- a down through EXECUTE format() that drops the wrong NOT NULL and leaves
-- the new column: both found through the object access hook
SELECT lg_revision('c08', parents => '{c07}',
                   up => $q$DO $d$ BEGIN EXECUTE format('ALTER TABLE %I ADD COLUMN b int', 'ck_dyn'); END $d$ $q$,
                   down => $q$DO $d$ BEGIN EXECUTE format('ALTER TABLE %I ALTER COLUMN a DROP NOT NULL', 'ck_dyn'); END $d$ $q$) IS NOT NULL AS ok;
-- a down that fails
SELECT lg_revision('c09', parents => '{c08}',
                   up => 'CREATE TABLE ck_u (k text UNIQUE)',
                   down => 'DROP TABLE ck_u_typo') IS NOT NULL AS ok;
-- an up that cannot run twice after its down: the down leaves the row
SELECT lg_revision('c10', parents => '{c09}',
                   up => 'CREATE TABLE ck_w (k text UNIQUE); INSERT INTO ck_u VALUES (''once'')',
                   down => 'DROP TABLE ck_w') IS NOT NULL AS ok;
-- a revision without down SQL
SELECT lg_revision('c11', parents => '{c10}',
                   up => 'CREATE TABLE ck_irr (id int)') IS NOT NULL AS ok;
-- a non-transactional revision: CONCURRENTLY runs without it, COMMIT and VACUUM are skipped
SELECT lg_revision('c12', parents => '{c11}',
                   up => 'CREATE INDEX CONCURRENTLY ck_irr_i ON ck_irr (id); COMMIT; VACUUM ck_irr',
                   down => 'DROP INDEX CONCURRENTLY ck_irr_i') IS NOT NULL AS ok;
-- the short path (the parse trees name every object touched) and the long
-- one give the same rows: a foreign key puts triggers on the table it
-- references (named by the tree); a serial column makes a sequence (not
-- named: the long path); a DROP ... CASCADE (the long path)
SELECT lg_revision('c13', parents => '{c12}',
                   up => 'CREATE TABLE ck_child (id int REFERENCES ck_t (id)); CREATE TABLE ck_s (id serial)',
                   down => 'DROP TABLE ck_child; DROP TABLE ck_s') IS NOT NULL AS ok;
SELECT lg_revision('c14', parents => '{c13}',
                   up => 'CREATE VIEW ck_v AS SELECT id FROM ck_child',
                   down => 'DROP TABLE ck_child CASCADE; CREATE TABLE ck_child (id int REFERENCES ck_t (id))') IS NOT NULL AS ok;
-- DETACH PARTITION ... CONCURRENTLY runs without it; REINDEX CONCURRENTLY
-- and CREATE DATABASE are skipped (no definition changes; outside the catalog)
SELECT lg_revision('c15', parents => '{c14}',
                   up => 'CREATE TABLE ck_pt (id int) PARTITION BY RANGE (id);
                          CREATE TABLE ck_pt1 PARTITION OF ck_pt FOR VALUES FROM (0) TO (10);
                          ALTER TABLE ck_pt DETACH PARTITION ck_pt1 CONCURRENTLY;
                          REINDEX TABLE CONCURRENTLY ck_pt1; CREATE DATABASE ck_never',
                   down => 'DROP TABLE ck_pt1; DROP TABLE ck_pt') IS NOT NULL AS ok;

-- 2. What is there before, to compare after.
CREATE TEMP TABLE before_rows AS
  SELECT (SELECT count(*) FROM lg.version) AS versions, (SELECT count(*) FROM lg.log) AS log_lines,
         (SELECT count(*) FROM lg.progress) AS progress,
         (SELECT count(*) FROM pg_class WHERE relnamespace = 'ck'::regnamespace) AS relations,
         (SELECT count(*) FROM pg_proc WHERE pronamespace = 'ck'::regnamespace) AS routines;

SELECT * FROM lg_check('heads');

-- 3. Nothing is left behind.
SELECT (SELECT count(*) FROM lg.version) = versions AS version_same,
       (SELECT count(*) FROM lg.log) = log_lines AS log_same,
       (SELECT count(*) FROM lg.progress) = progress AS progress_same,
       (SELECT count(*) FROM pg_class WHERE relnamespace = 'ck'::regnamespace) = relations AS relations_same,
       (SELECT count(*) FROM pg_proc WHERE pronamespace = 'ck'::regnamespace) = routines AS routines_same
  FROM before_rows;
SELECT to_regclass('ck_t') IS NULL AS no_table;

-- 4. A target short of the heads; from where the database stands.
SELECT * FROM lg_check('c02');
SELECT count(*) AS steps FROM lg_migrate('c06');
SELECT revision, step, ok FROM lg_check('c08');
SELECT lg_current() AS still_at;

-- 5. An up that fails stops the check.
SELECT lg_revision('c20', parents => '{c06}', up => 'ALTER TABLE ck_nowhere ADD COLUMN x int',
                   down => 'SELECT 1') IS NOT NULL AS ok;
SELECT lg_revision('c21', parents => '{c20}', up => 'SELECT 1', down => 'SELECT 1') IS NOT NULL AS ok;
SELECT * FROM lg_check('c21');
-- the same without down SQL (the up runs once, to go on), then a check
-- again in the same session
SELECT lg_revision('c22', parents => '{c06}', up => 'ALTER TABLE ck_nowhere ADD COLUMN y int') IS NOT NULL AS ok;
SELECT * FROM lg_check('c22');
SELECT revision, step, ok FROM lg_check('c07');

-- ATTACH and DETACH PARTITION change both tables without an object access
-- event: a down that leaves the partition attached does not restore them
SELECT lg_revision('c70', parents => '{c06}',
                   up => 'CREATE TABLE ck_parted (k int) PARTITION BY RANGE (k); CREATE TABLE ck_part (k int)',
                   down => 'DROP TABLE ck_parted, ck_part') IS NOT NULL AS ok;
SELECT lg_revision('c71', parents => '{c70}',
                   up => 'ALTER TABLE ck_parted ATTACH PARTITION ck_part FOR VALUES FROM (0) TO (10)',
                   down => 'SELECT 1') IS NOT NULL AS ok;
SELECT lg_revision('c72', parents => '{c70}',
                   up => 'ALTER TABLE ck_parted ATTACH PARTITION ck_part FOR VALUES FROM (0) TO (10)',
                   down => 'ALTER TABLE ck_parted DETACH PARTITION ck_part') IS NOT NULL AS ok;
SELECT revision, step, ok, detail FROM lg_check('c71') WHERE revision = 'c71';
SELECT revision, step, ok, detail FROM lg_check('c72') WHERE revision = 'c72';

-- 6. An enum value added and used in one revision cannot be checked in one transaction.
SELECT lg_revision('c30', parents => '{c06}',
                   up => $$CREATE TYPE ck_e AS ENUM ('a')$$, down => 'DROP TYPE ck_e') IS NOT NULL AS ok;
SELECT lg_revision('c31', parents => '{c30}',
                   up => $$ALTER TYPE ck_e ADD VALUE 'b'; SELECT 'b'::ck_e$$, down => NULL) IS NOT NULL AS ok;
SELECT * FROM lg_check('c31');

-- 7. Errors: a NULL target, an unknown one; a role without EXECUTE.
SELECT * FROM lg_check(NULL);
SELECT * FROM lg_check('nowhere');
CREATE ROLE ck_nobody;
SET ROLE ck_nobody;
SELECT * FROM lg_check('heads');
RESET ROLE;
DROP ROLE ck_nobody;
-- a cancel or a statement timeout ends the check (here in a down)
SELECT lg_revision('c50', parents => '{c06}', up => 'SELECT 1', down => 'SELECT pg_sleep(5)') IS NOT NULL AS ok;
SET statement_timeout = '300ms';
SELECT * FROM lg_check('c50');
RESET statement_timeout;
SELECT lg_current() AS still_at;
-- inside a run's revision SQL, lg_check is a nested run and refused
SELECT lg_revision('c40', parents => '{c06}', up => 'SELECT * FROM lg_check()', down => 'SELECT 1') IS NOT NULL AS ok;
SELECT * FROM lg_migrate('c40');

-- 8. Refused while CALL lg_apply left a revision unfinished, as runs are.
SELECT lg_revision('c60', parents => '{c06}',
  up => 'CREATE TABLE ck_p (n int); COMMIT; INSERT INTO ck_p VALUES (1 / 0)',
  down => 'DROP TABLE IF EXISTS ck_p') IS NOT NULL AS ok;
\set VERBOSITY terse
CALL lg_apply('c60');
\set VERBOSITY default
SELECT revision, state FROM lg.progress;
SELECT * FROM lg_check('c60');

-- cleaning up: revisions are applied, the drop is deliberate
DROP SCHEMA ck CASCADE;
SET lg.allow_drop = on;
DROP EXTENSION lg;
