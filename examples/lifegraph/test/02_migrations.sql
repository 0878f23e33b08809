-- Life Graph's migration workflow through lg, inside this test's transaction
-- (everything is rolled back at the end): downgrade -1, to a revision, to
-- base; upgrade to 002; the up/down/up cycle; an unknown revision; and the
-- guide's health check (extensions, tables, indexes, migration status head).
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(41);

-- Everything a migration could leave behind in schema public: relations with
-- their columns and kinds, index definitions, types; extension members
-- (pgTAP, pg_trgm, ...) are not counted.
CREATE FUNCTION pg_temp.fingerprint() RETURNS text LANGUAGE sql AS $f$
  SELECT coalesce((SELECT string_agg(c.relname || '/' || c.relkind::text || ':' ||
                           coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                                                       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, ',' ORDER BY a.attnum)
                                       FROM pg_attribute a
                                      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') ||
                           coalesce(' ' || pg_get_indexdef(c.oid), ''), E'\n' ORDER BY c.relname)
                     FROM pg_class c
                    WHERE c.relnamespace = 'public'::regnamespace
                      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                       WHERE ((d.classid = 'pg_class'::regclass AND d.objid = c.oid)
                                           OR (d.classid = 'pg_type'::regclass AND d.objid = c.reltype))
                                         AND d.deptype = 'e')), '')
      || E'\n--\n' ||
      coalesce((SELECT string_agg(t.typname, ',' ORDER BY t.typname)
                  FROM pg_type t
                 WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r')
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                                      AND d.objid = t.oid AND d.deptype = 'e')), '')
$f$;
CREATE FUNCTION pg_temp.lg_extensions() RETURNS bigint LANGUAGE sql AS $f$
  SELECT count(*) FROM pg_extension WHERE extname IN ('pgcrypto', 'pg_trgm', 'btree_gist')
$f$;
SELECT pg_temp.fingerprint() AS head_fp \gset

-- alembic downgrade -1 (from head: 004 goes)
SELECT results_eq($$SELECT revision, direction FROM lg_downgrade('-1')$$,
                  $$VALUES ('004', 'down')$$, 'downgrade -1 reverts 004 only');
SELECT hasnt_table('signals', 'signals dropped');
SELECT hasnt_table('document_links', 'document_links dropped');
SELECT hasnt_table('interactions', 'interactions dropped');
SELECT is((SELECT current FROM lg_status()), ARRAY['003'], 'current is 003');

-- alembic downgrade 002 (reverts 003: documents back to its own columns)
SELECT results_eq($$SELECT revision FROM lg_downgrade('002')$$, $$VALUES ('003')$$,
                  'downgrade 002 reverts 003');
SELECT hasnt_column('documents', 'sha256', 'documents.sha256 dropped');
SELECT hasnt_index('documents', 'idx_documents_source', 'idx_documents_source dropped');

-- alembic downgrade 001 (reverts 002: tables and types)
SELECT results_eq($$SELECT revision FROM lg_downgrade('001')$$, $$VALUES ('002')$$,
                  'downgrade 001 reverts 002');
SELECT hasnt_table('parties', 'parties dropped');
SELECT hasnt_type('commitment_type', 'commitment_type dropped');
SELECT is(pg_temp.lg_extensions(), 3::bigint, 'the extensions of 001 are still there');

-- alembic downgrade -1 from 001: the extensions go (guide: verify with \dx)
SELECT results_eq($$SELECT revision FROM lg_downgrade('-1')$$, $$VALUES ('001')$$,
                  'downgrade -1 from 001 reverts 001');
SELECT is(pg_temp.lg_extensions(), 0::bigint, 'pgcrypto, pg_trgm and btree_gist are gone');

-- alembic downgrade base
SELECT results_eq($$SELECT revision FROM lg_downgrade('base')$$, $$VALUES ('000')$$,
                  'downgrade base reverts what is left: 000');
SELECT is(pg_temp.fingerprint(), E'\n--\n', 'at base no relation or type is left in public');
SELECT is((SELECT current FROM lg_status()), '{}'::text[], 'alembic current: empty');
SELECT is((SELECT count(*)::int FROM lg_current()), 0, 'lg_current: no row');

-- alembic upgrade 002
SELECT results_eq($$SELECT revision, direction FROM lg_migrate('002')$$,
                  $$VALUES ('000', 'up'), ('001', 'up'), ('002', 'up')$$,
                  'upgrade 002 applies 000, 001, 002 in order');
SELECT has_table('parties', 'parties exists at 002');
SELECT hasnt_table('signals', 'signals does not exist yet at 002');
SELECT hasnt_column('documents', 'sha256', 'documents not enhanced yet at 002');
SELECT is((SELECT current FROM lg_status()), ARRAY['002'], 'current is 002');
SELECT results_eq($$SELECT revision FROM lg_migrate('head')$$, $$VALUES ('003'), ('004')$$,
                  'upgrade head applies the remaining 003, 004');
SELECT is(pg_temp.fingerprint(), :'head_fp', 'the schema is the same as before the downgrades');

-- Testing Migrations: upgrade head, downgrade base, upgrade head
INSERT INTO parties (kind, name) VALUES ('org', 'ACME Corp');
SELECT is((SELECT count(*)::int FROM lg_downgrade('base')), 5, 'downgrade base: five steps');
SELECT is(pg_temp.fingerprint(), E'\n--\n', 'base again leaves nothing');
SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 5, 'upgrade head: five steps');
SELECT is(pg_temp.fingerprint(), :'head_fp', 'up/down/up gives the same schema');
SELECT is((SELECT count(*)::int FROM parties), 0, 'data does not persist through base (parties is empty)');
SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 0, 'upgrade head again runs nothing');

-- Troubleshooting, issue 4: an unknown revision is refused, nothing changes
SELECT throws_ok($$SELECT * FROM lg_migrate('abc123')$$, '42704', NULL,
                 'unknown revision abc123 is refused (42704)');

-- Troubleshooting, issue 2: "relation parties already exists" when the
-- schema is there but the version rows are not; alembic stamp head marks it
-- applied without running anything (lg_stamp, in lg versions that have it)
SELECT to_regprocedure('lg_stamp(text,boolean)') IS NOT NULL AS has_stamp \gset
\if :has_stamp
SELECT is(lg_stamp('base'), '{}'::text[], 'stamp base: no version row, schema untouched');
SELECT throws_ok($$SELECT * FROM lg_migrate('head')$$, '42P07', NULL,
                 'upgrade head over the existing schema: relation already exists');
SELECT is(lg_stamp('head'), ARRAY['004'], 'stamp head marks it applied without running SQL');
SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 0, 'and upgrade head has nothing to do');
\else
SELECT skip('lg_stamp() not in this version of lg', 4);
\endif

-- Health check script, with lg
SELECT is(pg_temp.lg_extensions(), 3::bigint, 'health: PostgreSQL extensions installed');
SELECT is((SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tablename IN
             ('parties', 'roles', 'commitments', 'documents', 'signals', 'document_links', 'interactions')),
          7, 'health: all tables exist');
SELECT is((SELECT count(*)::int FROM pg_indexes WHERE schemaname = 'public' AND indexname IN
             ('idx_parties_name_trgm', 'idx_parties_kind', 'idx_parties_tax_id',
              'idx_roles_user', 'idx_roles_party', 'idx_roles_domains',
              'idx_commitments_role', 'idx_commitments_state_due', 'idx_commitments_priority',
              'idx_commitments_domains', 'idx_commitments_counterparty',
              'idx_documents_sha256', 'idx_documents_source', 'idx_documents_extraction_type',
              'idx_documents_created',
              'idx_signals_status', 'idx_signals_received', 'idx_signals_dedupe',
              'idx_doclinks_entity', 'idx_doclinks_document',
              'idx_interactions_entity', 'idx_interactions_type', 'idx_interactions_created',
              'idx_interactions_actor')),
          24, 'health: all indexes created');
SELECT results_eq($$SELECT at_head, pending, current FROM lg_status()$$,
                  $$VALUES (true, 0, ARRAY['004'])$$, 'health: migration status head, nothing pending');
SELECT results_eq($$SELECT revision, ok FROM lg_verify()$$,
                  $$VALUES ('001'::text, true), ('002', true), ('003', true), ('004', true)$$,
                  'health: every revision''s verify SQL passes (lg_verify)');

SELECT * FROM finish();
ROLLBACK;
