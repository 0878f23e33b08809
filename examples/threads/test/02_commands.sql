-- The guide's Alembic command set, through lg, inside this test's
-- transaction (rolled back at the end):
--   alembic current / history          -> lg_current(), lg_history(), lg_status()
--   alembic downgrade -1 / upgrade +1  -> lg_downgrade('-1'), lg_migrate('+1')
--   alembic downgrade base             -> lg_downgrade('base')
--   alembic upgrade <revision_id>      -> lg_migrate('<id>') (a unique prefix works too)
--   alembic downgrade <revision_id>    -> lg_downgrade('<id>')
--   alembic upgrade head               -> lg_migrate('head')
--   alembic upgrade head --sql         -> lg_sql('head') (when this lg has it)
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(31);

CREATE FUNCTION pg_temp.tables() RETURNS bigint LANGUAGE sql AS $f$
  SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN
    ('conversations', 'utterances', 'nodes', 'relationships', 'clusters', 'edits_log', 'api_calls_log')
$f$;

-- alembic current
SELECT results_eq($$SELECT revision, is_head FROM lg_current()$$,
                  $$VALUES ('732e0cd9a870', true)$$, 'current: 732e0cd9a870 (head)');
-- alembic history
SELECT results_eq($$SELECT revision, parents, is_head, is_applied, is_current FROM lg_history()$$,
                  $$VALUES ('732e0cd9a870', ARRAY['lct_0000_uuid_ossp'], true, true, true),
                           ('lct_0000_uuid_ossp', '{}'::text[], false, true, false)$$,
                  'history: newest first, with parents and flags');
SELECT is((SELECT message FROM lg_history() WHERE revision = '732e0cd9a870'),
          'initial schema: conversations, utterances, nodes, relationships, clusters, edits_log, api_calls_log',
          'history shows the message');

-- alembic upgrade head at head: nothing to do
SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 0, 'upgrade head at head runs nothing');
SELECT throws_ok($$SELECT * FROM lg_migrate('+1')$$, '22023', NULL, 'upgrade +1 at head is refused (nothing above)');

-- Test rollback: alembic downgrade -1; alembic upgrade +1
SELECT results_eq($$SELECT revision, direction FROM lg_downgrade('-1')$$,
                  $$VALUES ('732e0cd9a870', 'down')$$, 'downgrade -1 reverts 732e0cd9a870');
SELECT is(pg_temp.tables(), 0::bigint, 'the seven tables are gone');
SELECT has_extension('uuid-ossp', 'uuid-ossp stays (lct_0000_uuid_ossp still applied)');
SELECT is((SELECT current FROM lg_status()), ARRAY['lct_0000_uuid_ossp'], 'current: lct_0000_uuid_ossp');
SELECT results_eq($$SELECT revision, direction FROM lg_migrate('+1')$$,
                  $$VALUES ('732e0cd9a870', 'up')$$, 'upgrade +1 re-applies 732e0cd9a870');
SELECT is(pg_temp.tables(), 7::bigint, 'the seven tables are back');

-- alembic downgrade base
SELECT results_eq($$SELECT revision FROM lg_downgrade('base')$$,
                  $$VALUES ('732e0cd9a870'), ('lct_0000_uuid_ossp')$$, 'downgrade base: newest first');
SELECT is(pg_temp.tables(), 0::bigint, 'no table at base');
SELECT hasnt_extension('uuid-ossp', 'no uuid-ossp at base');
SELECT is((SELECT current FROM lg_status()), '{}'::text[], 'current: none');
SELECT throws_ok($$SELECT * FROM lg_downgrade('-1')$$, '22023', NULL, 'downgrade -1 at base is refused');

-- alembic upgrade head --sql: the script, nothing applied
SELECT to_regprocedure('lg_sql(text,text)') IS NOT NULL AS lg_has_sql \gset
\if :lg_has_sql
SELECT matches(lg_sql('head'), 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp".*CREATE TABLE conversations',
               'upgrade head --sql: the script holds both revisions in order');
SELECT is(pg_temp.tables(), 0::bigint, '--sql applied nothing');
\else
SELECT skip('lg_sql() not in this version of lg', 2);
\endif

-- alembic upgrade <revision_id>
SELECT results_eq($$SELECT revision FROM lg_migrate('lct_0000_uuid_ossp')$$,
                  $$VALUES ('lct_0000_uuid_ossp')$$, 'upgrade lct_0000_uuid_ossp applies only the base');
SELECT has_extension('uuid-ossp', 'uuid-ossp installed');
SELECT is(pg_temp.tables(), 0::bigint, 'no table yet');
SELECT results_eq($$SELECT revision FROM lg_migrate('732e')$$,
                  $$VALUES ('732e0cd9a870')$$, 'upgrade 732e (a unique prefix, as Alembic allows)');
SELECT is(pg_temp.tables(), 7::bigint, 'the seven tables exist');

-- alembic downgrade <revision_id>
SELECT results_eq($$SELECT revision FROM lg_downgrade('lct_0000_uuid_ossp')$$,
                  $$VALUES ('732e0cd9a870')$$, 'downgrade lct_0000_uuid_ossp reverts 732e0cd9a870');
SELECT is((SELECT count(*)::int FROM lg_downgrade('lct_0000_uuid_ossp')), 0,
          'downgrade to the current revision does nothing');
SELECT throws_ok($$SELECT * FROM lg_downgrade('732e0cd9a870')$$, '22023', NULL,
                 'downgrade to a revision that is not applied is refused');
SELECT throws_ok($$SELECT * FROM lg_migrate('deadbeef0000')$$, '42704', NULL, 'an unknown revision is refused');

-- alembic upgrade head
SELECT results_eq($$SELECT revision FROM lg_migrate('head')$$, $$VALUES ('732e0cd9a870')$$, 'upgrade head');
SELECT results_eq($$SELECT at_head, pending, revisions, applied FROM lg_status()$$,
                  $$VALUES (true, 0, 2, 2)$$, 'status: at head, nothing pending');
-- the journal saw every step of this test (it is append-only)
SELECT cmp_ok((SELECT count(*)::int FROM lg.log WHERE revision = '732e0cd9a870'), '>=', 6,
              'lg.log recorded the steps of 732e0cd9a870');
SELECT is((SELECT direction FROM lg.log ORDER BY id DESC LIMIT 1), 'up', 'the last journal line is the upgrade');

SELECT * FROM finish();
ROLLBACK;
