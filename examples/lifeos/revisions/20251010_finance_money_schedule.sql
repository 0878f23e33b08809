-- Designed: money schedule tables.
SELECT lg_revision('20251010_finance_money_schedule',
  parents => '{20251003_legacy_habits_relationships}',
  message => 'finance money schedule: rows, scenarios, daily balances',
  up => $up$
CREATE TABLE finance_money_schedule_scenario (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(100) NOT NULL,
    is_baseline BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, name)
);


CREATE TABLE finance_money_schedule_row (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    account_id INTEGER REFERENCES finance_account(id) ON DELETE SET NULL,
    description VARCHAR(255) NOT NULL,
    amount NUMERIC(14, 2) NOT NULL,
    frequency VARCHAR(20) NOT NULL CHECK (frequency IN ('once', 'weekly', 'biweekly', 'monthly', 'yearly')),
    next_date DATE NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_finance_money_schedule_row_user_next ON finance_money_schedule_row (user_id, next_date);


CREATE TABLE finance_money_schedule_scenario_row (
    id SERIAL PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES finance_money_schedule_scenario(id) ON DELETE CASCADE,
    schedule_row_id INTEGER REFERENCES finance_money_schedule_row(id) ON DELETE CASCADE,
    amount_override NUMERIC(14, 2),
    excluded BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX ix_finance_money_schedule_scenario_row_scenario ON finance_money_schedule_scenario_row (scenario_id);


CREATE TABLE finance_money_schedule_daily_balance (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    scenario_id INTEGER REFERENCES finance_money_schedule_scenario(id) ON DELETE CASCADE,
    balance_date DATE NOT NULL,
    balance NUMERIC(14, 2) NOT NULL,
    UNIQUE (user_id, scenario_id, balance_date)
);
CREATE INDEX ix_finance_money_schedule_daily_balance_user_date ON finance_money_schedule_daily_balance (user_id, balance_date);
$up$,
  down => $down$
DROP TABLE finance_money_schedule_daily_balance;
DROP TABLE finance_money_schedule_scenario_row;
DROP TABLE finance_money_schedule_row;
DROP TABLE finance_money_schedule_scenario;
$down$);
