-- Designed: the journal domain (journal_entry).
SELECT lg_revision('20251101_journal_domain',
  parents => '{20251015_finance_receivables_loans}',
  message => 'journal domain',
  up => $up$
CREATE TABLE journal_entry (
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
CREATE INDEX ix_journal_entry_user_date ON journal_entry (user_id, entry_date DESC);
CREATE INDEX ix_journal_entry_tags ON journal_entry USING GIN (tags);
CREATE INDEX ix_journal_entry_user_mood ON journal_entry (user_id, mood) WHERE mood IS NOT NULL;
$up$,
  down => $down$
DROP TABLE journal_entry;
$down$);
