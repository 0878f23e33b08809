-- What the three online revisions leave, at head (after CALL lg_apply).
BEGIN;
SELECT plan(9);

SELECT has_type('task_urgency');
SELECT enum_has_labels('task_urgency', ARRAY['low', 'normal', 'high', 'urgent']);
SELECT col_type_is('project_task', 'urgency', 'task_urgency');
SELECT col_default_is('project_task', 'urgency', 'normal');
SELECT has_column('project_task', 'title_lower');
SELECT has_index('project_task', 'ix_project_task_title_lower');
SELECT ok((SELECT indisvalid FROM pg_index
            WHERE indexrelid = 'ix_project_task_title_lower'::regclass),
          'the concurrently built index is valid');
SELECT is((SELECT array_agg(id ORDER BY id) FROM lg.revision WHERE NOT transactional),
          ARRAY['20260110_task_urgent_overdue', '20260115_task_title_search'],
          'lg registered the two revisions as non-transactional by itself');
-- The enum value is usable in a new row (the ADD VALUE was committed).
INSERT INTO project (user_id, name) VALUES (1, 'p') ;
INSERT INTO project_task (project_id, user_id, title, urgency, due_date)
     VALUES (currval('project_id_seq'), 1, 'Ship It', 'urgent', current_date - 1);
SELECT is((SELECT title_lower IS NULL FROM project_task WHERE title = 'Ship It'), true,
          'a new row has no title_lower until the application writes it');

SELECT * FROM finish();
ROLLBACK;
