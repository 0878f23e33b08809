-- Life Graph at head: every extension, table, index (by name) and type the
-- guide lists, and the inserts and fuzzy search of its Testing sections.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(57);

-- Migration 001: extensions
SELECT has_extension('pgcrypto', 'pgcrypto is installed');
SELECT has_extension('pg_trgm', 'pg_trgm is installed');
SELECT has_extension('btree_gist', 'btree_gist is installed');

-- Expected tables (guide: "Verify all tables created")
SELECT has_table('parties', 'table parties');
SELECT has_table('roles', 'table roles');
SELECT has_table('commitments', 'table commitments');
SELECT has_table('documents', 'table documents');
SELECT has_table('signals', 'table signals');
SELECT has_table('document_links', 'table document_links');
SELECT has_table('interactions', 'table interactions');

-- Migration 002: enums and indexes
SELECT has_enum('commitment_type', 'enum commitment_type');
SELECT enum_has_labels('commitment_type',
  ARRAY['obligation', 'responsibility', 'goal', 'routine', 'appointment', 'compliance'],
  'commitment_type labels in order');
SELECT has_enum('commitment_state', 'enum commitment_state');
SELECT enum_has_labels('commitment_state',
  ARRAY['proposed', 'accepted', 'active', 'paused', 'fulfilled', 'canceled', 'delinquent'],
  'commitment_state labels in order');
SELECT has_index('parties', 'idx_parties_name_trgm', 'index idx_parties_name_trgm');
SELECT has_index('parties', 'idx_parties_kind', 'index idx_parties_kind');
SELECT has_index('parties', 'idx_parties_tax_id', 'index idx_parties_tax_id');
SELECT has_index('roles', 'idx_roles_user', 'index idx_roles_user');
SELECT has_index('roles', 'idx_roles_party', 'index idx_roles_party');
SELECT has_index('roles', 'idx_roles_domains', 'index idx_roles_domains');
SELECT has_index('commitments', 'idx_commitments_role', 'index idx_commitments_role');
SELECT has_index('commitments', 'idx_commitments_state_due', 'index idx_commitments_state_due');
SELECT has_index('commitments', 'idx_commitments_priority', 'index idx_commitments_priority');
SELECT has_index('commitments', 'idx_commitments_domains', 'index idx_commitments_domains');
SELECT has_index('commitments', 'idx_commitments_counterparty', 'index idx_commitments_counterparty');
SELECT index_is_type('parties', 'idx_parties_name_trgm', 'gin');
SELECT is((SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_parties_tax_id') ~ 'WHERE \(tax_id IS NOT NULL\)',
          true, 'idx_parties_tax_id is partial');

-- Migration 003: documents enhanced
SELECT columns_are('documents',
  ARRAY['id', 'filename', 'title', 'created_at', 'updated_at',
        'sha256', 'source', 'mime_type', 'file_size', 'storage_uri',
        'extraction_type', 'extraction_data', 'extraction_cost', 'extracted_at'],
  'documents has its own columns plus the nine of 003');
SELECT col_not_null('documents', 'source', 'documents.source is NOT NULL');
SELECT col_not_null('documents', 'storage_uri', 'documents.storage_uri is NOT NULL');
SELECT has_index('documents', 'idx_documents_sha256', 'index idx_documents_sha256');
SELECT index_is_unique('public', 'documents', 'idx_documents_sha256', 'idx_documents_sha256 is unique');
SELECT has_index('documents', 'idx_documents_source', 'index idx_documents_source');
SELECT has_index('documents', 'idx_documents_extraction_type', 'index idx_documents_extraction_type');
SELECT has_index('documents', 'idx_documents_created', 'index idx_documents_created');

-- Migration 004: signals, links, interactions
SELECT has_index('signals', 'idx_signals_status', 'index idx_signals_status');
SELECT has_index('signals', 'idx_signals_received', 'index idx_signals_received');
SELECT has_index('signals', 'idx_signals_dedupe', 'index idx_signals_dedupe');
SELECT has_index('document_links', 'idx_doclinks_entity', 'index idx_doclinks_entity');
SELECT has_index('document_links', 'idx_doclinks_document', 'index idx_doclinks_document');
SELECT col_is_pk('document_links', ARRAY['document_id', 'entity_type', 'entity_id'],
                 'document_links primary key (document_id, entity_type, entity_id)');
SELECT has_index('interactions', 'idx_interactions_entity', 'index idx_interactions_entity');
SELECT has_index('interactions', 'idx_interactions_type', 'index idx_interactions_type');
SELECT has_index('interactions', 'idx_interactions_created', 'index idx_interactions_created');
SELECT has_index('interactions', 'idx_interactions_actor', 'index idx_interactions_actor');

-- Testing (migration 002): party, role, commitment creation
SELECT is((SELECT count(*)::int FROM parties), 0, 'parties is empty after the migrations');
INSERT INTO parties (kind, name) VALUES ('org', 'Test Vendor') RETURNING id AS party_id \gset
SELECT isnt(:'party_id'::uuid, NULL, 'party created with a generated id');
INSERT INTO roles (party_id, user_id, role_name)
VALUES (:'party_id', '00000000-0000-0000-0000-000000000001', 'Vendor') RETURNING id AS role_id \gset
SELECT is((SELECT role_name::text FROM roles WHERE id = :'role_id'), 'Vendor', 'role created for the party');
INSERT INTO commitments (role_id, commitment_type, title, source)
VALUES (:'role_id', 'obligation', 'Pay Invoice #123', 'vision_extract') RETURNING id AS commitment_id \gset
SELECT results_eq(
  format('SELECT state::text, priority, commitment_type::text FROM commitments WHERE id = %L', :'commitment_id'),
  $$VALUES ('accepted', 50, 'obligation')$$,
  'commitment created with its defaults: state accepted, priority 50');
SELECT throws_ok(
  $$INSERT INTO commitments (role_id, commitment_type, title, source)
    VALUES ((SELECT id FROM roles LIMIT 1), 'goal', 'x', 'carrier pigeon')$$,
  '23514', NULL, 'commitments.source is checked');
-- Troubleshooting, issue 3: a role needs its party
SELECT throws_ok(
  $$INSERT INTO roles (party_id, user_id, role_name)
    VALUES ('00000000-0000-0000-0000-00000000dead', '00000000-0000-0000-0000-000000000001', 'Vendor')$$,
  '23503', NULL, 'roles.party_id must name an existing party');

-- Testing (migration 002): fuzzy search
INSERT INTO parties (kind, name) VALUES
  ('org', 'ACME Corp'), ('org', 'Acme Corporation'), ('org', 'ACME Corp.'),
  ('person', 'Wile E. Coyote'), ('org', 'Globex');
SELECT results_eq(
  $$SELECT name::text FROM (
      SELECT name, similarity(name, 'ACME Corp') AS score
      FROM parties
      WHERE name % 'ACME Corp'
      ORDER BY score DESC
      LIMIT 5) s ORDER BY score DESC, name$$,
  $$VALUES ('ACME Corp'), ('ACME Corp.'), ('Acme Corporation')$$,
  'fuzzy search finds the ACME spellings, best match first, and nothing else');
-- the trigram index serves the fuzzy search (Performance Considerations)
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE line text; result text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP result := result || line || E'\n'; END LOOP;
  RETURN result;
END $f$;
SET LOCAL enable_seqscan = off;
SELECT matches(pg_temp.plan_of($$SELECT name FROM parties WHERE name % 'ACME Corp'$$),
               'idx_parties_name_trgm', 'fuzzy search can use idx_parties_name_trgm');
SELECT matches(pg_temp.plan_of($$SELECT * FROM commitments WHERE state = 'active' AND priority >= 50
                                 ORDER BY priority DESC LIMIT 50$$),
               'idx_commitments_priority|idx_commitments_state_due', 'the focus query uses a commitments index');
RESET enable_seqscan;

-- lg: the database is at head, 004
SELECT is((SELECT at_head FROM lg_status()), true, 'lg_status: at head');
SELECT is((SELECT current FROM lg_status()), ARRAY['004'], 'lg_status: current is 004');
SELECT is((SELECT array_agg(revision ORDER BY revision) FROM lg_history() WHERE is_applied),
          ARRAY['000', '001', '002', '003', '004'], 'lg_history: 000 to 004 applied');

SELECT * FROM finish();
ROLLBACK;
