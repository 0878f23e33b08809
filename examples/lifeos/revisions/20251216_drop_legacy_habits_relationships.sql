-- The revision the guide names as current before the validation.  Drops the
-- legacy tables (their rows live on in habits_habit and relationships_person);
-- downgrade recreates them and copies the rows back.
SELECT lg_revision('20251216_drop_legacy_habits_relationships',
  parents => '{20251210_finance_account_classification}',
  message => 'drop legacy habits and relationships tables',
  up => $up$
DROP TABLE relationships;
DROP TABLE habits;
$up$,
  down => $down$
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

INSERT INTO habits (id, user_id, name, frequency, created_at)
SELECT id, user_id, name, cadence, created_at FROM habits_habit;
SELECT setval(pg_get_serial_sequence('habits', 'id'), coalesce(max(id), 0) + 1, false) FROM habits;
INSERT INTO relationships (id, user_id, name, email, last_contact, notes)
SELECT id, user_id, full_name, email, last_contacted_at::date, notes FROM relationships_person;
SELECT setval(pg_get_serial_sequence('relationships', 'id'), coalesce(max(id), 0) + 1, false) FROM relationships;
$down$);
