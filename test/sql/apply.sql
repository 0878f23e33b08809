-- CALL lg_apply(): a commit after each revision, no dirty state, the
-- session lock released on every path; inside a transaction block it is
-- lg_migrate.
CREATE EXTENSION lg;
SET client_min_messages = warning;
SELECT lg_revision('a1', up => 'CREATE TABLE ap (id int)', down => 'DROP TABLE ap');
SELECT lg_revision('a2', up => 'INSERT INTO ap VALUES (1)', down => 'DELETE FROM ap', parents => '{a1}');
SELECT lg_revision('a3', up => 'INSERT INTO ap VALUES (2); SELECT 1/0', down => 'DELETE FROM ap WHERE id = 2',
                   parents => '{a2}');

-- a3 fails: a1 and a2 stay committed and recorded, a3 leaves nothing in
-- the database but its failed line in the journal (a transactional
-- revision is never in progress)
CALL lg_apply();
SELECT current, in_progress FROM lg_status();
SELECT * FROM ap;
SELECT revision, direction, outcome, statement, sqlstate, error, by_role = current_user AS by_me
  FROM lg.log ORDER BY id;
SELECT count(*) AS advisory_locks_held FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid();

-- fixed, the next call applies the rest
SELECT lg_revision('a3', up => 'INSERT INTO ap VALUES (2)', down => 'DELETE FROM ap WHERE id = 2', parents => '{a2}');
CALL lg_apply();
SELECT current FROM lg_status();
SELECT count(*) AS advisory_locks_held FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid();
CALL lg_apply('head');
CALL lg_apply('nope');
CALL lg_apply(NULL);
SELECT count(*) AS advisory_locks_held FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid();

-- inside a transaction block: one transaction, as lg_migrate
BEGIN;
SELECT revision FROM lg_downgrade('base');
CALL lg_apply('a2');
SELECT current FROM lg_status();
ROLLBACK;
SELECT current FROM lg_status();

SELECT revision FROM lg_downgrade('base');
DROP EXTENSION lg;
