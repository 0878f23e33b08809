-- Designed: receivables and loan groups.
SELECT lg_revision('20251015_finance_receivables_loans',
  parents => '{20251010_finance_money_schedule}',
  message => 'finance receivables and loan groups',
  up => $up$
CREATE TABLE finance_receivable_tracker (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    counterparty VARCHAR(255) NOT NULL,
    account_id INTEGER REFERENCES finance_account(id) ON DELETE SET NULL,
    amount_due NUMERIC(14, 2) NOT NULL CHECK (amount_due >= 0),
    due_date DATE,
    status VARCHAR(20) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'partial', 'paid', 'written_off')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_finance_receivable_tracker_user_status ON finance_receivable_tracker (user_id, status);


CREATE TABLE finance_receivable_manual_entry (
    id SERIAL PRIMARY KEY,
    tracker_id INTEGER NOT NULL REFERENCES finance_receivable_tracker(id) ON DELETE CASCADE,
    entry_date DATE NOT NULL,
    amount NUMERIC(14, 2) NOT NULL,
    note TEXT
);
CREATE INDEX ix_finance_receivable_manual_entry_tracker ON finance_receivable_manual_entry (tracker_id);


CREATE TABLE finance_loan_group (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_finance_loan_group_user ON finance_loan_group (user_id);


CREATE TABLE finance_loan_group_link (
    id SERIAL PRIMARY KEY,
    loan_group_id INTEGER NOT NULL REFERENCES finance_loan_group(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES finance_account(id) ON DELETE CASCADE,
    UNIQUE (loan_group_id, account_id)
);
$up$,
  down => $down$
DROP TABLE finance_loan_group_link;
DROP TABLE finance_loan_group;
DROP TABLE finance_receivable_manual_entry;
DROP TABLE finance_receivable_tracker;
$down$);
