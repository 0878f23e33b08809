-- An enum for how urgent a task is, on every task (an ordinary revision).
SELECT lg_revision('20260105_task_urgency',
  parents => '{20251218_backend_updates_validation}',
  message => 'task urgency enum',
  up => $up$
CREATE TYPE task_urgency AS ENUM ('low', 'normal', 'high');
ALTER TABLE project_task ADD COLUMN urgency task_urgency NOT NULL DEFAULT 'normal';
$up$,
  down => $down$
ALTER TABLE project_task DROP COLUMN urgency;
DROP TYPE task_urgency;
$down$);
