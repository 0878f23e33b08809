-- The backfill and the urgency change on real rows: the three revisions are
-- reverted and applied again over 12,000 tasks (CALL lg_apply commits, so
-- this test cleans up after itself instead of rolling back).
SELECT plan(6);
SET client_min_messages = warning;
SELECT coalesce(max(id), 0) AS log_before FROM lg.log \gset
CALL lg_apply('20260105_task_urgency', 'down');
INSERT INTO project (user_id, name) VALUES (1, 'backfill test');
INSERT INTO project_task (project_id, user_id, title, status, due_date)
SELECT currval('project_id_seq'), 1, 'Task ' || g, CASE WHEN g % 3 = 0 THEN 'done' ELSE 'todo' END,
       current_date + (g % 5) - 2
  FROM generate_series(1, 12000) g;
CALL lg_apply('head');
SELECT is((SELECT count(*) FROM project_task WHERE title_lower IS DISTINCT FROM lower(title)), 0::bigint,
          'every title is backfilled, across three committed batches');
SELECT is((SELECT count(*) FROM project_task WHERE urgency = 'urgent'),
          (SELECT count(*) FROM project_task WHERE status <> 'done' AND due_date < current_date),
          'overdue open tasks are urgent');
SELECT ok((SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_project_task_title_lower'::regclass),
          'the index is valid');
SELECT is((SELECT in_progress FROM lg_status()), NULL, 'nothing is left in progress');
SELECT is((SELECT string_agg(revision || ' ' || direction, ', ' ORDER BY id) FROM lg.log
            WHERE id > :log_before AND outcome = 'ok'),
          '20260115_task_title_search down, 20260110_task_urgent_overdue down, '
          '20260110_task_urgent_overdue up, 20260115_task_title_search up',
          'each step journaled once, nothing failed');
DELETE FROM project WHERE name = 'backfill test';
SELECT is((SELECT count(*) FROM project_task), 0::bigint, 'the test rows are gone');
SELECT * FROM finish();
