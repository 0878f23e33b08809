-- lg demo: a three-revision chain, up, status, history, down and up again.
\set ON_ERROR_STOP 1
\pset footer off
\echo '== CREATE EXTENSION lg'
CREATE EXTENSION lg;

\echo '== register three revisions (any order: parents may come later)'
SELECT lg_revision('002_core_tables',
  up => $$
    CREATE TABLE parties (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('person', 'org')),
      name text NOT NULL);
    CREATE INDEX idx_parties_name_trgm ON parties USING gin (name gin_trgm_ops);
  $$,
  down => $$DROP TABLE parties$$,
  parents => '{001_extensions}',
  message => 'core tables');
SELECT lg_revision('001_extensions',
  up => $$CREATE EXTENSION IF NOT EXISTS pg_trgm$$,
  down => $$DROP EXTENSION IF EXISTS pg_trgm$$,
  message => 'extensions');
SELECT lg_revision('003_seed_data',
  up => $$INSERT INTO parties (kind, name) VALUES ('org', 'ACME Corp'), ('person', 'Ada')$$,
  down => $$DELETE FROM parties WHERE name IN ('ACME Corp', 'Ada')$$,
  parents => '{002_core_tables}',
  message => 'seed data');

\echo '== lg_status() before migrating'
SELECT * FROM lg_status();

\echo '== lg_migrate(''head'')'
SELECT revision, direction, statements FROM lg_migrate('head');

\echo '== the schema works: fuzzy search on the new trigram index'
SELECT name, round(similarity(name, 'ACME Crop')::numeric, 2) AS score
  FROM parties WHERE name % 'ACME Crop';

\echo '== lg_status() and lg_history()'
SELECT * FROM lg_status();
SELECT * FROM lg_history();

\echo '== lg_downgrade(''-1''), then lg_current()'
SELECT revision, direction, statements FROM lg_downgrade('-1');
SELECT * FROM lg_current();

\echo '== lg_downgrade(''base''): everything reverted'
SELECT revision, direction, statements FROM lg_downgrade('base');
SELECT to_regclass('parties') AS parties_table;

\echo '== a failing target is refused and changes nothing'
\set ON_ERROR_STOP 0
SELECT * FROM lg_migrate('no_such_revision');
\set ON_ERROR_STOP 1

\echo '== re-apply: lg_migrate() goes back to head'
SELECT revision, direction, statements FROM lg_migrate();
SELECT current, pending, at_head FROM lg_status();

\echo '== the journal (lg.log)'
SELECT id, revision, direction, statements, outcome FROM lg.log ORDER BY id;
