-- Branches, labels, depends_on, merge and stamp through SQL: lg_heads,
-- lg_bases, lg_branches, lg_current, lg_history(range), lg_merge, lg_stamp.
CREATE EXTENSION lg;
SET client_min_messages = warning;
SELECT lg_revision('base1', up => 'CREATE TABLE gv (id int)', down => 'DROP TABLE gv');
SELECT lg_revision('a1', up => 'ALTER TABLE gv ADD COLUMN a1 int', down => 'ALTER TABLE gv DROP COLUMN a1',
                   parents => '{base1}', branch_labels => '{feature_a}');
SELECT lg_revision('a2', up => 'ALTER TABLE gv ADD COLUMN a2 int', down => 'ALTER TABLE gv DROP COLUMN a2',
                   parents => '{a1}');
SELECT lg_revision('b1', up => 'ALTER TABLE gv ADD COLUMN b1 int', down => 'ALTER TABLE gv DROP COLUMN b1',
                   parents => '{base1}', branch_labels => '{feature_b}');
SELECT lg_revision('lib', up => 'CREATE TABLE gv_lib (id int)', down => 'DROP TABLE gv_lib',
                   branch_labels => '{library}');
SELECT lg_revision('uses_lib', up => 'CREATE TABLE gv_user (id int)', down => 'DROP TABLE gv_user',
                   parents => '{b1}', depends_on => '{library}');

SELECT * FROM lg_heads();
SELECT * FROM lg_bases();
SELECT * FROM lg_branches();
SELECT * FROM lg_plan('heads');

-- one branch by its label; another through a dependency
SELECT revision FROM lg_migrate('feature_a@head');
SELECT * FROM lg_current();
SELECT revision FROM lg_migrate('uses_lib');
SELECT * FROM lg_current();
SELECT revision, is_applied, is_current FROM lg_history();
SELECT revision FROM lg_history('a1:a2');
SELECT revision FROM lg_history('b1:');
SELECT revision FROM lg_history(':a1');
SELECT revision FROM lg_history('::');
\echo :LAST_ERROR_SQLSTATE

-- downgrade one branch by label, keeping the others
SELECT revision FROM lg_downgrade('feature_a@base1');
SELECT current FROM lg_status();
SELECT revision FROM lg_migrate('heads');

-- merge the heads; merge refusals
SELECT lg_merge(ARRAY['a2', 'uses_lib'], 'join the features', id => 'm1');
SELECT lg_merge(ARRAY['a2', 'a2']);
\echo :LAST_ERROR_SQLSTATE
SELECT lg_merge(ARRAY['a1', 'b1']);
SELECT lg_merge(ARRAY['m1', 'nope']);
\echo :LAST_ERROR_SQLSTATE
SELECT lg_merge(ARRAY['m1'], id => 'm1');
SELECT parents, up_sql, down_sql FROM lg.revision JOIN lg.script ON revision = id WHERE id = 'm1';
-- "head" counts lib, an effective head (uses_lib depends on it); "heads" does not
SELECT revision, direction FROM lg_migrate('head');
SELECT revision, direction FROM lg_migrate('heads');
SELECT current, heads, at_head FROM lg_status();

-- stamp moves rows without running SQL, and journals it
SELECT lg_stamp('a2');
SELECT current, pending FROM lg_status();
SELECT to_regclass('gv_user') AS still_there;
SELECT lg_stamp('heads');
SELECT lg_stamp('base');
SELECT lg_stamp('nope');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO lg.version VALUES ('ghost');
SELECT lg_stamp('m1');
SELECT lg_stamp('m1', purge => true);
SELECT revision, direction FROM lg.log WHERE direction = 'stamp' ORDER BY id;

SELECT revision FROM lg_downgrade('base');
SELECT to_regclass('gv') AS gv, to_regclass('gv_lib') AS gv_lib;
SET lg.allow_drop = on;  -- revisions are applied: the drop is deliberate
DROP EXTENSION lg;
