-- LifeOS (seed 003): registers every revision with lg.
-- Run from this folder:  psql -X -v ON_ERROR_STOP=1 -f load.sql
-- then:                  SELECT * FROM lg_migrate('head');
-- A chain of 14 revisions; the last two are the guide's
-- 20251216_drop_legacy_habits_relationships and 20251218_backend_updates_validation.
\ir revisions/20251001_platform_outbox.sql
\ir revisions/20251002_finance_core.sql
\ir revisions/20251003_legacy_habits_relationships.sql
\ir revisions/20251010_finance_money_schedule.sql
\ir revisions/20251015_finance_receivables_loans.sql
\ir revisions/20251101_journal_domain.sql
\ir revisions/20251110_health_domain.sql
\ir revisions/20251115_skills_domain.sql
\ir revisions/20251120_projects_domain.sql
\ir revisions/20251201_habits_domain.sql
\ir revisions/20251205_relationships_domain.sql
\ir revisions/20251210_finance_account_classification.sql
\ir revisions/20251216_drop_legacy_habits_relationships.sql
\ir revisions/20251218_backend_updates_validation.sql
