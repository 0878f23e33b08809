-- Designed: the health domain.
SELECT lg_revision('20251110_health_domain',
  parents => '{20251101_journal_domain}',
  message => 'health domain',
  up => $up$
CREATE TABLE health_biometric (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    measured_at TIMESTAMPTZ NOT NULL,
    metric VARCHAR(50) NOT NULL,
    value NUMERIC(10, 3) NOT NULL,
    unit VARCHAR(20)
);
CREATE INDEX ix_health_biometric_user_metric_time ON health_biometric (user_id, metric, measured_at DESC);


CREATE TABLE health_workout (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    workout_type VARCHAR(50) NOT NULL,
    duration_minutes INTEGER CHECK (duration_minutes > 0),
    calories INTEGER CHECK (calories >= 0),
    notes TEXT
);
CREATE INDEX ix_health_workout_user_time ON health_workout (user_id, started_at DESC);


CREATE TABLE health_nutrition_log (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    logged_at TIMESTAMPTZ NOT NULL,
    meal VARCHAR(20) CHECK (meal IN ('breakfast', 'lunch', 'dinner', 'snack')),
    calories INTEGER CHECK (calories >= 0),
    protein_g NUMERIC(6, 1),
    carbs_g NUMERIC(6, 1),
    fat_g NUMERIC(6, 1),
    notes TEXT
);
CREATE INDEX ix_health_nutrition_log_user_time ON health_nutrition_log (user_id, logged_at DESC);
$up$,
  down => $down$
DROP TABLE health_nutrition_log;
DROP TABLE health_workout;
DROP TABLE health_biometric;
$down$);
