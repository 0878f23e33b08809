-- Revision SQL that uses lg itself: registering a revision and reading the
-- status in the middle of a run must not pull the registry from under the
-- run (each caller holds its own reference to the registry it loaded).
CREATE EXTENSION lg;
SET client_min_messages = warning;
SELECT lg_revision('n1', up => $$SELECT lg_revision('n_late', up => 'SELECT 1', down => '', parents => '{n3}');
                               SELECT count(*) FROM lg_status();
                               SELECT count(*) FROM lg_history()$$,
                   down => $$DELETE FROM lg.revision WHERE id = 'n_late'$$);
SELECT lg_revision('n2', up => 'SELECT 2', down => '', parents => '{n1}');
SELECT lg_revision('n3', up => 'SELECT 3', down => '', parents => '{n2}');
SELECT revision, direction, statements FROM lg_migrate('head');
SELECT revision, is_applied FROM lg_history();
SELECT revision FROM lg_migrate('head');
SELECT revision FROM lg_downgrade('base');
SELECT id FROM lg.revision ORDER BY ord;
SET lg.allow_drop = on;  -- revisions are applied: the drop is deliberate
DROP EXTENSION lg;
