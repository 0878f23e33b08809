-- Designed: the relationships domain tables; legacy rows are copied over.
SELECT lg_revision('20251205_relationships_domain',
  parents => '{20251201_habits_domain}',
  message => 'relationships domain (relationships_person, relationships_interaction), copied from the legacy relationships table',
  up => $up$
CREATE TABLE relationships_person (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    full_name VARCHAR(255) NOT NULL,
    email VARCHAR(255),
    relationship_type VARCHAR(50),
    birthday DATE,
    last_contacted_at TIMESTAMPTZ,
    notes TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_relationships_person_user_name ON relationships_person (user_id, full_name);
CREATE INDEX ix_relationships_person_user_email ON relationships_person (user_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX ix_relationships_person_user_last_contact ON relationships_person (user_id, last_contacted_at);


CREATE TABLE relationships_interaction (
    id SERIAL PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES relationships_person(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    channel VARCHAR(20) CHECK (channel IN ('call', 'message', 'email', 'in_person', 'other')),
    summary TEXT
);
CREATE INDEX ix_relationships_interaction_person_time ON relationships_interaction (person_id, occurred_at DESC);
CREATE INDEX ix_relationships_interaction_user_time ON relationships_interaction (user_id, occurred_at DESC);

INSERT INTO relationships_person (id, user_id, full_name, email, last_contacted_at, notes)
SELECT id, user_id, name, email, last_contact::timestamptz, notes
  FROM relationships;
SELECT setval(pg_get_serial_sequence('relationships_person', 'id'), coalesce(max(id), 0) + 1, false) FROM relationships_person;
$up$,
  down => $down$
DROP TABLE relationships_interaction;
DROP TABLE relationships_person;
$down$);
