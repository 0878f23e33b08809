-- The guide's validation migration: additive and idempotent.  Ensures every
-- domain table (CREATE TABLE IF NOT EXISTS, the same definitions the earlier
-- revisions create), the account classification columns (ADD COLUMN IF NOT
-- EXISTS), backfills normalized_name, and ensures the 42 domain indexes plus the
-- outbox index (CREATE INDEX IF NOT EXISTS).  Starts with SET LOCAL
-- lock_timeout = '5s' so that it fails instead of hanging behind another
-- session's lock.
SELECT lg_revision('20251218_backend_updates_validation',
  parents => '{20251216_drop_legacy_habits_relationships}',
  message => 'backend updates validation: ensure domain tables and indexes, backfill normalized_name',
  up => $up$
-- Must not hang on locks: give up after 5 s waiting for any lock (the error,
-- 55P03, rolls the whole run back; run it again later).
SET LOCAL lock_timeout = '5s';

-- Finance domain account type classification
CREATE TABLE IF NOT EXISTS finance_account (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL CHECK (btrim(name) <> ''),
    description TEXT,
    is_active BOOLEAN NOT NULL DEFAULT true,
    account_type VARCHAR(20) CHECK (account_type IN ('asset', 'liability', 'equity', 'income', 'expense')),
    account_subtype VARCHAR(50),
    normalized_name VARCHAR(255),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
ALTER TABLE finance_account
    ADD COLUMN IF NOT EXISTS account_type VARCHAR(20) CHECK (account_type IN ('asset', 'liability', 'equity', 'income', 'expense')),
    ADD COLUMN IF NOT EXISTS account_subtype VARCHAR(50),
    ADD COLUMN IF NOT EXISTS normalized_name VARCHAR(255),
    ADD COLUMN IF NOT EXISTS created_at TIMESTAMPTZ NOT NULL DEFAULT now();

-- Backfill: account name normalization
UPDATE finance_account
   SET normalized_name = LOWER(TRIM(name))
 WHERE normalized_name = '' OR normalized_name IS NULL;
CREATE INDEX IF NOT EXISTS ix_finance_account_type ON finance_account (account_type);
CREATE INDEX IF NOT EXISTS ix_finance_account_user_type ON finance_account (user_id, account_type);
CREATE INDEX IF NOT EXISTS ix_finance_account_normalized_name ON finance_account (normalized_name);
CREATE INDEX IF NOT EXISTS ix_finance_account_user_normalized_name ON finance_account (user_id, normalized_name varchar_pattern_ops);

-- Platform
CREATE TABLE IF NOT EXISTS platform_outbox (
    id BIGSERIAL PRIMARY KEY,
    event_type VARCHAR(100) NOT NULL,
    aggregate_type VARCHAR(50),
    aggregate_id BIGINT,
    user_id INTEGER,
    payload JSONB NOT NULL DEFAULT '{}'::jsonb,
    status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_platform_outbox_status_created ON platform_outbox (status, created_at);

-- Finance
CREATE TABLE IF NOT EXISTS finance_journal_entry (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    entry_date DATE NOT NULL,
    description TEXT,
    reference VARCHAR(100),
    posted BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_finance_journal_entry_user_date ON finance_journal_entry (user_id, entry_date);
CREATE TABLE IF NOT EXISTS finance_journal_line (
    id SERIAL PRIMARY KEY,
    journal_entry_id INTEGER NOT NULL REFERENCES finance_journal_entry(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES finance_account(id),
    debit NUMERIC(14, 2) NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit NUMERIC(14, 2) NOT NULL DEFAULT 0 CHECK (credit >= 0),
    memo TEXT,
    CHECK (debit = 0 OR credit = 0)
);
CREATE INDEX IF NOT EXISTS ix_finance_journal_line_entry ON finance_journal_line (journal_entry_id);
CREATE INDEX IF NOT EXISTS ix_finance_journal_line_account ON finance_journal_line (account_id);
CREATE TABLE IF NOT EXISTS finance_transaction (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    account_id INTEGER REFERENCES finance_account(id) ON DELETE SET NULL,
    journal_entry_id INTEGER REFERENCES finance_journal_entry(id) ON DELETE SET NULL,
    posted_on DATE NOT NULL,
    amount NUMERIC(14, 2) NOT NULL,
    description TEXT,
    category VARCHAR(100),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_finance_transaction_user_posted ON finance_transaction (user_id, posted_on);
CREATE INDEX IF NOT EXISTS ix_finance_transaction_account ON finance_transaction (account_id);
CREATE TABLE IF NOT EXISTS finance_trial_balance_setting (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL UNIQUE,
    group_by VARCHAR(20) NOT NULL DEFAULT 'account_type' CHECK (group_by IN ('account_type', 'account')),
    show_zero_balances BOOLEAN NOT NULL DEFAULT false,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS finance_money_schedule_scenario (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(100) NOT NULL,
    is_baseline BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, name)
);
CREATE TABLE IF NOT EXISTS finance_money_schedule_row (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    account_id INTEGER REFERENCES finance_account(id) ON DELETE SET NULL,
    description VARCHAR(255) NOT NULL,
    amount NUMERIC(14, 2) NOT NULL,
    frequency VARCHAR(20) NOT NULL CHECK (frequency IN ('once', 'weekly', 'biweekly', 'monthly', 'yearly')),
    next_date DATE NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_finance_money_schedule_row_user_next ON finance_money_schedule_row (user_id, next_date);
CREATE TABLE IF NOT EXISTS finance_money_schedule_scenario_row (
    id SERIAL PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES finance_money_schedule_scenario(id) ON DELETE CASCADE,
    schedule_row_id INTEGER REFERENCES finance_money_schedule_row(id) ON DELETE CASCADE,
    amount_override NUMERIC(14, 2),
    excluded BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS ix_finance_money_schedule_scenario_row_scenario ON finance_money_schedule_scenario_row (scenario_id);
CREATE TABLE IF NOT EXISTS finance_money_schedule_daily_balance (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    scenario_id INTEGER REFERENCES finance_money_schedule_scenario(id) ON DELETE CASCADE,
    balance_date DATE NOT NULL,
    balance NUMERIC(14, 2) NOT NULL,
    UNIQUE (user_id, scenario_id, balance_date)
);
CREATE INDEX IF NOT EXISTS ix_finance_money_schedule_daily_balance_user_date ON finance_money_schedule_daily_balance (user_id, balance_date);
CREATE TABLE IF NOT EXISTS finance_receivable_tracker (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    counterparty VARCHAR(255) NOT NULL,
    account_id INTEGER REFERENCES finance_account(id) ON DELETE SET NULL,
    amount_due NUMERIC(14, 2) NOT NULL CHECK (amount_due >= 0),
    due_date DATE,
    status VARCHAR(20) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'partial', 'paid', 'written_off')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_finance_receivable_tracker_user_status ON finance_receivable_tracker (user_id, status);
CREATE TABLE IF NOT EXISTS finance_receivable_manual_entry (
    id SERIAL PRIMARY KEY,
    tracker_id INTEGER NOT NULL REFERENCES finance_receivable_tracker(id) ON DELETE CASCADE,
    entry_date DATE NOT NULL,
    amount NUMERIC(14, 2) NOT NULL,
    note TEXT
);
CREATE INDEX IF NOT EXISTS ix_finance_receivable_manual_entry_tracker ON finance_receivable_manual_entry (tracker_id);
CREATE TABLE IF NOT EXISTS finance_loan_group (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_finance_loan_group_user ON finance_loan_group (user_id);
CREATE TABLE IF NOT EXISTS finance_loan_group_link (
    id SERIAL PRIMARY KEY,
    loan_group_id INTEGER NOT NULL REFERENCES finance_loan_group(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES finance_account(id) ON DELETE CASCADE,
    UNIQUE (loan_group_id, account_id)
);

-- Journal
CREATE TABLE IF NOT EXISTS journal_entry (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    entry_date DATE NOT NULL DEFAULT CURRENT_DATE,
    title VARCHAR(255),
    body TEXT NOT NULL,
    mood SMALLINT CHECK (mood BETWEEN 1 AND 10),
    tags TEXT[] NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_journal_entry_user_date ON journal_entry (user_id, entry_date DESC);
CREATE INDEX IF NOT EXISTS ix_journal_entry_tags ON journal_entry USING GIN (tags);
CREATE INDEX IF NOT EXISTS ix_journal_entry_user_mood ON journal_entry (user_id, mood) WHERE mood IS NOT NULL;

-- Habits
CREATE TABLE IF NOT EXISTS habits_habit (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    description TEXT,
    cadence VARCHAR(20) NOT NULL DEFAULT 'daily' CHECK (cadence IN ('daily', 'weekly', 'monthly')),
    target_count INTEGER NOT NULL DEFAULT 1 CHECK (target_count > 0),
    is_active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_habits_habit_user ON habits_habit (user_id);
CREATE INDEX IF NOT EXISTS ix_habits_habit_user_active ON habits_habit (user_id, name) WHERE is_active;
CREATE TABLE IF NOT EXISTS habits_habit_log (
    id SERIAL PRIMARY KEY,
    habit_id INTEGER NOT NULL REFERENCES habits_habit(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    logged_on DATE NOT NULL,
    count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 0),
    note TEXT,
    UNIQUE (habit_id, logged_on)
);
CREATE INDEX IF NOT EXISTS ix_habits_habit_log_habit_date ON habits_habit_log (habit_id, logged_on DESC);
CREATE INDEX IF NOT EXISTS ix_habits_habit_log_user_date ON habits_habit_log (user_id, logged_on);

-- Health
CREATE TABLE IF NOT EXISTS health_biometric (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    measured_at TIMESTAMPTZ NOT NULL,
    metric VARCHAR(50) NOT NULL,
    value NUMERIC(10, 3) NOT NULL,
    unit VARCHAR(20)
);
CREATE INDEX IF NOT EXISTS ix_health_biometric_user_metric_time ON health_biometric (user_id, metric, measured_at DESC);
CREATE TABLE IF NOT EXISTS health_workout (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    workout_type VARCHAR(50) NOT NULL,
    duration_minutes INTEGER CHECK (duration_minutes > 0),
    calories INTEGER CHECK (calories >= 0),
    notes TEXT
);
CREATE INDEX IF NOT EXISTS ix_health_workout_user_time ON health_workout (user_id, started_at DESC);
CREATE TABLE IF NOT EXISTS health_nutrition_log (
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
CREATE INDEX IF NOT EXISTS ix_health_nutrition_log_user_time ON health_nutrition_log (user_id, logged_at DESC);

-- Skills
CREATE TABLE IF NOT EXISTS skill (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    category VARCHAR(100),
    current_level SMALLINT NOT NULL DEFAULT 0 CHECK (current_level BETWEEN 0 AND 10),
    target_level SMALLINT CHECK (target_level BETWEEN 1 AND 10),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, name)
);
CREATE INDEX IF NOT EXISTS ix_skill_user_category ON skill (user_id, category);
CREATE TABLE IF NOT EXISTS skill_practice_session (
    id SERIAL PRIMARY KEY,
    skill_id INTEGER NOT NULL REFERENCES skill(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    practiced_on DATE NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    notes TEXT
);
CREATE INDEX IF NOT EXISTS ix_skill_practice_session_skill_date ON skill_practice_session (skill_id, practiced_on DESC);
CREATE INDEX IF NOT EXISTS ix_skill_practice_session_user_date ON skill_practice_session (user_id, practiced_on);
CREATE TABLE IF NOT EXISTS skill_metric (
    id SERIAL PRIMARY KEY,
    skill_id INTEGER NOT NULL REFERENCES skill(id) ON DELETE CASCADE,
    measured_on DATE NOT NULL,
    metric VARCHAR(50) NOT NULL,
    value NUMERIC(10, 2) NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_skill_metric_skill_metric_date ON skill_metric (skill_id, metric, measured_on);

-- Projects
CREATE TABLE IF NOT EXISTS project (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'on_hold', 'done', 'archived')),
    due_date DATE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_project_user_status ON project (user_id, status);
CREATE INDEX IF NOT EXISTS ix_project_user_due ON project (user_id, due_date) WHERE due_date IS NOT NULL;
CREATE TABLE IF NOT EXISTS project_task (
    id SERIAL PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    title VARCHAR(255) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'blocked', 'done')),
    priority SMALLINT NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
    due_date DATE,
    completed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_project_task_project ON project_task (project_id);
CREATE INDEX IF NOT EXISTS ix_project_task_project_priority ON project_task (project_id, priority);
CREATE INDEX IF NOT EXISTS ix_project_task_user_status ON project_task (user_id, status);
CREATE INDEX IF NOT EXISTS ix_project_task_user_due_open ON project_task (user_id, due_date) WHERE status <> 'done';
CREATE TABLE IF NOT EXISTS project_task_log (
    id SERIAL PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES project_task(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    logged_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    minutes INTEGER CHECK (minutes >= 0),
    note TEXT
);
CREATE INDEX IF NOT EXISTS ix_project_task_log_task ON project_task_log (task_id);
CREATE INDEX IF NOT EXISTS ix_project_task_log_user_time ON project_task_log (user_id, logged_at DESC);

-- Relationships
CREATE TABLE IF NOT EXISTS relationships_person (
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
CREATE INDEX IF NOT EXISTS ix_relationships_person_user_name ON relationships_person (user_id, full_name);
CREATE INDEX IF NOT EXISTS ix_relationships_person_user_email ON relationships_person (user_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_relationships_person_user_last_contact ON relationships_person (user_id, last_contacted_at);
CREATE TABLE IF NOT EXISTS relationships_interaction (
    id SERIAL PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES relationships_person(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    channel VARCHAR(20) CHECK (channel IN ('call', 'message', 'email', 'in_person', 'other')),
    summary TEXT
);
CREATE INDEX IF NOT EXISTS ix_relationships_interaction_person_time ON relationships_interaction (person_id, occurred_at DESC);
CREATE INDEX IF NOT EXISTS ix_relationships_interaction_user_time ON relationships_interaction (user_id, occurred_at DESC);
$up$,
  down => $down$
-- Only the four finance_account indexes are new in this revision; every other
-- object it ensures belongs to an earlier revision and stays.
DROP INDEX IF EXISTS ix_finance_account_user_normalized_name;
DROP INDEX IF EXISTS ix_finance_account_normalized_name;
DROP INDEX IF EXISTS ix_finance_account_user_type;
DROP INDEX IF EXISTS ix_finance_account_type;
$down$);
