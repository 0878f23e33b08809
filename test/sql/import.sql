-- lg_import(layout, files, options): every revision of another tool's
-- migration folder, registered through lg_revision's code path in one
-- statement (README "Moving to lg").
CREATE EXTENSION lg;
SET client_min_messages = notice;
CREATE SCHEMA app;
SET search_path = app, public;

-- dbmate: sections, numeric version order, the name in the message; files
-- the layout does not read are named in a NOTICE
SELECT * FROM lg_import('dbmate', jsonb_build_object(
  '20200102000000_add_x.sql', E'-- migrate:up\nALTER TABLE app.t ADD x int;\n-- migrate:down\nALTER TABLE app.t DROP x;\n',
  '20200101000000_create_t.sql', E'-- migrate:up\nCREATE TABLE app.t (id int);\n\n-- migrate:down\nDROP TABLE app.t;\n',
  'schema.txt', 'not read'));
SELECT id, parents, message FROM lg.revision ORDER BY ord;
SELECT revision, up_sql, down_sql FROM lg.script ORDER BY revision;

-- the same folder again: a no-op (no row written, nothing returned)
SELECT generation AS gen FROM lg.registry_state \gset
SELECT * FROM lg_import('dbmate', jsonb_build_object(
  '20200102000000_add_x.sql', E'-- migrate:up\nALTER TABLE app.t ADD x int;\n-- migrate:down\nALTER TABLE app.t DROP x;\n',
  '20200101000000_create_t.sql', E'-- migrate:up\nCREATE TABLE app.t (id int);\n\n-- migrate:down\nDROP TABLE app.t;\n'));
SELECT generation = :gen AS unchanged FROM lg.registry_state;

-- applied, then a new file: only the new one is registered
SET client_min_messages = warning;
SELECT revision FROM lg_migrate('head');
RESET client_min_messages;
SELECT * FROM lg_import('dbmate', jsonb_build_object(
  '20200102000000_add_x.sql', E'-- migrate:up\nALTER TABLE app.t ADD x int;\n-- migrate:down\nALTER TABLE app.t DROP x;\n',
  '20200101000000_create_t.sql', E'-- migrate:up\nCREATE TABLE app.t (id int);\n\n-- migrate:down\nDROP TABLE app.t;\n',
  '20200103000000_add_y.sql', E'-- migrate:up\nALTER TABLE app.t ADD y int;\n'));

-- a changed file of an applied revision is drift: lg_revision's error,
-- with the file named, and nothing of the import is registered
SELECT * FROM lg_import('dbmate', jsonb_build_object(
  '20200102000000_add_x.sql', E'-- migrate:up\nALTER TABLE app.t ADD x bigint;\n-- migrate:down\nALTER TABLE app.t DROP x;\n',
  '20200101000000_create_t.sql', E'-- migrate:up\nCREATE TABLE app.t (id int);\n\n-- migrate:down\nDROP TABLE app.t;\n',
  '20200103000000_add_y.sql', E'-- migrate:up\nALTER TABLE app.t ADD y int;\n',
  '20200104000000_add_z.sql', E'-- migrate:up\nALTER TABLE app.t ADD z int;\n'));
SELECT count(*) AS revisions FROM lg.revision;

-- a comment or layout change is not drift (same tokens): lg_revision
-- takes the new text, as it does when called itself
SELECT * FROM lg_import('dbmate', jsonb_build_object(
  '20200102000000_add_x.sql', E'-- migrate:up\n-- reviewed\nalter table app.t add x int;\n-- migrate:down\nALTER TABLE app.t DROP x;\n',
  '20200101000000_create_t.sql', E'-- migrate:up\nCREATE TABLE app.t (id int);\n\n-- migrate:down\nDROP TABLE app.t;\n',
  '20200103000000_add_y.sql', E'-- migrate:up\nALTER TABLE app.t ADD y int;\n'));

-- dbmate's transaction:false: a non-transactional revision (CALL lg_apply runs it)
SELECT * FROM lg_import('dbmate', jsonb_build_object(
  '20200105000000_idx.sql', E'-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY t_id ON app.t (id);\n'));
SELECT transactional FROM lg.revision WHERE id = '20200105000000';

-- golang-migrate: numeric versions (10 after 9), up and down files
SELECT * FROM lg_import('golang-migrate', jsonb_build_object(
  '10_ten.up.sql', 'CREATE TABLE app.g10 ()', '10_ten.down.sql', 'DROP TABLE app.g10',
  '9_nine.up.sql', 'CREATE TABLE app.g9 ()',
  '1_one.up.sql', 'CREATE TABLE app.g1 ()'));

-- flyway: version order 1.2.9 < 1.2.10, undo files, repeatables refused
-- unless appended
SELECT * FROM lg_import('flyway', jsonb_build_object(
  'V1.2.10__ten.sql', 'SELECT 10', 'V1.2.9__nine.sql', 'SELECT 9', 'U1.2.9__nine.sql', 'SELECT -9',
  'R__views.sql', 'SELECT 0'));
SELECT * FROM lg_import('flyway', jsonb_build_object(
  'V1.2.10__ten.sql', 'SELECT 10', 'V1.2.9__nine.sql', 'SELECT 9', 'U1.2.9__nine.sql', 'SELECT -9',
  'R__views.sql', 'SELECT 0'), '{"repeatables": "append"}');
SELECT r.id, r.parents, r.message, s.down_sql FROM lg.revision r JOIN lg.script s ON s.revision = r.id
 WHERE r.id IN ('1.2.9', '1.2.10', 'R__views') ORDER BY r.ord;

-- diesel: directories, the version without its dashes
SELECT * FROM lg_import('diesel', jsonb_build_object(
  'migrations/2023-01-01-000000_create_d/up.sql', 'CREATE TABLE app.d ()',
  'migrations/2023-01-01-000000_create_d/down.sql', 'DROP TABLE app.d',
  'migrations/2023-01-02-000000_add_e/up.sql', 'ALTER TABLE app.d ADD e int'));
-- diesel's run_in_transaction = false: a non-transactional revision
SELECT * FROM lg_import('diesel', jsonb_build_object(
  'migrations/2023-01-03-000000_idx/up.sql', 'CREATE INDEX CONCURRENTLY d_e ON app.d (e)',
  'migrations/2023-01-03-000000_idx/metadata.toml', 'run_in_transaction = false'));
SELECT id, transactional FROM lg.revision WHERE id LIKE '2023010%' ORDER BY ord;

-- supabase: forward only
SELECT * FROM lg_import('supabase', jsonb_build_object(
  'supabase/migrations/20240101120000_init.sql', 'CREATE TABLE app.s ()',
  'supabase/migrations/20240102120000_more.sql', 'ALTER TABLE app.s ADD v int',
  'supabase/config.toml', 'project_id = "x"'));

-- sqitch: plan order, dependencies, tags, BEGIN/COMMIT around scripts left out
SELECT * FROM lg_import('sqitch', jsonb_build_object(
  'sqitch.plan', E'%syntax-version=1.0.0\n%project=flipr\n\n'
                 'appschema 2013-12-30T23:19:42Z Marge <marge@example.com> # Add schema.\n'
                 'users [appschema] 2013-12-30T23:49:00Z Marge <marge@example.com> # Users.\n'
                 '@v1.0.0-dev1 2013-12-31T00:00:00Z Marge <marge@example.com> # Tag.\n'
                 'flips [appschema users] 2014-01-01T00:00:00Z Marge <marge@example.com> # Flips.\n',
  'deploy/appschema.sql', E'-- Deploy flipr:appschema\nBEGIN;\nCREATE SCHEMA flipr;\nCOMMIT;\n',
  'revert/appschema.sql', E'BEGIN;\nDROP SCHEMA flipr;\nCOMMIT;\n',
  'verify/appschema.sql', E'BEGIN;\nSELECT pg_catalog.has_schema_privilege(''flipr'', ''usage'');\nROLLBACK;\n',
  'deploy/users.sql', E'BEGIN;\nCREATE TABLE flipr.users (name text);\nCOMMIT;\n',
  'deploy/flips.sql', E'BEGIN;\nCREATE TABLE flipr.flips (id int);\nCOMMIT;\n'));
SELECT r.id, r.parents, r.depends_on, r.message, s.up_sql, s.verify_sql
  FROM lg.revision r JOIN lg.script s ON s.revision = r.id
 WHERE r.id IN ('appschema', 'users', 'flips') ORDER BY r.ord;

-- dag: parents as block and flow lists; derived ids keep parents pointing
-- at their revisions
SELECT * FROM lg_import('dag', jsonb_build_object(
  'base one/metadata.yaml', E'parents: []\nmessage: the base\n',
  'base one/up.sql', 'CREATE TABLE app.dag1 ()',
  'left/metadata.yaml', E'parents:\n  - base one\n',
  'left/up.sql', 'CREATE TABLE app.dag2 ()',
  'right/metadata.yaml', E'parents: ["base one"]\n',
  'right/up.sql', 'CREATE TABLE app.dag3 ()',
  'merge/metadata.yaml', E'parents: [left, right]  # a merge\nmessage: ''join'' \n',
  'merge/up.sql', ''));
SELECT id, parents, message FROM lg.revision WHERE message LIKE '%metadata.yaml%' ORDER BY ord;

-- dag registration order (lg.revision.ord, the tie-break of plans):
-- parents first, then version order of the directory names (vo9 before
-- vo10, digits as numbers), whatever the order of the object's keys
BEGIN;
SELECT revision, parents FROM lg_import('dag', jsonb_build_object(
  'vo10_b/metadata.yaml', 'parents: [vo1_base]', 'vo10_b/up.sql', '',
  'vo2_c/metadata.yaml', 'parents: [vo10_b]', 'vo2_c/up.sql', '',
  'vo9_a/metadata.yaml', 'parents: [vo1_base]', 'vo9_a/up.sql', '',
  'vo3_other_base/metadata.yaml', 'parents: []', 'vo3_other_base/up.sql', '',
  'vo1_base/metadata.yaml', 'parents: []', 'vo1_base/up.sql', ''));
SELECT string_agg(id, ',' ORDER BY ord) FROM lg.revision WHERE id LIKE 'vo%';
ROLLBACK;

-- alembic-sql: see test/shell/lg_import.sh for the real alembic output;
-- here a hand-written one with a merge, its down SQL and a partial range
SELECT * FROM lg_import('alembic-sql', jsonb_build_object(
  'up.sql', E'BEGIN;\n\nCREATE TABLE alembic_version (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n);\n\n'
            '-- Running upgrade  -> a1\n\nCREATE TABLE app.a1 (id int);\n\n'
            'INSERT INTO alembic_version (version_num) VALUES (''a1'') RETURNING alembic_version.version_num;\n\n'
            '-- Running upgrade a1 -> b2, add b\n\nCREATE TABLE app.b2 ();\n\n'
            'UPDATE alembic_version SET version_num=''b2'' WHERE alembic_version.version_num = ''a1'';\n\nCOMMIT;\n',
  'down.sql', E'BEGIN;\n\n-- Running downgrade b2 -> a1\n\nDROP TABLE app.b2;\n\n'
              'UPDATE alembic_version SET version_num=''a1'' WHERE alembic_version.version_num = ''b2'';\n\n'
              '-- Running downgrade a1 -> \n\nDROP TABLE app.a1;\n\n'
              'DELETE FROM alembic_version WHERE alembic_version.version_num = ''a1'';\n\nDROP TABLE alembic_version;\n\nCOMMIT;\n'));
SELECT r.id, r.parents, r.message, s.up_sql, s.down_sql FROM lg.revision r JOIN lg.script s ON s.revision = r.id
 WHERE r.id IN ('a1', 'b2') ORDER BY r.ord;
-- the next range (alembic upgrade b2:head --sql) starts at a registered parent
SELECT * FROM lg_import('alembic-sql', jsonb_build_object(
  'next.sql', E'BEGIN;\n\n-- Running upgrade b2 -> c3\n\nCREATE TABLE app.c3 ();\n\n'
              'UPDATE alembic_version SET version_num=''c3'' WHERE alembic_version.version_num = ''b2'';\n\nCOMMIT;\n'));

-- errors name the file
SELECT * FROM lg_import('rails', '{}');
SELECT * FROM lg_import(NULL, '{}');
SELECT * FROM lg_import('dbmate', NULL);
SELECT * FROM lg_import('dbmate', '[]');
SELECT * FROM lg_import('dbmate', '{"1_a.sql": 5}');
SELECT * FROM lg_import('dbmate', '{"1_a.sql": null}');
SELECT * FROM lg_import('dbmate', '{"1_a.sql": "-- migrate:up\n"}', '{"verify": false}');
SELECT * FROM lg_import('dbmate', '{"1_a.sql": "-- migrate:up\n"}', '{"x": [1]}');
SELECT * FROM lg_import('dbmate', '{"create.sql": "-- migrate:up\n"}');
SELECT * FROM lg_import('dbmate', '{"1_a.sql": "CREATE TABLE a ()"}');
SELECT * FROM lg_import('golang-migrate', '{"1_a.up.sql": "", "01_b.up.sql": ""}');
SELECT * FROM lg_import('golang-migrate', '{"1_a.up.sql": "", "2_b.down.sql": ""}');
SELECT * FROM lg_import('flyway', '{"V1__a.sql": "", "V1.0__b.sql": ""}');
SELECT * FROM lg_import('sqitch', '{"sqitch.plan": "a 2013 M <m> # x\n"}');
SELECT * FROM lg_import('dag', '{"x/metadata.yaml": "parents: [nowhere]", "x/up.sql": ""}');
SELECT * FROM lg_import('dag', '{"x/metadata.yaml": "parents: [y]", "x/up.sql": "", "y/metadata.yaml": "parents: [x]", "y/up.sql": ""}');
SELECT * FROM lg_import('alembic-sql', '{"up.sql": "-- Running upgrade zz -> yy\n\nSELECT 1;\n"}');
SELECT * FROM lg_import('alembic-sql', '{"down.sql": "-- Running downgrade yy -> zz\n\nSELECT 1;\n"}');
-- SQL that lg_revision refuses is refused with the file named
SELECT * FROM lg_import('golang-migrate', '{"1_a.up.sql": "CREATE TABLE (", "2_b.up.sql": ""}');

-- lg_import's own statements cannot be redirected through the search_path
-- (test/sql/shadow.sql's rule): shadows of what they use, under the three
-- isolation levels
CREATE SCHEMA shadow;
CREATE FUNCTION public.shadow_hit(what pg_catalog.text) RETURNS pg_catalog.bool
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN RAISE EXCEPTION 'lg used the shadow object %', what; END $$;
CREATE FUNCTION shadow.unnest(a anyarray) RETURNS SETOF anyelement
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('unnest'); END $$;
CREATE FUNCTION shadow.concat(a pg_catalog.tid, b pg_catalog.text, c pg_catalog.tid) RETURNS pg_catalog.text
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('concat'); RETURN NULL; END $$;
CREATE FUNCTION shadow.op_text(a pg_catalog.text, b pg_catalog.text) RETURNS pg_catalog.bool
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN RETURN public.shadow_hit('a text operator'); END $$;
CREATE OPERATOR shadow.= (LEFTARG = pg_catalog.text, RIGHTARG = pg_catalog.text, FUNCTION = shadow.op_text);
CREATE TEMP VIEW revision AS SELECT public.shadow_hit('temp table revision') AS id;
CREATE TEMP VIEW script AS SELECT public.shadow_hit('temp table script') AS revision;
SET search_path = shadow, pg_catalog, public;
-- the shadows work (each raises)
SELECT * FROM unnest(ARRAY['a']);
SELECT 'a'::pg_catalog.text = 'b'::pg_catalog.text;
SELECT * FROM revision;
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT * FROM lg_import('dag', '{"sh1/metadata.yaml": "parents: [merge]", "sh1/up.sql": ""}');
COMMIT;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM lg_import('dag', '{"sh1/metadata.yaml": "parents: [merge]", "sh1/up.sql": "", "sh2/metadata.yaml": "parents: [sh1]", "sh2/up.sql": ""}');
COMMIT;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM lg_import('dag', '{"sh1/metadata.yaml": "parents: [merge]", "sh1/up.sql": "", "sh2/metadata.yaml": "parents: [sh1]", "sh2/up.sql": "", "sh3/metadata.yaml": "parents: [sh2]", "sh3/up.sql": ""}');
COMMIT;
RESET search_path;
DROP VIEW pg_temp.revision, pg_temp.script;
DROP SCHEMA shadow CASCADE;
DROP FUNCTION public.shadow_hit(pg_catalog.text);

-- the migration role of README's grant may import
CREATE ROLE regress_lg_importer;
GRANT USAGE, CREATE ON SCHEMA app TO regress_lg_importer;
GRANT EXECUTE ON FUNCTION lg_import(text, jsonb, jsonb) TO regress_lg_importer;
SET ROLE regress_lg_importer;
SELECT * FROM lg_import('supabase', '{"20250101000000_role.sql": "CREATE TABLE app.by_role ()"}');
RESET ROLE;
SELECT registered_by FROM lg.revision WHERE id = '20250101000000';
-- PUBLIC may not
CREATE ROLE regress_lg_nobody;
SET ROLE regress_lg_nobody;
SELECT * FROM lg_import('supabase', '{}');
RESET ROLE;
DROP ROLE regress_lg_nobody;

-- imported, then adopted: lg_adopt finds lg_import's revisions (ids kept
-- as written: 000002 is golang-migrate's version 2)
SET lg.allow_drop = on;
DROP EXTENSION lg;
RESET lg.allow_drop;
CREATE EXTENSION lg;
SET client_min_messages = warning;
SELECT revision FROM lg_import('golang-migrate', '{"000001_a.up.sql": "CREATE TABLE app.ga ()", "000002_b.up.sql": "CREATE TABLE app.gb ()", "000010_c.up.sql": "CREATE TABLE app.gc ()"}');
CREATE TABLE app.schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO app.schema_migrations VALUES (2, false);
SELECT lg_adopt('golang-migrate', 'app');
SELECT * FROM lg_plan('head');
RESET client_min_messages;

-- several new revisions in one import under REPEATABLE READ and
-- SERIALIZABLE: each registration takes the run lock the import holds
-- already, which is no concurrent run (it was a 40001)
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT revision, parents FROM lg_import('dag', '{"rr1/metadata.yaml": "parents: []", "rr1/up.sql": "SELECT 1", "rr2/metadata.yaml": "parents: [rr1]", "rr2/up.sql": "SELECT 2"}');
ROLLBACK;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT revision, parents FROM lg_import('dag', '{"rr1/metadata.yaml": "parents: []", "rr1/up.sql": "SELECT 1", "rr2/metadata.yaml": "parents: [rr1]", "rr2/up.sql": "SELECT 2"}');
ROLLBACK;
-- text the caller sent is printed inert in lg's errors
SELECT * FROM lg_import('dbmate', jsonb_build_object(E'evil\n\\! touch x.sql', 1));
SELECT lg_configure(E'step\rorder', 'alembic');
SELECT lg_unregister(E'no\u001b[2Kpe');
SET lg.allow_drop = on;
DROP EXTENSION lg;
REVOKE ALL ON SCHEMA app FROM regress_lg_importer;
DROP ROLE regress_lg_importer;
DROP SCHEMA app CASCADE;
