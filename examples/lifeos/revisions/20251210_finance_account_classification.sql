-- Designed: the account type classification the validation revision checks.
-- normalized_name is added empty: existing rows get it from the backfill in
-- 20251218_backend_updates_validation.
SELECT lg_revision('20251210_finance_account_classification',
  parents => '{20251205_relationships_domain}',
  message => 'finance_account: account_type, account_subtype, normalized_name, created_at',
  up => $up$
ALTER TABLE finance_account
    ADD COLUMN account_type VARCHAR(20) CHECK (account_type IN ('asset', 'liability', 'equity', 'income', 'expense')),
    ADD COLUMN account_subtype VARCHAR(50),
    ADD COLUMN normalized_name VARCHAR(255),
    ADD COLUMN created_at TIMESTAMPTZ NOT NULL DEFAULT now();
$up$,
  down => $down$
ALTER TABLE finance_account
    DROP COLUMN created_at,
    DROP COLUMN normalized_name,
    DROP COLUMN account_subtype,
    DROP COLUMN account_type;
$down$);
