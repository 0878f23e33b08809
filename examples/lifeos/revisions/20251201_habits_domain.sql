-- Designed: the habits domain tables; existing legacy habits are copied over
-- (same ids), the legacy table stays until 20251216.
SELECT lg_revision('20251201_habits_domain',
  parents => '{20251120_projects_domain}',
  message => 'habits domain (habits_habit, habits_habit_log), copied from the legacy habits table',
  up => $up$
CREATE TABLE habits_habit (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    description TEXT,
    cadence VARCHAR(20) NOT NULL DEFAULT 'daily' CHECK (cadence IN ('daily', 'weekly', 'monthly')),
    target_count INTEGER NOT NULL DEFAULT 1 CHECK (target_count > 0),
    is_active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_habits_habit_user ON habits_habit (user_id);
CREATE INDEX ix_habits_habit_user_active ON habits_habit (user_id, name) WHERE is_active;


CREATE TABLE habits_habit_log (
    id SERIAL PRIMARY KEY,
    habit_id INTEGER NOT NULL REFERENCES habits_habit(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    logged_on DATE NOT NULL,
    count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 0),
    note TEXT,
    UNIQUE (habit_id, logged_on)
);
CREATE INDEX ix_habits_habit_log_habit_date ON habits_habit_log (habit_id, logged_on DESC);
CREATE INDEX ix_habits_habit_log_user_date ON habits_habit_log (user_id, logged_on);

INSERT INTO habits_habit (id, user_id, name, cadence, created_at)
SELECT id, user_id, name,
       CASE WHEN frequency IN ('daily', 'weekly', 'monthly') THEN frequency ELSE 'daily' END,
       created_at
  FROM habits;
SELECT setval(pg_get_serial_sequence('habits_habit', 'id'), coalesce(max(id), 0) + 1, false) FROM habits_habit;
$up$,
  down => $down$
DROP TABLE habits_habit_log;
DROP TABLE habits_habit;
$down$);
