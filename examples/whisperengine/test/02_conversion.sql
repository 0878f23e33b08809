-- The TEXT -> JSONB conversion a71d62f22c10 and its rollback, through lg,
-- inside this test's transaction: bad data stops it before anything changes,
-- the round trip keeps every row, and the guide's rollback targets work.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(28);

CREATE FUNCTION pg_temp.pref_type() RETURNS text LANGUAGE sql AS $f$
  SELECT format_type(atttypid, atttypmod) FROM pg_attribute
   WHERE attrelid = 'universal_users'::regclass AND attname = 'preferences'
$f$;
CREATE FUNCTION pg_temp.rows_text() RETURNS text LANGUAGE sql AS $f$
  SELECT string_agg(universal_id || '=' || coalesce(preferences::text, 'NULL'), ' | ' ORDER BY universal_id)
    FROM universal_users
$f$;
CREATE FUNCTION pg_temp.lg_state() RETURNS text LANGUAGE sql AS $f$
  SELECT (SELECT string_agg(revision, ',' ORDER BY revision) FROM lg.version) || '|' ||
         (SELECT count(*) FROM lg.log)
$f$;

-- Rollback Instructions: alembic downgrade a71d62f22c10 (only the no-op goes)
SELECT results_eq($$SELECT revision FROM lg_downgrade('a71d62f22c10')$$, $$VALUES ('27e207ded5a0')$$,
                  'downgrade a71d62f22c10 reverts the documentation-only 27e207ded5a0');
SELECT is(pg_temp.pref_type(), 'jsonb', 'preferences still jsonb at a71d62f22c10');

-- back below the conversion: preferences is text again
SELECT results_eq($$SELECT revision FROM lg_downgrade('-1')$$, $$VALUES ('a71d62f22c10')$$,
                  'downgrade -1 reverts the conversion');
SELECT is(pg_temp.pref_type(), 'text', 'preferences is text at b06ced8ecd14');
SELECT hasnt_index('universal_users', 'idx_universal_users_preferences_gin', 'GIN index dropped');
SELECT is((SELECT column_default FROM information_schema.columns
            WHERE table_name = 'universal_users' AND column_name = 'preferences'),
          '''{}''::text', 'the TEXT default is back');

-- production-like data in the TEXT column: valid JSON in several shapes, NULL, default
INSERT INTO universal_users (universal_id, preferences) VALUES
  ('u1', '{"preferred_name": {"value": "Mark", "confidence": 0.9}}'),
  ('u2', '{ "timezone" : "UTC",   "nested": [1, 2, {"x": null}] }'),
  ('u3', '[]'),
  ('u4', '"just a string"'),
  ('u5', NULL),
  ('u6', '{"unicode": "h\u00e9llo", "emoji": "🙂"}');
INSERT INTO universal_users (universal_id) VALUES ('u7');
SELECT pg_temp.rows_text() AS rows_before \gset

-- bad data: two rows are not JSON; the conversion refuses before changing anything
INSERT INTO universal_users (universal_id, preferences) VALUES ('bad1', 'not json'), ('bad2', '{"a": ');
SELECT pg_temp.lg_state() AS lg_before \gset
SELECT throws_ok($$SELECT * FROM lg_migrate('head')$$, '22P02',
                 '2 rows of universal_users.preferences are not valid JSON',
                 'the conversion fails on invalid JSON and says how many rows are bad');
SELECT throws_like($$SELECT * FROM lg_migrate('a71d62f22c10')$$, '% rows of universal_users.preferences are not valid JSON',
                   'the same when targeting the revision itself');
SELECT is(pg_temp.pref_type(), 'text', 'after the failure preferences is still text');
SELECT hasnt_index('universal_users', 'idx_universal_users_preferences_gin', 'after the failure there is no GIN index');
SELECT is(pg_temp.lg_state(), :'lg_before', 'after the failure the version rows and journal are unchanged');
SELECT is((SELECT count(*)::int FROM universal_users), 9, 'after the failure every row is still there');

-- the error names the first statement (the check), not a later ALTER
CREATE FUNCTION pg_temp.error_context(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE ctx text;
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS ctx = PG_EXCEPTION_CONTEXT;
  RETURN ctx;
END $f$;
SELECT matches(pg_temp.error_context($$SELECT * FROM lg_migrate('head')$$),
               'a71d62f22c10.*statement 1', 'the failure is in statement 1 of a71d62f22c10');

-- one bad row left: the count follows
UPDATE universal_users SET preferences = '{}' WHERE universal_id = 'bad1';
SELECT throws_ok($$SELECT * FROM lg_migrate('head')$$, '22P02',
                 '1 rows of universal_users.preferences are not valid JSON', 'the count is exact');
DELETE FROM universal_users WHERE universal_id IN ('bad1', 'bad2');

-- clean data: the conversion runs, every row keeps its value
SELECT results_eq($$SELECT revision FROM lg_migrate('head')$$,
                  $$VALUES ('a71d62f22c10'), ('27e207ded5a0')$$, 'with clean data head applies');
SELECT is(pg_temp.pref_type(), 'jsonb', 'preferences is jsonb');
SELECT is((SELECT count(*)::int FROM universal_users), 7, 'all 7 users intact');
SELECT is((SELECT count(*)::int FROM universal_users WHERE preferences IS NULL), 1, 'the NULL row stays NULL');
SELECT is((SELECT string_agg(universal_id || '=' || coalesce(preferences::text, 'NULL'), ' | ' ORDER BY universal_id)
             FROM universal_users),
          (SELECT string_agg(id || '=' || coalesce(p::jsonb::text, 'NULL'), ' | ' ORDER BY id)
             FROM (SELECT split_part(x, '=', 1) AS id, nullif(substr(x, strpos(x, '=') + 1), 'NULL') AS p
                     FROM unnest(string_to_array(:'rows_before', ' | ')) x) s),
          'every row has the JSON value it had as text');
SELECT pg_temp.rows_text() AS rows_jsonb \gset

-- round trip: downgrade back to text and up again keeps every row
SELECT results_eq($$SELECT revision FROM lg_downgrade('b06ced8ecd14')$$,
                  $$VALUES ('27e207ded5a0'), ('a71d62f22c10')$$, 'downgrade b06ced8ecd14 reverts both, newest first');
SELECT is(pg_temp.pref_type(), 'text', 'text again');
SELECT is(pg_temp.rows_text(), :'rows_jsonb', 'downgrade keeps every row (as JSONB''s canonical text)');
SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 2, 'up again');
SELECT is(pg_temp.rows_text(), :'rows_jsonb', 'and up again keeps every row');

-- alembic downgrade 336ce8830dfe: below the merge, two rows again
SELECT results_eq($$SELECT revision FROM lg_downgrade('336ce8830dfe')$$,
                  $$VALUES ('27e207ded5a0'), ('a71d62f22c10'), ('b06ced8ecd14')$$,
                  'downgrade 336ce8830dfe reverts the merge and everything above it');
SELECT is((SELECT array_agg(revision ORDER BY revision) FROM lg_current()),
          ARRAY['20251019_conv_summaries', '336ce8830dfe'], 'two heads applied again: two version rows');
SELECT is(pg_temp.rows_text(), :'rows_jsonb', 'users kept through the downgrade below the merge');
-- the merge collapses the two rows into one
SELECT results_eq($$SELECT revision FROM lg_migrate('b06ced8ecd14')$$, $$VALUES ('b06ced8ecd14')$$,
                  'upgrade b06ced8ecd14 applies only the merge');

SELECT * FROM finish();
ROLLBACK;
