-- Case-insensitive title search, done online: the column is added and
-- committed at once (a short ACCESS EXCLUSIVE lock), the backfill runs in
-- batches, each committed with COMMIT AND CHAIN (no long transaction, no
-- row locked for long), and the index is built with CREATE INDEX
-- CONCURRENTLY (writes keep flowing; lg runs it top level in its worker).
-- Re-running after a failure resumes at the first batch that did not
-- commit; the batches are idempotent anyway (WHERE title_lower IS NULL).
SELECT lg_revision('20260115_task_title_search',
  parents => '{20260110_task_urgent_overdue}',
  message => 'lower-case task titles, backfilled in batches, indexed concurrently',
  up => $up$
ALTER TABLE project_task ADD COLUMN title_lower text;
COMMIT;
UPDATE project_task SET title_lower = lower(title)
 WHERE id IN (SELECT id FROM project_task WHERE title_lower IS NULL ORDER BY id LIMIT 5000);
COMMIT AND CHAIN;
UPDATE project_task SET title_lower = lower(title)
 WHERE id IN (SELECT id FROM project_task WHERE title_lower IS NULL ORDER BY id LIMIT 5000);
COMMIT AND CHAIN;
UPDATE project_task SET title_lower = lower(title) WHERE title_lower IS NULL;
COMMIT;
CREATE INDEX CONCURRENTLY ix_project_task_title_lower ON project_task (title_lower text_pattern_ops);
$up$,
  down => $down$
DROP INDEX CONCURRENTLY IF EXISTS ix_project_task_title_lower;
ALTER TABLE project_task DROP COLUMN IF EXISTS title_lower;
$down$);
