-- A new enum value, used by the next statement: ALTER TYPE ... ADD VALUE
-- runs in a transaction, but its value cannot be used before that
-- transaction commits.  lg registers the revision as non-transactional and
-- commits right after the ADD VALUE (CALL lg_apply); lg_migrate refuses it.
SELECT lg_revision('20260110_task_urgent_overdue',
  parents => '{20260105_task_urgency}',
  message => 'urgent: a new urgency, given to overdue open tasks',
  up => $up$
ALTER TYPE task_urgency ADD VALUE IF NOT EXISTS 'urgent' AFTER 'high';
UPDATE project_task SET urgency = 'urgent'
 WHERE status <> 'done' AND due_date < current_date;
$up$,
  -- An enum value cannot be dropped: the type is built again without it.
  down => $down$
UPDATE project_task SET urgency = 'high' WHERE urgency = 'urgent';
ALTER TABLE project_task ALTER COLUMN urgency DROP DEFAULT;
ALTER TYPE task_urgency RENAME TO task_urgency_with_urgent;
CREATE TYPE task_urgency AS ENUM ('low', 'normal', 'high');
ALTER TABLE project_task
  ALTER COLUMN urgency TYPE task_urgency USING urgency::text::task_urgency,
  ALTER COLUMN urgency SET DEFAULT 'normal';
DROP TYPE task_urgency_with_urgent;
$down$);
