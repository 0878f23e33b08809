-- Properties of whole runs: re-running at head does nothing, a failure
-- leaves no trace, up/down/up gives the same schema, base leaves nothing.
BEGIN;

CREATE EXTENSION lg;
SET LOCAL client_min_messages = warning;
SELECT plan(17);

-- What a run could change: relations and columns of schema public, and lg's own rows.
CREATE FUNCTION pg_temp.schema_fingerprint() RETURNS text LANGUAGE sql AS $$
  SELECT coalesce(string_agg(c.relname || '.' || c.relkind::text || ':' || a.attname || ' ' ||
                             format_type(a.atttypid, a.atttypmod), ', '
                             ORDER BY c.relname, a.attnum), '')
    FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   WHERE c.relnamespace = 'public'::regnamespace
$$;
CREATE FUNCTION pg_temp.lg_fingerprint() RETURNS text LANGUAGE sql AS $$
  SELECT (SELECT coalesce(string_agg(revision, ',' ORDER BY revision), '') FROM lg.version)
         || '|' || (SELECT count(*) FROM lg.log)
$$;

SELECT lg_revision('r1', up => 'CREATE TABLE tap_a (id int PRIMARY KEY, name text)',
                   down => 'DROP TABLE tap_a');
SELECT lg_revision('r2', up => 'CREATE INDEX tap_a_name ON tap_a (name); INSERT INTO tap_a VALUES (1, ''x'')',
                   down => 'DELETE FROM tap_a; DROP INDEX tap_a_name', parents => '{r1}');
SELECT lg_revision('r3', up => 'ALTER TABLE tap_a ADD COLUMN born date', down => 'ALTER TABLE tap_a DROP COLUMN born',
                   parents => '{r2}');

SELECT pg_temp.schema_fingerprint() AS empty_schema \gset

SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 3, 'head applies the three revisions');
SELECT pg_temp.schema_fingerprint() AS head_schema \gset
SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 0, 're-running at head runs nothing');
SELECT is((SELECT count(*)::int FROM lg.log), 3, 're-running at head writes nothing to the journal');
SELECT is(pg_temp.schema_fingerprint(), :'head_schema', 're-running at head leaves the schema alone');

-- a failing revision: the error keeps its SQLSTATE, nothing of the run stays
SELECT lg_revision('r4', up => 'CREATE TABLE tap_b (id int); ALTER TABLE tap_a ADD COLUMN id int',
                   down => 'DROP TABLE tap_b', parents => '{r3}');
SELECT lg_revision('r5', up => 'CREATE TABLE tap_c (id int)', down => 'DROP TABLE tap_c', parents => '{r4}');
SELECT pg_temp.lg_fingerprint() AS lg_before \gset
SELECT throws_ok($$SELECT * FROM lg_migrate('head')$$, '42701', NULL,
                 'a failing statement fails the run with its own SQLSTATE');
SELECT is(pg_temp.schema_fingerprint(), :'head_schema', 'a failed run leaves the schema as it was');
SELECT is(pg_temp.lg_fingerprint(), :'lg_before', 'a failed run leaves rows and journal as they were');
SELECT hasnt_table('tap_b', 'the failing revision''s first statement was undone');

-- a failure in a later revision also undoes the earlier revisions of the run
SELECT lg_revision('r4', up => 'CREATE TABLE tap_b (id int)', down => 'DROP TABLE tap_b', parents => '{r3}');
SELECT lg_revision('r5', up => 'CREATE TABLE tap_c (id int); SELECT 1/0', down => 'DROP TABLE tap_c',
                   parents => '{r4}');
SELECT throws_ok($$SELECT * FROM lg_migrate('head')$$, '22012', NULL,
                 'division by zero in the second revision fails the run');
SELECT hasnt_table('tap_b', 'the first revision of the failed run was undone too');
SELECT is((SELECT current FROM lg_status()), ARRAY['r3'], 'rows still at r3');

-- up, down, up gives the same schema
SELECT lg_revision('r5', up => 'CREATE TABLE tap_c (id int)', down => 'DROP TABLE tap_c', parents => '{r4}');
SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 2, 'r4 and r5 apply');
SELECT pg_temp.schema_fingerprint() AS full_schema \gset
SELECT is((SELECT array_agg(revision ORDER BY revision) FROM lg_downgrade('r2')), ARRAY['r3', 'r4', 'r5'],
          'downgrade to r2 reverts r5, r4, r3');
SELECT is((SELECT count(*)::int FROM lg_migrate('head')), 3, 'and up again');
SELECT is(pg_temp.schema_fingerprint(), :'full_schema', 'up/down/up gives the same schema');

-- base leaves nothing behind
SELECT is((SELECT count(*)::int FROM lg_downgrade('base')), 5, 'base reverts all five');
SELECT is(pg_temp.schema_fingerprint(), :'empty_schema', 'base leaves no relation behind');
SELECT * FROM finish();
ROLLBACK;
