-- Designed: the skills domain (table names as the guide lists them).
SELECT lg_revision('20251115_skills_domain',
  parents => '{20251110_health_domain}',
  message => 'skills domain',
  up => $up$
CREATE TABLE skill (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    category VARCHAR(100),
    current_level SMALLINT NOT NULL DEFAULT 0 CHECK (current_level BETWEEN 0 AND 10),
    target_level SMALLINT CHECK (target_level BETWEEN 1 AND 10),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, name)
);
CREATE INDEX ix_skill_user_category ON skill (user_id, category);


CREATE TABLE skill_practice_session (
    id SERIAL PRIMARY KEY,
    skill_id INTEGER NOT NULL REFERENCES skill(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    practiced_on DATE NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    notes TEXT
);
CREATE INDEX ix_skill_practice_session_skill_date ON skill_practice_session (skill_id, practiced_on DESC);
CREATE INDEX ix_skill_practice_session_user_date ON skill_practice_session (user_id, practiced_on);


CREATE TABLE skill_metric (
    id SERIAL PRIMARY KEY,
    skill_id INTEGER NOT NULL REFERENCES skill(id) ON DELETE CASCADE,
    measured_on DATE NOT NULL,
    metric VARCHAR(50) NOT NULL,
    value NUMERIC(10, 2) NOT NULL
);
CREATE INDEX ix_skill_metric_skill_metric_date ON skill_metric (skill_id, metric, measured_on);
$up$,
  down => $down$
DROP TABLE skill_metric;
DROP TABLE skill_practice_session;
DROP TABLE skill;
$down$);
