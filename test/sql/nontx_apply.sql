-- CALL lg_apply() and non-transactional revisions: parts and commits, the
-- worker's errors, lg.progress and lg_status(), failed and cleanup lines in
-- the journal, resume, revert, and the refusals while a revision is
-- unfinished.
CREATE EXTENSION lg;
SET client_min_messages = warning;
CREATE TYPE na_mood AS ENUM ('sad');
SELECT lg_revision('na1', up => 'CREATE TABLE na_t (id int PRIMARY KEY, m na_mood)', down => 'DROP TABLE na_t');
-- a backfill in two committed batches, then an enum value used at once
SELECT lg_revision('na2', parents => '{na1}',
  up => $$INSERT INTO na_t VALUES (1); COMMIT AND CHAIN; INSERT INTO na_t VALUES (2); COMMIT;
          ALTER TYPE na_mood ADD VALUE 'glad'; INSERT INTO na_t VALUES (3, 'glad')$$,
  down => 'DELETE FROM na_t');
SELECT step, revision, transactional FROM lg_plan('na2');
CALL lg_apply('na2');
SELECT id, m FROM na_t ORDER BY id;
SELECT current, in_progress FROM lg_status();
SELECT revision, direction, outcome, statements FROM lg.log ORDER BY id;

-- a concurrent build that fails: the worker's error, with its SQLSTATE and
-- a context naming the revision and the statement
INSERT INTO na_t VALUES (4, 'glad');
SELECT lg_revision('na3', parents => '{na2}',
  up => 'CREATE UNIQUE INDEX CONCURRENTLY na_t_m ON na_t (m)',
  down => 'DROP INDEX CONCURRENTLY IF EXISTS na_t_m');
\set VERBOSITY default
CALL lg_apply('na3');
SELECT current, in_progress, in_progress_direction, in_progress_state, in_progress_statement,
       in_progress_error FROM lg_status();
SELECT revision, direction, outcome, statement, sqlstate, error FROM lg.log WHERE outcome <> 'ok' ORDER BY id;
SELECT indisvalid FROM pg_index WHERE indexrelid = 'na_t_m'::regclass;
-- a reader sees that na3 failed and its SQLSTATE, not the message (it can
-- quote rows of tables the reader may not read)
CREATE ROLE regress_na_reader;
GRANT EXECUTE ON FUNCTION lg_status() TO regress_na_reader;
SET ROLE regress_na_reader;
SELECT in_progress, in_progress_state, in_progress_error FROM lg_status();
RESET ROLE;

-- one-transaction runs refuse it as non-transactional ...
SELECT revision FROM lg_migrate('na3');
BEGIN;
CALL lg_apply('na3');
ROLLBACK;
-- ... and while na3 is unfinished, no other run starts, even one that
-- would not touch it
SELECT revision FROM lg_migrate('na2');
SELECT revision FROM lg_downgrade('na2');
CALL lg_apply('na2');
SELECT lg_stamp('na3');
-- nor an lg_sql() script's step or session (it would put na3 in the
-- version rows and strand its progress row)
SELECT lg_script_step('na3', 'up', (SELECT current FROM lg_status()), '{na3}');
SELECT lg_script_begin((SELECT current FROM lg_status()));

-- resume: the data is fixed; the INVALID index is dropped, then built again
DELETE FROM na_t WHERE id = 4;
CALL lg_apply('na3');
SELECT current, in_progress FROM lg_status();
SELECT indisvalid FROM pg_index WHERE indexrelid = 'na_t_m'::regclass;
SELECT revision, outcome, statement, detail FROM lg.log WHERE outcome = 'cleanup';

-- a failure in a later part: the committed parts stay, lg.progress says how far
SELECT lg_revision('na4', parents => '{na3}',
  up => 'CREATE TABLE na_b (n int); COMMIT; INSERT INTO na_b VALUES (1); COMMIT AND CHAIN; INSERT INTO na_b VALUES (1 / 0)',
  down => 'DROP TABLE IF EXISTS na_b');
CALL lg_apply('na4');
SELECT in_progress, in_progress_state, in_progress_statement FROM lg_status();
SELECT done, statement, sqlstate FROM lg.progress;
SELECT n FROM na_b;
-- the committed statements may not change under a resume ...
SELECT lg_revision('na4', parents => '{na3}',
  up => 'CREATE TABLE na_b (n int); COMMIT; INSERT INTO na_b VALUES (2); COMMIT AND CHAIN; INSERT INTO na_b VALUES (3)',
  down => 'DROP TABLE IF EXISTS na_b');
CALL lg_apply('na4');
-- ... the failing one may
SELECT lg_revision('na4', parents => '{na3}',
  up => 'CREATE TABLE na_b (n int); COMMIT; INSERT INTO na_b VALUES (1); COMMIT AND CHAIN; INSERT INTO na_b VALUES (3)',
  down => 'DROP TABLE IF EXISTS na_b');
CALL lg_apply('na4');
SELECT n FROM na_b ORDER BY n;
SELECT current, in_progress FROM lg_status();

-- a partly applied revision is reverted by a downgrade (its down SQL in
-- full), then the downgrade goes on
SELECT lg_revision('na5', parents => '{na4}',
  up => 'CREATE TABLE na_c (n int); COMMIT; SELECT 1 / 0', down => 'DROP TABLE IF EXISTS na_c');
CALL lg_apply('na5');
SELECT to_regclass('na_c') AS na_c, in_progress FROM lg_status();
CALL lg_apply('na3', 'down');
SELECT to_regclass('na_c') AS na_c, to_regclass('na_b') AS na_b, current, in_progress FROM lg_status();
SELECT revision, direction, outcome FROM lg.log WHERE id > (SELECT max(id) FROM lg.log WHERE revision = 'na5' AND outcome = 'failed') ORDER BY id;

CALL lg_apply('base', 'down');
SELECT current, in_progress FROM lg_status();
SELECT count(*) AS progress_rows FROM lg.progress;
DROP TYPE na_mood;
DROP EXTENSION lg;
DROP ROLE regress_na_reader;
