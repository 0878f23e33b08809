-- WhisperEngine at head: the guide's verification results (migration status,
-- schema, index) and its JSONB query test.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(16);

-- Migration Status: alembic current -> 27e207ded5a0 (head)
SELECT results_eq($$SELECT revision, is_head FROM lg_current()$$,
                  $$VALUES ('27e207ded5a0', true)$$, 'current: 27e207ded5a0 (head)');
SELECT results_eq($$SELECT at_head, heads FROM lg_status()$$,
                  $$VALUES (true, ARRAY['27e207ded5a0'])$$, 'one head after the merge, and we are at it');
SELECT is((SELECT parents FROM lg_history() WHERE revision = 'b06ced8ecd14'),
          ARRAY['336ce8830dfe', '20251019_conv_summaries'], 'b06ced8ecd14 merges the two heads, in order');
SELECT is((SELECT count(*)::int FROM lg_history() WHERE is_applied), 5, 'all five revisions applied');

-- Schema Verification
SELECT is((SELECT column_name || ' | ' || data_type || ' | ' || column_default
             FROM information_schema.columns
            WHERE table_name = 'universal_users' AND column_name = 'preferences'),
          'preferences | jsonb | ''{}''::jsonb', 'preferences is jsonb with default ''{}''::jsonb');
-- Index Verification
SELECT is((SELECT string_agg(indexname, ',') FROM pg_indexes
            WHERE tablename = 'universal_users' AND indexname LIKE '%preferences%'),
          'idx_universal_users_preferences_gin', 'the preferences GIN index exists');
SELECT index_is_type('universal_users', 'idx_universal_users_preferences_gin', 'gin');
SELECT has_table('conversation_summaries', 'conversation_summaries (from the other head)');
SELECT has_table('character_learning_moments', 'character_learning_moments (336ce8830dfe)');
-- 27e207ded5a0 is documentation only: it creates nothing
SELECT hasnt_table('fact_entities', '27e207ded5a0 created no fact_entities table (no-op)');
SELECT is((SELECT statements FROM lg.log WHERE revision = '27e207ded5a0' AND direction = 'up'
            ORDER BY id DESC LIMIT 1), 0, '27e207ded5a0 ran no statement');

-- Testing: JSONB querying works
INSERT INTO universal_users (universal_id, preferences) VALUES
  ('discord_1', '{"preferred_name": {"value": "Mark", "confidence": 0.9}}'),
  ('discord_2', '{"preferred_name": {"value": "Jo", "confidence": 0.75}, "timezone": "UTC"}'),
  ('discord_3', '{"timezone": "CET"}');
INSERT INTO universal_users (universal_id) VALUES ('discord_4');
SELECT results_eq(
  $$SELECT universal_id::text,
           preferences->'preferred_name'->>'value' AS pref_name,
           (preferences->'preferred_name'->>'confidence')::float AS confidence
      FROM universal_users
     WHERE preferences ? 'preferred_name'
     ORDER BY universal_id
     LIMIT 3$$,
  $$VALUES ('discord_1', 'Mark', 0.9::float), ('discord_2', 'Jo', 0.75::float)$$,
  'the ? operator and ->/->> work natively');
SELECT is((SELECT preferences FROM universal_users WHERE universal_id = 'discord_4'), '{}'::jsonb,
          'a new user gets the {} default');
SELECT throws_ok($$INSERT INTO universal_users (universal_id, preferences) VALUES ('bad', '{oops')$$,
                 '22P02', NULL, 'JSONB validates JSON syntax at insert time');
SELECT is((SELECT count(*)::int FROM universal_users WHERE preferences @> '{"timezone": "UTC"}'), 1,
          'containment query works');
-- Update pattern after migration: native jsonb ||, no cast
UPDATE universal_users SET preferences = preferences || '{"timezone": "PST"}'::jsonb WHERE universal_id = 'discord_1';
SELECT is((SELECT preferences->>'timezone' FROM universal_users WHERE universal_id = 'discord_1'), 'PST',
          'native jsonb update works');

SELECT * FROM finish();
ROLLBACK;
