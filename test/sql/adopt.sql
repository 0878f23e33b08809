-- lg_adopt(source, schema): stamp lg to what another tool applied, read
-- from that tool's version table (created here exactly as the tool creates
-- it), journaled as 'adopt'; the other table is never changed, and
-- lg_migrate() then applies only what the tool had not.
\set VERBOSITY terse
CREATE EXTENSION lg;
SET lg.allow_drop = on;

-- == alembic: alembic_version, one row per head ==========================
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,
                              CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
INSERT INTO alembic_version VALUES ('a2'), ('b1');
SELECT lg_revision('a1', up => 'SELECT 1', down => '');
SELECT lg_revision('a2', up => 'SELECT 1', down => '', parents => '{a1}');
SELECT lg_revision('b1', up => 'SELECT 1', down => '', parents => '{a1}');
SELECT lg_revision('a3', up => 'CREATE TABLE ad_a3 ()', down => 'DROP TABLE ad_a3', parents => '{a2}');
SELECT lg_adopt('alembic');
SELECT revision, direction, statements, checksum IS NOT NULL AS checksum, by_role = current_user AS by_me
  FROM lg.log ORDER BY id;
SELECT * FROM lg_current();
-- the same again: lg stands where alembic does, nothing to do
SELECT lg_adopt('alembic');
SELECT revision, direction FROM lg_migrate('heads');
SELECT * FROM alembic_version ORDER BY 1;
-- lg has moved on: another adoption is refused
SELECT lg_adopt('alembic');
\echo :LAST_ERROR_SQLSTATE
-- unknown revisions are named, lg unchanged
DROP EXTENSION lg;
CREATE EXTENSION lg;
SELECT lg_revision('a1', up => 'SELECT 1');
\set VERBOSITY default
SELECT lg_adopt('alembic');
\set VERBOSITY terse
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM lg.version;
DROP TABLE alembic_version;

-- == dbmate: public.schema_migrations (version varchar) ===================
DROP EXTENSION lg;
CREATE EXTENSION lg;
CREATE TABLE IF NOT EXISTS public.schema_migrations (version character varying(128) NOT NULL PRIMARY KEY);
INSERT INTO schema_migrations VALUES ('20240101120000'), ('20240102120000');
-- ids as lg_import keeps them, or the file name in the message
SELECT lg_revision('20240101120000', up => 'SELECT 1', message => 'init (file: db/migrations/20240101120000_init.sql)');
SELECT lg_revision('add_users', up => 'SELECT 1', parents => '{20240101120000}',
                   message => 'add users (file: db/migrations/20240102120000_add_users.sql)');
SELECT lg_revision('20240103120000', up => 'CREATE TABLE ad_dbmate ()', parents => '{add_users}');
SELECT lg_adopt('dbmate');
SELECT revision, direction FROM lg_migrate('head');
SELECT * FROM schema_migrations ORDER BY 1;
-- a gap: dbmate applied the second but not the first
DROP EXTENSION lg;
CREATE EXTENSION lg;
SELECT lg_revision('20240101120000', up => 'SELECT 1');
SELECT lg_revision('20240102120000', up => 'SELECT 1', parents => '{20240101120000}');
DELETE FROM schema_migrations WHERE version = '20240101120000';
\set VERBOSITY default
SELECT lg_adopt('dbmate');
\set VERBOSITY terse
DROP TABLE schema_migrations;

-- == golang-migrate: schema_migrations (version bigint, dirty boolean) ====
DROP EXTENSION lg;
CREATE EXTENSION lg;
CREATE TABLE IF NOT EXISTS "schema_migrations" (version bigint not null primary key, dirty boolean not null);
INSERT INTO schema_migrations VALUES (3, false);
SELECT lg_revision('1', up => 'SELECT 1', message => 'init (file: migrations/000001_init.up.sql)');
SELECT lg_revision('2', up => 'SELECT 1', parents => '{1}');
SELECT lg_revision('3', up => 'SELECT 1', parents => '{2}');
SELECT lg_revision('10', up => 'CREATE TABLE ad_golang ()', parents => '{3}');
SELECT lg_adopt('golang-migrate');
SELECT revision FROM lg.log WHERE direction = 'adopt' ORDER BY id;
SELECT revision, direction FROM lg_migrate('head');
-- dirty: refused
SELECT lg_stamp('base');
UPDATE schema_migrations SET dirty = true;
\set VERBOSITY default
SELECT lg_adopt('golang-migrate');
\set VERBOSITY terse
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM schema_migrations;
DROP TABLE schema_migrations;

-- == flyway: flyway_schema_history ========================================
DROP EXTENSION lg;
CREATE EXTENSION lg;
CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);
ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                   installed_by, execution_time, success) VALUES
    (1, '1', 'init', 'SQL', 'V1__init.sql', 1, 'app', 5, true),
    (2, '1.1', 'more', 'SQL', 'V1_1__more.sql', 2, 'app', 5, true),
    (3, NULL, 'views', 'SQL', 'R__views.sql', 3, 'app', 5, true);
SELECT lg_revision('1', up => 'SELECT 1');
SELECT lg_revision('more', up => 'SELECT 1', parents => '{1}', message => 'more (file: sql/V1_1__more.sql)');
SELECT lg_revision('2', up => 'CREATE TABLE ad_flyway ()', parents => '{more}');
\set VERBOSITY default
SELECT lg_adopt('flyway');
\set VERBOSITY terse
SELECT revision, direction FROM lg_migrate('head');
-- a failed migration: refused, named
SELECT lg_stamp('base');
INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                   installed_by, execution_time, success) VALUES
    (4, '2', 'broken', 'SQL', 'V2__broken.sql', 4, 'app', 5, false);
\set VERBOSITY default
SELECT lg_adopt('flyway');
\set VERBOSITY terse
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM flyway_schema_history;
-- a baseline stands for every version up to it
DELETE FROM flyway_schema_history;
INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                   installed_by, execution_time, success) VALUES
    (1, '1.1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'app', 0, true);
SELECT lg_adopt('flyway');
-- a baseline without a migration of its own (the schema flyway found)
SELECT lg_stamp('base');
UPDATE flyway_schema_history SET version = '1.5';
SELECT lg_adopt('flyway');
DROP TABLE flyway_schema_history;

-- == sqitch: sqitch.changes ===============================================
DROP EXTENSION lg;
CREATE EXTENSION lg;
CREATE SCHEMA sqitch;
CREATE TABLE sqitch.projects (
    project         TEXT        PRIMARY KEY,
    uri             TEXT            NULL UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    creator_name    TEXT        NOT NULL,
    creator_email   TEXT        NOT NULL
);
CREATE TABLE sqitch.changes (
    change_id       TEXT        PRIMARY KEY,
    script_hash     TEXT            NULL,
    change          TEXT        NOT NULL,
    project         TEXT        NOT NULL REFERENCES sqitch.projects(project) ON UPDATE CASCADE,
    note            TEXT        NOT NULL DEFAULT '',
    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name  TEXT        NOT NULL,
    committer_email TEXT        NOT NULL,
    planned_at      TIMESTAMPTZ NOT NULL,
    planner_name    TEXT        NOT NULL,
    planner_email   TEXT        NOT NULL,
    UNIQUE(project, script_hash)
);
INSERT INTO sqitch.projects (project, creator_name, creator_email) VALUES ('app', 'a', 'a@example.org');
INSERT INTO sqitch.changes (change_id, script_hash, change, project, committer_name, committer_email,
                            planned_at, planner_name, planner_email) VALUES
    ('c1', 'h1', 'users', 'app', 'a', 'a@example.org', now(), 'a', 'a@example.org'),
    ('c2', 'h2', 'widgets', 'app', 'a', 'a@example.org', now(), 'a', 'a@example.org');
SELECT lg_revision('users', up => 'SELECT 1');
SELECT lg_revision('widgets', up => 'SELECT 1', parents => '{users}');
SELECT lg_revision('gadgets', up => 'CREATE TABLE ad_sqitch ()', parents => '{widgets}');
SELECT lg_adopt('sqitch');
SELECT revision, direction FROM lg_migrate('head');
SELECT change FROM sqitch.changes ORDER BY 1;
DROP SCHEMA sqitch CASCADE;

-- == diesel: __diesel_schema_migrations ===================================
DROP EXTENSION lg;
CREATE EXTENSION lg;
CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (
       version VARCHAR(50) PRIMARY KEY NOT NULL,
       run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO __diesel_schema_migrations (version) VALUES ('20240101120000'), ('20240202120000');
SELECT lg_revision('20240101120000', up => 'SELECT 1');
SELECT lg_revision('add_posts', up => 'SELECT 1', parents => '{20240101120000}',
                   message => 'add posts (file: migrations/2024-02-02-120000_add_posts/up.sql)');
SELECT lg_revision('20240303120000', up => 'CREATE TABLE ad_diesel ()', parents => '{add_posts}');
SELECT lg_adopt('diesel');
SELECT revision, direction FROM lg_migrate('head');
DROP TABLE __diesel_schema_migrations;

-- == supabase: supabase_migrations.schema_migrations, another schema ======
DROP EXTENSION lg;
CREATE EXTENSION lg;
CREATE SCHEMA IF NOT EXISTS supabase_migrations;
CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY);
ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[];
ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text;
INSERT INTO supabase_migrations.schema_migrations VALUES ('20240101120000', '{"SELECT 1"}', 'init');
SELECT lg_revision('20240101120000', up => 'SELECT 1');
SELECT lg_revision('20240301000000', up => 'CREATE TABLE ad_supabase ()', parents => '{20240101120000}');
-- the table is not in public: the default schema is supabase's own
SELECT lg_adopt('supabase');
SELECT revision, direction FROM lg_migrate('head');
-- the schema option
SELECT lg_stamp('base');
ALTER SCHEMA supabase_migrations RENAME TO elsewhere;
SELECT lg_adopt('supabase');
SELECT lg_adopt('supabase', schema => 'elsewhere');

-- == read as the caller ===================================================
-- a migration role without SELECT on the other tool's table cannot adopt
-- from it (lg reads it as the caller, not as lg's owner)
CREATE ROLE regress_lg_adopter;
GRANT EXECUTE ON FUNCTION lg_adopt(text, text), lg_stamp(text, boolean) TO regress_lg_adopter;
GRANT USAGE ON SCHEMA elsewhere TO regress_lg_adopter;
SELECT lg_stamp('base');
SET ROLE regress_lg_adopter;
SELECT lg_adopt('supabase', schema => 'elsewhere');
\echo :LAST_ERROR_SQLSTATE
RESET ROLE;
GRANT SELECT ON elsewhere.schema_migrations TO regress_lg_adopter;
SET ROLE regress_lg_adopter;
SELECT lg_adopt('supabase', schema => 'elsewhere');
RESET ROLE;
SELECT by_role = 'regress_lg_adopter' AS by_adopter FROM lg.log WHERE direction = 'adopt' ORDER BY id;

-- == wrong calls ==========================================================
-- dbmate's table is not golang-migrate's
CREATE TABLE public.schema_migrations (version character varying(128) NOT NULL PRIMARY KEY);
SELECT lg_adopt('golang-migrate');
\echo :LAST_ERROR_SQLSTATE
DROP TABLE public.schema_migrations;
SELECT lg_adopt('liquibase');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_adopt(NULL);
-- inside a run
SELECT lg_revision('nest', up => $$SELECT lg_adopt('supabase', schema => 'elsewhere')$$);
SELECT revision FROM lg_migrate('nest');

SET client_min_messages = warning;
DROP EXTENSION lg;
DROP SCHEMA elsewhere CASCADE;
DROP TABLE ad_a3, ad_dbmate, ad_golang, ad_flyway, ad_sqitch, ad_diesel, ad_supabase;
DROP OWNED BY regress_lg_adopter;
DROP ROLE regress_lg_adopter;
