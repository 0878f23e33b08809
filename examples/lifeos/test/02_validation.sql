-- The validation revision 20251218_backend_updates_validation, inside this
-- test's transaction (rolled back at the end):
--  * it does not hang on locks (needs dblink: another session holds a lock);
--  * running it again over the complete schema changes nothing;
--  * it restores a missing table or index, with the chain's own definition;
--  * on an empty database it builds exactly the schema of the whole chain;
--  * its backfill leaves no empty normalized_name;
--  * downgrade returns exactly to 20251216_drop_legacy_habits_relationships.
-- "Running it again" at head: the version row is moved back to
-- 20251216_drop_legacy_habits_relationships without touching the schema
-- (`alembic stamp`: lg_stamp, or an UPDATE of lg.version in lg versions
-- without it), then lg_migrate('head') runs the validation over the complete
-- schema.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(27);

SELECT up_sql AS validation_sql FROM lg.script WHERE revision = '20251218_backend_updates_validation' \gset
CREATE FUNCTION pg_temp.stamp(target text) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  IF to_regprocedure('lg_stamp(text,boolean)') IS NOT NULL THEN
    EXECUTE 'SELECT lg_stamp($1)' USING target;
  ELSE
    UPDATE lg.version SET revision = target;
  END IF;
END $f$;

-- Must not hang on locks.  First, before this transaction touches
-- finance_account: another session reads it in an open transaction, so the
-- validation's ALTER TABLE cannot get its lock; with lock_timeout = 5s it
-- fails with 55P03 instead of waiting (and queueing every later reader).
SELECT count(*) = 1 AS has_dblink FROM pg_available_extensions WHERE name = 'dblink' \gset
\set locker false
\if :has_dblink
CREATE EXTENSION IF NOT EXISTS dblink;
DO $$
BEGIN
  PERFORM dblink_connect('locker', format('dbname=%s port=%s host=%s', current_database(),
          current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1)));
  PERFORM set_config('lifeos_test.locker', 'true', true);
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'no second session through dblink (%), lock test skipped', SQLERRM;
  PERFORM set_config('lifeos_test.locker', 'false', true);
END $$;
SELECT current_setting('lifeos_test.locker') AS locker \gset
\endif
\if :locker
SELECT dblink_exec('locker', 'BEGIN');
SELECT dblink_exec('locker', 'LOCK TABLE finance_account IN ACCESS SHARE MODE');
SELECT pg_temp.stamp('20251216_drop_legacy_habits_relationships');
-- lg's own bound on lock waits (lg.lock_timeout, retried lg.lock_retries
-- times, in lg versions that have them) is made long here, so that what
-- stops the wait is the revision's own SET LOCAL lock_timeout = '5s'.
SET LOCAL lg.lock_timeout = '1min';
SET LOCAL lg.lock_retries = 0;
SELECT clock_timestamp() AS lock_start \gset
SELECT throws_ok($$SELECT * FROM lg_migrate('head')$$, '55P03', NULL,
                 'with another session reading finance_account, the validation gives up (55P03) instead of hanging');
SELECT ok(clock_timestamp() - :'lock_start'::timestamptz BETWEEN interval '4.5 seconds' AND interval '30 seconds',
          'it gave up after its own 5 s lock_timeout');
RESET lg.lock_timeout;
RESET lg.lock_retries;
SELECT dblink_exec('locker', 'ROLLBACK');
SELECT dblink_disconnect('locker');
SELECT pg_temp.stamp('20251218_backend_updates_validation');
\else
SELECT skip('no dblink session to hold a lock', 2);
\endif

-- The schema of public: relations, columns, defaults, constraints, indexes.
CREATE FUNCTION pg_temp.fingerprint() RETURNS text LANGUAGE sql AS $f$
  SELECT coalesce(string_agg(line, E'\n' ORDER BY line), '') FROM (
    SELECT 'rel ' || c.relname || ' ' || c.relkind::text || ' ' ||
           coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                                       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                                       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum)
                       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
           || coalesce(' ' || pg_get_indexdef(c.oid), '') AS line
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.deptype = 'e'
                          AND ((d.classid = 'pg_class'::regclass AND d.objid = c.oid)
                            OR (d.classid = 'pg_type'::regclass AND d.objid = c.reltype)))
    UNION ALL
    SELECT 'con ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> 0
  ) x
$f$;
-- and what running it could rewrite or update
CREATE FUNCTION pg_temp.physical() RETURNS text LANGUAGE sql AS $f$
  SELECT string_agg(relname || '=' || relfilenode, ',' ORDER BY relname) FROM pg_class
   WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'i')
$f$;
CREATE FUNCTION pg_temp.accounts() RETURNS text LANGUAGE sql AS $f$
  SELECT coalesce(string_agg(a::text, E'\n' ORDER BY id), '') FROM finance_account a
$f$;

INSERT INTO finance_account (user_id, name, account_type, account_subtype, normalized_name) VALUES
  (1, 'My Savings', 'asset', 'bank', 'my savings'),
  (1, 'Visa', 'liability', 'credit_card', 'visa');
SELECT pg_temp.fingerprint() AS head_fp, pg_temp.physical() AS head_phys, pg_temp.accounts() AS head_accounts \gset

-- Running the validation again over the complete schema changes nothing
SELECT pg_temp.stamp('20251216_drop_legacy_habits_relationships');
SELECT results_eq($$SELECT revision FROM lg_migrate('head')$$, $$VALUES ('20251218_backend_updates_validation')$$,
                  'the validation runs again over the complete schema');
SELECT is(pg_temp.fingerprint(), :'head_fp', 'running it again changes no table, column, constraint or index');
SELECT is(pg_temp.physical(), :'head_phys', 'running it again rewrites no table or index');
SELECT is(pg_temp.accounts(), :'head_accounts', 'running it again changes no account row');
SELECT is((SELECT current FROM lg_status()), ARRAY['20251218_backend_updates_validation'], 'lg is at head');
SELECT lives_ok(:'validation_sql', 'its SQL run directly, a third time');
SELECT is(pg_temp.fingerprint() || pg_temp.physical() || pg_temp.accounts(),
          :'head_fp' || :'head_phys' || :'head_accounts', 'changes nothing either');

-- It ensures: a missing index and a missing table come back, as the chain made them
DROP INDEX ix_finance_account_user_type;
DROP INDEX ix_project_task_user_due_open;
DROP TABLE skill_metric;
SELECT lives_ok(:'validation_sql', 'the validation SQL runs over a schema missing two indexes and a table');
SELECT is(pg_temp.fingerprint(), :'head_fp', 'they are back, identical to the chain''s definitions');

-- downgrade -1: back to 20251216_drop_legacy_habits_relationships
SELECT results_eq($$SELECT revision, direction FROM lg_downgrade('-1')$$,
                  $$VALUES ('20251218_backend_updates_validation', 'down')$$, 'flask db downgrade: one step');
SELECT is((SELECT current FROM lg_status()), ARRAY['20251216_drop_legacy_habits_relationships'],
          'current: 20251216_drop_legacy_habits_relationships');
SELECT hasnt_index('finance_account', 'ix_finance_account_user_normalized_name', 'the validation''s own indexes are gone');
SELECT pg_temp.fingerprint() AS prev_fp \gset
SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 1, 'upgrade again');
SELECT is(pg_temp.fingerprint(), :'head_fp', 'upgrade gives the head schema again');
SELECT is((SELECT count(*)::int FROM lg_downgrade('-1')), 1, 'and downgrade -1 again');
SELECT is(pg_temp.fingerprint(), :'prev_fp', 'downgrade returns exactly to the previous revision''s schema');

-- Backfill: rows without a normalized name (NULL from before the
-- classification, '' from old code) get LOWER(TRIM(name)); others are kept
INSERT INTO finance_account (user_id, name, normalized_name) VALUES
  (2, '  Emergency Fund ', NULL), (2, 'CHECKING', ''), (2, 'Brokerage', 'brokerage (custom)');
SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 1, 'upgrade to head with names to backfill');
SELECT is((SELECT count(*)::int FROM finance_account WHERE normalized_name = '' OR normalized_name IS NULL), 0,
          'the backfill leaves no empty normalized_name');
SELECT results_eq($$SELECT normalized_name::text FROM finance_account WHERE user_id = 2 ORDER BY id$$,
                  $$VALUES ('emergency fund'), ('checking'), ('brokerage (custom)')$$,
                  'LOWER(TRIM(name)) where it was missing, the rest untouched');

-- Downgrading through 20251216 recreates the legacy tables with the rows
INSERT INTO habits_habit (user_id, name, cadence) VALUES (1, 'Meditate', 'daily');
INSERT INTO relationships_person (user_id, full_name, email) VALUES (1, 'Ada Lovelace', 'ada@example.com');
SELECT is((SELECT count(*)::int FROM lg_downgrade('20251210_finance_account_classification')), 2,
          'downgrade to 20251210_finance_account_classification: two steps');
SELECT results_eq($$SELECT (SELECT name::text FROM habits), (SELECT name::text FROM relationships)$$,
                  $$VALUES ('Meditate', 'Ada Lovelace')$$, 'legacy habits and relationships come back with their rows');
SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 2, 'and up to head again');

-- On an empty database the validation alone builds the chain's whole schema
SELECT is((SELECT count(*)::int FROM lg_downgrade('base')), 14, 'downgrade base: 14 steps');
SELECT lives_ok(:'validation_sql', 'the validation SQL runs on an empty schema');
SELECT is(pg_temp.fingerprint(), :'head_fp', 'and creates exactly the schema the 14 revisions create');

SELECT * FROM finish();
ROLLBACK;
