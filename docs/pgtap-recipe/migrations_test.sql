BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS lg;
SET client_min_messages = warning;
SELECT plan(5);
\i register.sql
SELECT is((SELECT current FROM lg_status()), '{}'::text[], 'nothing applied yet');
SELECT lives_ok($$SELECT * FROM lg_migrate('head')$$, 'every revision applies');
SELECT has_column('public', 'party', 'email', 'the migrations made the column');
SELECT lives_ok($$SELECT * FROM lg_downgrade('base')$$, 'every revision reverts');
SELECT hasnt_table('public', 'party', 'and nothing is left');
SELECT * FROM finish();
ROLLBACK;
