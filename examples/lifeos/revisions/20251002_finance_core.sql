-- Designed: the finance core.  finance_account starts without the type
-- classification columns (20251210 adds them).
SELECT lg_revision('20251002_finance_core',
  parents => '{20251001_platform_outbox}',
  message => 'finance core: accounts, journal entries and lines, transactions, trial balance settings',
  up => $up$
CREATE TABLE finance_account (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL CHECK (btrim(name) <> ''),
    description TEXT,
    is_active BOOLEAN NOT NULL DEFAULT true
);

CREATE TABLE finance_journal_entry (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    entry_date DATE NOT NULL,
    description TEXT,
    reference VARCHAR(100),
    posted BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_finance_journal_entry_user_date ON finance_journal_entry (user_id, entry_date);


CREATE TABLE finance_journal_line (
    id SERIAL PRIMARY KEY,
    journal_entry_id INTEGER NOT NULL REFERENCES finance_journal_entry(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES finance_account(id),
    debit NUMERIC(14, 2) NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit NUMERIC(14, 2) NOT NULL DEFAULT 0 CHECK (credit >= 0),
    memo TEXT,
    CHECK (debit = 0 OR credit = 0)
);
CREATE INDEX ix_finance_journal_line_entry ON finance_journal_line (journal_entry_id);
CREATE INDEX ix_finance_journal_line_account ON finance_journal_line (account_id);


CREATE TABLE finance_transaction (
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
CREATE INDEX ix_finance_transaction_user_posted ON finance_transaction (user_id, posted_on);
CREATE INDEX ix_finance_transaction_account ON finance_transaction (account_id);


CREATE TABLE finance_trial_balance_setting (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL UNIQUE,
    group_by VARCHAR(20) NOT NULL DEFAULT 'account_type' CHECK (group_by IN ('account_type', 'account')),
    show_zero_balances BOOLEAN NOT NULL DEFAULT false,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
$up$,
  down => $down$
DROP TABLE finance_trial_balance_setting;
DROP TABLE finance_transaction;
DROP TABLE finance_journal_line;
DROP TABLE finance_journal_entry;
DROP TABLE finance_account;
$down$);
