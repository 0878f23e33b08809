-- Designed: the pre-domain habits and relationships tables that
-- 20251216_drop_legacy_habits_relationships removes.
SELECT lg_revision('20251003_legacy_habits_relationships',
  parents => '{20251002_finance_core}',
  message => 'habits and relationships (legacy, before the domain split)',
  up => $up$
CREATE TABLE habits (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    frequency VARCHAR(20) NOT NULL DEFAULT 'daily',
    streak INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE relationships (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    email VARCHAR(255),
    last_contact DATE,
    notes TEXT
);
$up$,
  down => $down$
DROP TABLE relationships;
DROP TABLE habits;
$down$);
