-- lg_lint()'s unordered_conflict rule (issue 14, part 3): two revisions with
-- no ancestry between them that both change, or one changes and the other
-- depends on, the same relation, type or routine.  What each touches is
-- found by running the plan inside a subtransaction that is always rolled
-- back; nothing is left behind.
CREATE EXTENSION lg;
SET client_min_messages = warning;
-- the objects live in a schema of their own, searched first
CREATE SCHEMA ul;
SET search_path = ul, public;

SELECT lg_revision('u0', up => 'CREATE TABLE ul_orders (id int PRIMARY KEY, total int);
                                CREATE TABLE ul_users (id int PRIMARY KEY, name text)',
                   down => 'DROP TABLE ul_orders, ul_users') IS NOT NULL AS ok;
SELECT count(*) AS applied FROM lg_migrate('u0');

-- 1. Two branches changing the same table: reported.
SELECT lg_revision('a1', parents => '{u0}', up => 'ALTER TABLE ul_orders ADD COLUMN note text',
                   down => 'ALTER TABLE ul_orders DROP COLUMN note') IS NOT NULL AS ok;
SELECT lg_revision('a2', parents => '{u0}', up => 'CREATE UNIQUE INDEX ul_orders_total ON ul_orders (total)',
                   down => 'DROP INDEX ul_orders_total') IS NOT NULL AS ok;
SELECT revision, statement, rule, severity, lock, relation, detail
  FROM lg_lint('heads') WHERE rule = 'unordered_conflict';

-- 2. A branch on another table: no conflict with a1 or a2.
SELECT lg_revision('b1', parents => '{u0}', up => 'ALTER TABLE ul_users ADD COLUMN email text',
                   down => 'ALTER TABLE ul_users DROP COLUMN email') IS NOT NULL AS ok;
SELECT revision, relation, detail FROM lg_lint('heads') WHERE rule = 'unordered_conflict';

-- 3. A view over the table b1 alters: c1 depends on it.
SELECT lg_revision('c1', parents => '{u0}', up => 'CREATE VIEW ul_names AS SELECT id, name FROM ul_users',
                   down => 'DROP VIEW ul_names') IS NOT NULL AS ok;
-- 4. Rows written into the table b1 alters: h1 depends on it (the executor's tables).
SELECT lg_revision('h1', parents => '{u0}', up => $$INSERT INTO ul_users VALUES (1, 'ann')$$,
                   down => 'DELETE FROM ul_users WHERE id = 1') IS NOT NULL AS ok;
-- 5. DDL through EXECUTE format(...) in a DO block, on a1's table.
SELECT lg_revision('d1', parents => '{u0}',
                   up => $q$DO $d$ BEGIN EXECUTE format('ALTER TABLE %I ALTER COLUMN total SET NOT NULL', 'ul_orders'); END $d$$q$,
                   down => 'ALTER TABLE ul_orders ALTER COLUMN total DROP NOT NULL') IS NOT NULL AS ok;
-- 6. Ordered revisions changing the same table (e2 after e1, both after a1): not reported between them.
SELECT lg_revision('e1', parents => '{a1}', up => 'ALTER TABLE ul_orders ADD COLUMN e1 int',
                   down => 'ALTER TABLE ul_orders DROP COLUMN e1') IS NOT NULL AS ok;
SELECT lg_revision('e2', parents => '{e1}', up => 'ALTER TABLE ul_orders DROP COLUMN e1',
                   down => 'ALTER TABLE ul_orders ADD COLUMN e1 int') IS NOT NULL AS ok;
SELECT revision, relation, detail FROM lg_lint('e2') WHERE rule = 'unordered_conflict';

-- 7. Every branch together, and one that fails in the trial.
SELECT lg_revision('f1', parents => '{u0}', up => 'ALTER TABLE ul_missing ADD COLUMN x int',
                   down => 'SELECT 1') IS NOT NULL AS ok;
SELECT * FROM lg_plan('heads');
SELECT revision, statement, severity, relation, detail
  FROM lg_lint('heads') WHERE rule = 'unordered_conflict';

-- 8. Nothing left behind: no view, no new column, no row, no index; lg's
-- rows and journal as before.
SELECT to_regclass('ul_names') AS view, to_regclass('ul_orders_total') AS index,
       (SELECT count(*) FROM ul_users) AS users,
       (SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
         WHERE attrelid = 'ul_orders'::regclass AND attnum > 0 AND NOT attisdropped) AS order_columns,
       (SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
         WHERE attrelid = 'ul_users'::regclass AND attnum > 0 AND NOT attisdropped) AS user_columns;
SELECT (SELECT count(*) FROM lg.log) AS journal, (SELECT array_agg(revision) FROM lg.version) AS rows;

-- 9. Inside a transaction block, the caller's transaction goes on afterwards.
BEGIN;
SELECT count(*) > 0 AS found FROM lg_lint('heads') WHERE rule = 'unordered_conflict';
SELECT to_regclass('ul_names') AS view;
COMMIT;

-- 10. A drop, a routine called, a routine replaced (x1..x4 unordered after x0).
SELECT lg_revision('x0', parents => '{u0}',
                   up => 'CREATE TABLE ul_tmp (a int); CREATE FUNCTION ul_total() RETURNS int LANGUAGE sql AS ''SELECT 1''',
                   down => 'DROP TABLE ul_tmp; DROP FUNCTION ul_total()') IS NOT NULL AS ok;
SELECT lg_revision('x1', parents => '{x0}', up => 'DROP TABLE ul_tmp',
                   down => 'CREATE TABLE ul_tmp (a int)') IS NOT NULL AS ok;
SELECT lg_revision('x2', parents => '{x0}', up => E'-- lg:allow unordered_conflict\nALTER TABLE ul_tmp ADD COLUMN b int',
                   down => 'ALTER TABLE ul_tmp DROP COLUMN b') IS NOT NULL AS ok;
SELECT lg_revision('x3', parents => '{x0}', up => 'CREATE TABLE ul_calls AS SELECT ul_total() AS n',
                   down => 'DROP TABLE ul_calls') IS NOT NULL AS ok;
SELECT lg_revision('x4', parents => '{x0}',
                   up => 'CREATE OR REPLACE FUNCTION ul_total() RETURNS int LANGUAGE sql AS ''SELECT 2''',
                   down => 'CREATE OR REPLACE FUNCTION ul_total() RETURNS int LANGUAGE sql AS ''SELECT 1''') IS NOT NULL AS ok;
-- x5 changes ul_tmp too; x2 silences the rule for itself (its finding
-- with x5, the later of the two being x2), not for x1
SELECT lg_revision('x5', parents => '{x0}', up => 'ALTER TABLE ul_tmp ADD COLUMN c int',
                   down => 'ALTER TABLE ul_tmp DROP COLUMN c') IS NOT NULL AS ok;
SELECT step, revision FROM lg_plan('heads') WHERE revision LIKE 'x%';
SELECT revision, severity, relation, detail FROM lg_lint('heads')
 WHERE rule = 'unordered_conflict' AND revision LIKE 'x%';
SELECT to_regclass('ul_tmp') AS tmp, to_regprocedure('ul_total()') AS total;

-- 11. A plan without unordered revisions runs nothing: a failing revision
-- on a chain is not tried (no finding of this rule).
SELECT lg_revision('y1', parents => '{x4}', up => 'ALTER TABLE ul_nowhere ADD COLUMN x int',
                   down => 'SELECT 1') IS NOT NULL AS ok;
SELECT count(*) AS findings FROM lg_lint('y1') WHERE rule = 'unordered_conflict';

-- 12. Objects in the schema lg's functions were created in (public here)
-- are the user's: compared too.
CREATE TABLE public.ul_pub (a int);
SELECT lg_revision('p1', parents => '{u0}', up => 'ALTER TABLE public.ul_pub ADD COLUMN b int',
                   down => 'ALTER TABLE public.ul_pub DROP COLUMN b') IS NOT NULL AS ok;
SELECT lg_revision('p2', parents => '{u0}', up => 'CREATE INDEX ul_pub_a ON public.ul_pub (a)',
                   down => 'DROP INDEX public.ul_pub_a') IS NOT NULL AS ok;
SELECT revision, relation FROM lg_lint('heads')
 WHERE rule = 'unordered_conflict' AND relation = 'public.ul_pub';
SELECT (SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.ul_pub'::regclass AND attnum > 0) AS columns,
       to_regclass('public.ul_pub_a') AS index;

-- 13. Two branches each adding a table with a foreign key to ul_users
-- depend on it (PostgreSQL adds triggers to ul_users, which is no change
-- of it): nothing between them; each conflicts with b1, which changes it.
SELECT lg_revision('q1', parents => '{u0}', up => 'CREATE TABLE ul_q1 (user_id int REFERENCES ul_users)',
                   down => 'DROP TABLE ul_q1') IS NOT NULL AS ok;
SELECT lg_revision('q2', parents => '{u0}', up => 'CREATE TABLE ul_q2 (user_id int REFERENCES ul_users)',
                   down => 'DROP TABLE ul_q2') IS NOT NULL AS ok;
SELECT revision, relation, regexp_replace(detail, '\(step \d+\)', '(step n)', 'g') AS detail
  FROM lg_lint('heads')
 WHERE rule = 'unordered_conflict' AND detail ~ '"q[12]"' ORDER BY 1, 3;

-- 14. A revision before the pair, ordered with every other, that fails:
-- the trial ends there (the plan to w3: w1, then w2a and w2b, then w3).
SELECT lg_revision('w1', parents => '{u0}', up => 'ALTER TABLE ul_absent ADD COLUMN x int',
                   down => 'SELECT 1') IS NOT NULL AS ok;
SELECT lg_revision('w2a', parents => '{w1}', up => 'ALTER TABLE ul_orders ADD COLUMN w2a int',
                   down => 'ALTER TABLE ul_orders DROP COLUMN w2a') IS NOT NULL AS ok;
SELECT lg_revision('w2b', parents => '{w1}', up => 'ALTER TABLE ul_orders ADD COLUMN w2b int',
                   down => 'ALTER TABLE ul_orders DROP COLUMN w2b') IS NOT NULL AS ok;
SELECT lg_revision('w3', parents => '{w2a,w2b}', up => 'SELECT 1', down => 'SELECT 1') IS NOT NULL AS ok;
SELECT revision, statement, severity, relation, detail FROM lg_lint('w3')
 WHERE rule = 'unordered_conflict';

-- 16. A type: t1 adds a label to an enum that t2's new table uses.
CREATE TYPE ul.ul_mood AS ENUM ('calm', 'busy');
SELECT lg_revision('t1', parents => '{u0}', up => $$ALTER TYPE ul_mood ADD VALUE 'away'$$,
                   down => 'SELECT 1') IS NOT NULL AS ok;
SELECT lg_revision('t2', parents => '{u0}', up => 'CREATE TABLE ul_moods (m ul_mood)',
                   down => 'DROP TABLE ul_moods') IS NOT NULL AS ok;
SELECT revision, relation, regexp_replace(detail, '\(step \d+\)', '(step n)', 'g') AS detail
  FROM lg_lint('heads')
 WHERE rule = 'unordered_conflict' AND detail ~ '"t[12]"' ORDER BY 1, 3;
SELECT enum_range(NULL::ul.ul_mood) AS labels;

-- 17. In a read-only transaction nothing is tried: one info row.
BEGIN READ ONLY;
SELECT revision, statement, severity, detail FROM lg_lint('heads') WHERE rule = 'unordered_conflict';
COMMIT;

-- 15. Revision SQL runs as the caller, never as the owner: a role that may
-- run lg_lint but owns none of the tables sees every trial fail with
-- 42501 and no conflict.
CREATE ROLE ul_mig;
GRANT EXECUTE ON FUNCTION lg_lint(text) TO ul_mig;
GRANT USAGE ON SCHEMA ul TO ul_mig;
SET ROLE ul_mig;
SELECT count(*) FILTER (WHERE detail LIKE 'the up SQL fails in the trial run (42501:%') AS denied,
       count(*) FILTER (WHERE detail LIKE 'no ancestry%') AS conflicts
  FROM lg_lint('heads') WHERE rule = 'unordered_conflict';
RESET ROLE;
REVOKE ALL ON SCHEMA ul FROM ul_mig;
REVOKE ALL ON FUNCTION lg_lint(text) FROM ul_mig;
DROP ROLE ul_mig;

-- 18. lg_lint() in the revision SQL of a trial is refused (55006) before
-- the trial's hooks are installed a second time: once chained to
-- themselves, the trial's next query looped for ever (no cancel took it).
SELECT lg_revision('n1', parents => '{u0}', up => 'SELECT count(*) FROM lg_lint(''heads'')',
                   down => 'SELECT 1');
SELECT revision, regexp_replace(detail, '\(step \d+\)', '(step n)', 'g') AS detail
  FROM lg_lint('heads')
 WHERE rule = 'unordered_conflict' AND revision = 'n1';
SELECT count(*) AS orders_after FROM ul_orders;

-- the objects and the extension go, as in every regress file
DROP TABLE public.ul_pub;
DROP SCHEMA ul CASCADE;
SET lg.allow_drop = on;  -- u0 is applied: the drop is deliberate
DROP EXTENSION lg;
