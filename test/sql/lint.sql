-- lg_lint(): every statement of the plan, from the parse tree and the live
-- catalog; nothing runs.  One revision (or a few) per rule, on tables that
-- exist with rows (li_big), exist empty (li_empty) or are new in the plan.
CREATE EXTENSION lg;
SET client_min_messages = warning;
CREATE TABLE li_big (id int PRIMARY KEY, name varchar(20), price numeric(8,2), t timestamp,
                     note text, ref int, flag bool);
INSERT INTO li_big SELECT g, 'n' || g, g, '2026-01-01', 'x', g, true
  FROM generate_series(1, 1000) g;
CREATE TABLE li_empty (id int PRIMARY KEY, v text);
CREATE TABLE li_parent (id int PRIMARY KEY);
INSERT INTO li_parent SELECT generate_series(1, 10);
CREATE TABLE li_child (id int, pid int REFERENCES li_parent);
INSERT INTO li_child VALUES (1, 1);
CREATE TABLE li_nopk (id int);
INSERT INTO li_nopk SELECT generate_series(1, 100);
CREATE VIEW li_big_refs AS SELECT ref FROM li_big;
CREATE INDEX li_big_name ON li_big (name);
CREATE TYPE li_mood AS ENUM ('sad', 'ok');
CREATE TABLE li_person (id int, m li_mood);
CREATE FUNCTION li_f() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE TABLE li_uses_f (x int DEFAULT li_f());
-- a name made by hand, with an escape sequence in it: shown inert
CREATE TABLE li_victim (id int);
DO $$ BEGIN
  EXECUTE format('CREATE VIEW %I AS SELECT id FROM li_victim', E'li_evil\x1b[2J\nview');
END $$;
CREATE DOMAIN li_dom AS text;
CREATE SCHEMA li_s1;
CREATE SCHEMA li_s3;
CREATE TABLE li_s3.t (id int);
CREATE TABLE li_part (id int) PARTITION BY RANGE (id);
CREATE TABLE li_part1 PARTITION OF li_part FOR VALUES FROM (0) TO (10);
ANALYZE li_big, li_empty, li_parent, li_child, li_nopk;

-- volatile default (a table with rows: warning; empty: info); a constant default
SELECT lg_revision('r01', up => $$
ALTER TABLE li_big ADD COLUMN created_at timestamptz DEFAULT clock_timestamp();
ALTER TABLE li_big ADD COLUMN c2 bigint DEFAULT 0;
ALTER TABLE li_empty ADD COLUMN c3 text DEFAULT gen_random_uuid()::text$$);
-- NOT NULL without default: error with rows, warning on an empty table
SELECT lg_revision('r02', parents => '{r01}', up => $$
ALTER TABLE li_big ADD COLUMN req text NOT NULL;
ALTER TABLE li_empty ADD COLUMN req text NOT NULL$$);
-- serial, identity and stored generated columns rewrite
SELECT lg_revision('r03', parents => '{r02}', up => $$
ALTER TABLE li_big ADD COLUMN sid bigserial;
ALTER TABLE li_big ADD COLUMN iid bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE li_big ADD COLUMN gen bigint GENERATED ALWAYS AS (id * 2) STORED;
ALTER TABLE li_child ADD COLUMN sid serial PRIMARY KEY$$);
-- foreign keys: validated (scan, both tables) and NOT VALID
SELECT lg_revision('r04', parents => '{r03}', up => $$
ALTER TABLE li_big ADD CONSTRAINT li_big_ref_fk FOREIGN KEY (ref) REFERENCES li_parent (id);
ALTER TABLE li_big ADD CONSTRAINT li_big_ref_fk2 FOREIGN KEY (ref) REFERENCES li_parent (id) NOT VALID$$);
-- CHECK without NOT VALID; NOT VALID then VALIDATE in the same transaction
SELECT lg_revision('r05', parents => '{r04}', up => $$
ALTER TABLE li_big ADD CONSTRAINT li_big_price_pos CHECK (price > 0);
ALTER TABLE li_big ADD CONSTRAINT li_big_note_nn CHECK (note IS NOT NULL) NOT VALID;
ALTER TABLE li_big VALIDATE CONSTRAINT li_big_note_nn$$);
-- SET NOT NULL: instant after the valid CHECK of r05, a scan without one
SELECT lg_revision('r06', parents => '{r05}', up => $$
ALTER TABLE li_big ALTER COLUMN note SET NOT NULL;
ALTER TABLE li_big ALTER COLUMN name SET NOT NULL$$);
-- type changes: binary coercible (no finding), rewrites, no cast
SELECT lg_revision('r07', parents => '{r06}', up => $$
ALTER TABLE li_big ALTER COLUMN name TYPE varchar(50);
ALTER TABLE li_big ALTER COLUMN note TYPE varchar;
ALTER TABLE li_big ALTER COLUMN price TYPE numeric(10,2);
ALTER TABLE li_big ALTER COLUMN price TYPE numeric(6,2);
ALTER TABLE li_big ALTER COLUMN id TYPE bigint;
ALTER TABLE li_big ALTER COLUMN t TYPE timestamptz;
ALTER TABLE li_big ALTER COLUMN flag TYPE int$$);
-- unique, primary key, exclusion constraints built under ACCESS EXCLUSIVE
SELECT lg_revision('r08', parents => '{r07}', up => $$
ALTER TABLE li_big ADD CONSTRAINT li_big_name_key UNIQUE (name);
ALTER TABLE li_nopk ADD PRIMARY KEY (id);
ALTER TABLE li_nopk ADD CONSTRAINT li_nopk_ex EXCLUDE USING btree (id WITH =)$$);
-- indexes: without CONCURRENTLY, DROP INDEX, REINDEX, CLUSTER, SET UNLOGGED
SELECT lg_revision('r09', parents => '{r08}', up => $$
CREATE INDEX li_big_t ON li_big (t);
CREATE INDEX li_empty_v ON li_empty (v);
DROP INDEX li_big_name;
REINDEX TABLE li_big;
CLUSTER li_big USING li_big_pkey;
ALTER TABLE li_big SET UNLOGGED;
ALTER TABLE li_part DETACH PARTITION li_part1$$);
-- renames, DROP NOT NULL, DROP COLUMN
SELECT lg_revision('r10', parents => '{r09}', up => $$
ALTER TABLE li_big RENAME COLUMN note TO remark;
ALTER TABLE li_empty RENAME TO li_empty2;
ALTER SCHEMA li_s1 RENAME TO li_s2;
ALTER TABLE li_big ALTER COLUMN remark DROP NOT NULL;
ALTER TABLE li_big DROP COLUMN flag$$);
-- dependents: a foreign key from another table, a view, a column default,
-- a schema's objects
SELECT lg_revision('r11', parents => '{r10}', up => $$
DROP TABLE li_parent;
DROP SCHEMA li_s3;
ALTER TABLE li_big DROP COLUMN ref;
DROP FUNCTION li_f() CASCADE;
DROP TABLE li_victim CASCADE;
TRUNCATE li_child CASCADE$$);
-- domains
SELECT lg_revision('r12', parents => '{r11}', up => $$
CREATE DOMAIN li_posint AS bigint CHECK (VALUE > 0);
ALTER DOMAIN li_dom ADD CONSTRAINT li_dom_ne CHECK (VALUE <> '');
ALTER TYPE li_mood RENAME VALUE 'sad' TO 'blue'$$);
-- a new table: style rules only (info), the lock its REFERENCES takes on an
-- existing table; no lock, rewrite or size finding for what follows on it
SELECT lg_revision('r13', parents => '{r12}', up => $$
CREATE TABLE li_fresh (id serial PRIMARY KEY, code char(3), title varchar(100),
                       at timestamp, doc json, small smallint,
                       pid bigint REFERENCES li_nopk (id));
ALTER TABLE li_fresh ADD COLUMN x bigint DEFAULT random()::bigint NOT NULL;
ALTER TABLE li_fresh ALTER COLUMN title TYPE text;
CREATE INDEX li_fresh_multi ON li_fresh (code, title, at, small);
CREATE TABLE li_dup (a bigint, a text);
CREATE TABLE li_a_name_that_is_much_longer_than_sixty_three_bytes_which_postgres_truncates (id bigint)$$);
-- statements on what an earlier revision dropped (li_parent, r11)
SELECT lg_revision('r14', parents => '{r13}', up => $$
INSERT INTO li_parent VALUES (11);
CREATE VIEW li_v AS SELECT id FROM li_parent;
CREATE TABLE li_parent (id bigint PRIMARY KEY);
INSERT INTO li_parent VALUES (11)$$);
-- an enum label added, then used by a later revision of the same run
SELECT lg_revision('r15', parents => '{r14}', up => $$
ALTER TYPE li_mood ADD VALUE 'happy'$$);
SELECT lg_revision('r16', parents => '{r15}', up => $$
UPDATE li_person SET m = 'happy' WHERE id = 1$$);
-- silenced: lg:allow in the comments above a statement
SELECT lg_revision('r17', parents => '{r16}', up => $$
-- the column is unused since release 12
-- lg:allow ban_drop_column, lock
ALTER TABLE li_big DROP COLUMN c2;
/* lg:allow require_concurrent_index_creation require_timeout_settings */
CREATE INDEX li_big_price ON li_big (price);
UPDATE li_big SET remark = 'y';
COMMENT ON COLUMN li_big.price IS 'in cents';
ALTER TABLE li_nopk SET SCHEMA li_s2;
-- a column renamed earlier in the plan (note -> remark): not judged; what
-- the catalog cannot resolve is not linted (and fails when it runs)
ALTER TABLE li_big ALTER COLUMN remark TYPE text;
ALTER TABLE li_big ALTER COLUMN name TYPE text(10);
DROP TABLE IF EXISTS li_a.li_b.li_c.li_d$$);

-- the whole plan to r17 (transactional: lg_migrate would run it)
SELECT * FROM lg_lint('r17');

-- non-transactional revisions: the plan needs CALL lg_apply, which commits
-- after each revision, so the enum label is no longer a finding
SELECT lg_revision('r18', parents => '{r17}', up => $$
CREATE INDEX CONCURRENTLY li_big_c ON li_big (created_at);
UPDATE li_big SET c2 = 1 WHERE id < 10;
COMMIT;
VACUUM FULL li_big;
DROP DATABASE IF EXISTS li_no_such_db;
CREATE TABLE li_later (id bigint);
ALTER TABLE li_later ADD COLUMN v text;
DROP TABLE li_later$$, down => $$DROP INDEX CONCURRENTLY IF EXISTS li_big_c;
CREATE TABLE li_tmp (id int); DROP TABLE li_tmp;  -- made by the down itself: fine
DROP TABLE li_later$$);
-- statement 0 (the revision as a whole) is silenced above the first statement
SELECT lg_revision('r19', parents => '{r18}', up => $$
-- lg:allow prefer_robust_stmts
VACUUM li_big$$, down => 'DROP TABLE li_not_made');
SELECT revision, statement, rule, severity, detail FROM lg_lint()
 WHERE revision IN ('r16', 'r18', 'r19');

-- lock_timeout: lg sets lg.lock_timeout (5 s) for revision SQL; with it 0
-- and lock_timeout 0 a lock on an existing table waits without bound
SET lg.lock_timeout = 0;
SELECT revision, statement, rule, severity, detail FROM lg_lint('r02')
 WHERE rule = 'require_timeout_settings';
RESET lg.lock_timeout;

-- a type an earlier revision of the plan drops, though the catalog still
-- has it: the second DROP fails (and its dependents are not reported
-- twice); "lg:allowlist" is not "lg:allow"
CREATE TYPE li_twice AS ENUM ('a');
SELECT lg_revision('rt1', parents => (SELECT array_agg(revision) FROM lg_heads()),
                   up => 'DROP TYPE li_twice') IS NOT NULL AS ok;
SELECT lg_revision('rt2', parents => '{rt1}', up => $$
-- lg:allowlist object_dropped_earlier
DROP TYPE li_twice$$) IS NOT NULL AS ok;
SELECT revision, statement, rule, severity, detail FROM lg_lint('heads')
 WHERE revision IN ('rt1', 'rt2') ORDER BY 1, 2, 3;

-- nothing ran
SELECT count(*) AS applied FROM lg.version;
SELECT to_regclass('li_fresh') AS fresh, to_regclass('li_parent') IS NOT NULL AS parent_kept;

-- targets
SELECT * FROM lg_lint('nope');
SELECT * FROM lg_lint(NULL);

-- a role without EXECUTE is refused
CREATE ROLE li_nobody;
SET ROLE li_nobody;
SELECT * FROM lg_lint();
RESET ROLE;
DROP ROLE li_nobody;

DROP EXTENSION lg;
DROP TABLE li_big, li_empty, li_child, li_parent, li_nopk, li_person, li_uses_f, li_part, li_victim CASCADE;
DROP FUNCTION li_f();
DROP TYPE li_mood;
DROP TYPE li_twice;
DROP DOMAIN li_dom;
DROP SCHEMA li_s1;
DROP SCHEMA li_s3 CASCADE;
