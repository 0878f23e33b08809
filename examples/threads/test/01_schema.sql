-- Live Conversational Threads V2 at head: the seven tables, JSONB columns,
-- full-text search, constraints and indexes of revision 732e0cd9a870.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(41);

SELECT has_extension('uuid-ossp', 'uuid-ossp is installed');
SELECT tables_are('public',
  ARRAY['conversations', 'utterances', 'nodes', 'relationships', 'clusters', 'edits_log', 'api_calls_log'],
  'schema public holds exactly the seven tables');

-- JSONB columns
SELECT col_type_is('conversations', 'source_metadata', 'jsonb', 'conversations.source_metadata is jsonb');
SELECT col_type_is('conversations', 'participants', 'jsonb', 'conversations.participants is jsonb');
SELECT col_type_is('utterances', 'platform_metadata', 'jsonb', 'utterances.platform_metadata is jsonb');
SELECT col_type_is('nodes', 'speaker_info', 'jsonb', 'nodes.speaker_info is jsonb');
SELECT col_type_is('nodes', 'cluster_info', 'jsonb', 'nodes.cluster_info is jsonb');

-- Full-text search
SELECT col_type_is('conversations', 'tsv_search', 'tsvector', 'conversations.tsv_search is a tsvector');
SELECT has_index('conversations', 'ix_conversations_tsv_search', 'tsv_search has an index');
SELECT index_is_type('conversations', 'ix_conversations_tsv_search', 'gin');

-- Foreign keys, with CASCADE / SET NULL
SELECT fk_ok('utterances', 'conversation_id', 'conversations', 'id');
SELECT fk_ok('nodes', 'conversation_id', 'conversations', 'id');
SELECT fk_ok('nodes', 'parent_id', 'nodes', 'id');
SELECT fk_ok('relationships', 'from_node_id', 'nodes', 'id');
SELECT fk_ok('relationships', 'to_node_id', 'nodes', 'id');
SELECT fk_ok('clusters', 'parent_cluster_id', 'clusters', 'id');
SELECT fk_ok('edits_log', 'conversation_id', 'conversations', 'id');
SELECT fk_ok('api_calls_log', 'conversation_id', 'conversations', 'id');
SELECT is((SELECT count(*)::int FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace),
          26, 'the 26 check constraints are there');
SELECT col_is_unique('utterances', ARRAY['conversation_id', 'sequence_number'], 'utterance sequence is unique per conversation');

-- Index kinds the guide lists: partial, composite, JSONB expression, GIN on arrays
SELECT ok((SELECT indexdef ~ 'WHERE \(parent_id IS NOT NULL\)' FROM pg_indexes WHERE indexname = 'ix_nodes_parent'),
          'partial index ix_nodes_parent');
SELECT ok((SELECT indexdef ~ '\(source_type, started_at DESC\)' FROM pg_indexes
            WHERE indexname = 'ix_conversations_source_type_started'), 'composite index on conversations');
SELECT ok((SELECT indexdef ~ $r$source_metadata ->> 'meeting_id'$r$ FROM pg_indexes
            WHERE indexname = 'ix_conversations_meeting_id'), 'JSONB expression index on source_metadata');
SELECT index_is_type('nodes', 'ix_nodes_zoom_levels', 'gin');
SELECT index_is_type('clusters', 'ix_clusters_node_ids', 'gin');
SELECT cmp_ok((SELECT count(*)::int FROM pg_indexes WHERE schemaname = 'public'), '>=', 30,
              'at least 30 indexes (keys, uniques and the named ones)');

-- Data: a conversation with utterances, nodes and an edge
INSERT INTO conversations (title, description, source_type, source_metadata, participants)
VALUES ('Quarterly planning sync', 'Roadmap discussion about the graph canvas export',
        'google_meet', '{"meeting_id": "abc-defg-hij"}', '[{"id": "s1", "name": "Ana"}, {"id": "s2", "name": "Ben"}]')
RETURNING id AS conv \gset
SELECT isnt(:'conv'::uuid, NULL, 'conversation created with a uuid_generate_v4() id');
INSERT INTO utterances (conversation_id, sequence_number, speaker_id, text, start_time, end_time, confidence)
VALUES (:'conv', 0, 's1', 'Let us plan the roadmap.', 0, 2.5, 0.98),
       (:'conv', 1, 's2', 'The canvas export comes first.', 2.5, 5.0, 0.91);
INSERT INTO nodes (conversation_id, title, node_type) VALUES (:'conv', 'Roadmap', 'topic') RETURNING id AS n1 \gset
INSERT INTO nodes (conversation_id, title, node_type, parent_id, level)
VALUES (:'conv', 'Canvas export', 'decision', :'n1', 1) RETURNING id AS n2 \gset
INSERT INTO relationships (conversation_id, from_node_id, to_node_id, relationship_type, strength)
VALUES (:'conv', :'n1', :'n2', 'contextual', 0.8);

SELECT is((SELECT count(*)::int FROM conversations WHERE tsv_search @@ to_tsquery('english', 'roadmap & canvas')), 1,
          'full-text search finds the conversation by its description');
SELECT is((SELECT count(*)::int FROM conversations WHERE tsv_search @@ to_tsquery('english', 'quarterly')), 1,
          'and by its title');
SELECT is((SELECT count(*)::int FROM conversations WHERE participants @> '[{"name": "Ben"}]'), 1,
          'JSONB containment on participants');
SELECT is((SELECT count(*)::int FROM conversations WHERE source_metadata ->> 'meeting_id' = 'abc-defg-hij'), 1,
          'lookup by meeting_id');

SELECT throws_ok(format($$INSERT INTO utterances (conversation_id, sequence_number, speaker_id, text, confidence)
                          VALUES (%L, 2, 's1', 'x', 1.5)$$, :'conv'),
                 '23514', NULL, 'confidence above 1 is refused');
SELECT throws_ok(format($$INSERT INTO utterances (conversation_id, sequence_number, speaker_id, text, start_time, end_time)
                          VALUES (%L, 2, 's1', 'x', 10, 9)$$, :'conv'),
                 '23514', NULL, 'an utterance cannot end before it starts');
SELECT throws_ok(format($$INSERT INTO utterances (conversation_id, sequence_number, speaker_id, text)
                          VALUES (%L, 1, 's1', 'dup')$$, :'conv'),
                 '23505', NULL, 'sequence numbers are unique per conversation');
SELECT throws_ok($$INSERT INTO conversations (title, source_type) VALUES ('x', 'fax')$$,
                 '23514', NULL, 'unknown source_type is refused');
SELECT throws_ok(format($$INSERT INTO relationships (conversation_id, from_node_id, to_node_id, relationship_type)
                          VALUES (%L, %L, %L, 'temporal')$$, :'conv', :'n1', :'n1'),
                 '23514', NULL, 'a node cannot relate to itself');
SELECT throws_ok($$INSERT INTO api_calls_log (provider, model, status) VALUES ('openai', 'gpt', 'error')$$,
                 '23514', NULL, 'a failed API call needs an error message');
INSERT INTO api_calls_log (conversation_id, provider, model, prompt_tokens, completion_tokens, cost_usd, latency_ms)
VALUES (:'conv', 'anthropic', 'claude', 1200, 300, 0.0123, 850);
SELECT is((SELECT total_tokens FROM api_calls_log), 1500, 'total_tokens is prompt + completion');
INSERT INTO edits_log (conversation_id, target_type, target_id, edit_type, field_name, old_value, new_value)
VALUES (:'conv', 'node', :'n2', 'update', 'title', '"Canvas export"', '"Obsidian canvas export"');

-- deleting the conversation: CASCADE for its content, SET NULL for the logs
DELETE FROM conversations WHERE id = :'conv';
SELECT is((SELECT count(*)::int FROM utterances) + (SELECT count(*)::int FROM nodes)
          + (SELECT count(*)::int FROM relationships), 0, 'utterances, nodes, relationships cascade');
SELECT is((SELECT count(*)::int FROM api_calls_log WHERE conversation_id IS NULL), 1, 'api_calls_log keeps the call (SET NULL)');
SELECT is((SELECT count(*)::int FROM edits_log WHERE conversation_id IS NULL), 1, 'edits_log keeps the edit (SET NULL)');

SELECT * FROM finish();
ROLLBACK;
