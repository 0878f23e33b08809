-- LifeOS at head: the guide's deployment checks (current revision, tables,
-- indexes, normalized names, typeahead query, outbox) and the validation
-- revision's shape.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(61);

-- flask db current -> 20251218_backend_updates_validation
SELECT results_eq($$SELECT revision, is_head FROM lg_current()$$,
                  $$VALUES ('20251218_backend_updates_validation', true)$$,
                  'current: 20251218_backend_updates_validation (head)');
SELECT is((SELECT parents FROM lg_history() WHERE revision = '20251218_backend_updates_validation'),
          ARRAY['20251216_drop_legacy_habits_relationships'], 'the validation follows 20251216_drop_legacy_habits_relationships');
SELECT is((SELECT count(*)::int FROM lg_history() WHERE is_applied), 14, 'the whole chain of 14 is applied');

-- every domain table, nothing else (the legacy tables are gone)
SELECT tables_are('public', ARRAY[
  'platform_outbox',
  'finance_account', 'finance_journal_entry', 'finance_journal_line', 'finance_transaction',
  'finance_money_schedule_row', 'finance_money_schedule_daily_balance', 'finance_money_schedule_scenario',
  'finance_money_schedule_scenario_row', 'finance_receivable_tracker', 'finance_receivable_manual_entry',
  'finance_loan_group', 'finance_loan_group_link', 'finance_trial_balance_setting',
  'journal_entry',
  'habits_habit', 'habits_habit_log',
  'health_biometric', 'health_workout', 'health_nutrition_log',
  'skill', 'skill_practice_session', 'skill_metric',
  'project', 'project_task', 'project_task_log',
  'relationships_person', 'relationships_interaction'], 'all domain tables, and no legacy habits/relationships');

-- Finance domain account type classification
SELECT has_column('finance_account', 'account_type', 'finance_account.account_type');
SELECT has_column('finance_account', 'account_subtype', 'finance_account.account_subtype');
SELECT has_column('finance_account', 'normalized_name', 'finance_account.normalized_name');
SELECT has_column('finance_account', 'created_at', 'finance_account.created_at');

-- the 42 domain indexes, by name
SELECT has_index(t, i, format('index %s on %s', i, t)) FROM (VALUES
  ('finance_account', 'ix_finance_account_type'),
  ('finance_account', 'ix_finance_account_user_type'),
  ('finance_account', 'ix_finance_account_normalized_name'),
  ('finance_account', 'ix_finance_account_user_normalized_name'),
  ('finance_journal_entry', 'ix_finance_journal_entry_user_date'),
  ('finance_journal_line', 'ix_finance_journal_line_entry'),
  ('finance_journal_line', 'ix_finance_journal_line_account'),
  ('finance_transaction', 'ix_finance_transaction_user_posted'),
  ('finance_transaction', 'ix_finance_transaction_account'),
  ('finance_money_schedule_row', 'ix_finance_money_schedule_row_user_next'),
  ('finance_money_schedule_scenario_row', 'ix_finance_money_schedule_scenario_row_scenario'),
  ('finance_money_schedule_daily_balance', 'ix_finance_money_schedule_daily_balance_user_date'),
  ('finance_receivable_tracker', 'ix_finance_receivable_tracker_user_status'),
  ('finance_receivable_manual_entry', 'ix_finance_receivable_manual_entry_tracker'),
  ('finance_loan_group', 'ix_finance_loan_group_user'),
  ('journal_entry', 'ix_journal_entry_user_date'),
  ('journal_entry', 'ix_journal_entry_tags'),
  ('journal_entry', 'ix_journal_entry_user_mood'),
  ('habits_habit', 'ix_habits_habit_user'),
  ('habits_habit', 'ix_habits_habit_user_active'),
  ('habits_habit_log', 'ix_habits_habit_log_habit_date'),
  ('habits_habit_log', 'ix_habits_habit_log_user_date'),
  ('health_biometric', 'ix_health_biometric_user_metric_time'),
  ('health_workout', 'ix_health_workout_user_time'),
  ('health_nutrition_log', 'ix_health_nutrition_log_user_time'),
  ('skill', 'ix_skill_user_category'),
  ('skill_practice_session', 'ix_skill_practice_session_skill_date'),
  ('skill_practice_session', 'ix_skill_practice_session_user_date'),
  ('skill_metric', 'ix_skill_metric_skill_metric_date'),
  ('project', 'ix_project_user_status'),
  ('project', 'ix_project_user_due'),
  ('project_task', 'ix_project_task_project'),
  ('project_task', 'ix_project_task_project_priority'),
  ('project_task', 'ix_project_task_user_status'),
  ('project_task', 'ix_project_task_user_due_open'),
  ('project_task_log', 'ix_project_task_log_task'),
  ('project_task_log', 'ix_project_task_log_user_time'),
  ('relationships_person', 'ix_relationships_person_user_name'),
  ('relationships_person', 'ix_relationships_person_user_email'),
  ('relationships_person', 'ix_relationships_person_user_last_contact'),
  ('relationships_interaction', 'ix_relationships_interaction_person_time'),
  ('relationships_interaction', 'ix_relationships_interaction_user_time')) v(t, i);
SELECT is((SELECT count(*)::int FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE 'ix\_%'
             AND tablename <> 'platform_outbox'), 42, 'exactly 42 named domain indexes');

-- Post-deployment verification 1: \d finance_account | grep ix_
SELECT is((SELECT array_agg(indexname::text ORDER BY indexname) FROM pg_indexes
            WHERE tablename = 'finance_account' AND indexname LIKE 'ix\_%'),
          ARRAY['ix_finance_account_normalized_name', 'ix_finance_account_type',
                'ix_finance_account_user_normalized_name', 'ix_finance_account_user_type'],
          'finance_account has the four ix_ indexes');

-- Post-deployment verification 2: no empty normalized names
SELECT is((SELECT count(*)::int FROM finance_account WHERE normalized_name = '' OR normalized_name IS NULL), 0,
          'no finance_account row without a normalized name');

-- Post-deployment verification 3: the typeahead query is served by an index
INSERT INTO finance_account (user_id, name, account_type, account_subtype, normalized_name)
SELECT 1 + g % 50, 'Account ' || g, 'asset', 'bank', 'account ' || g FROM generate_series(1, 500) g;
INSERT INTO finance_account (user_id, name, account_type, account_subtype, normalized_name)
VALUES (1, 'My Savings', 'asset', 'bank', 'my savings'), (1, 'Savings Goal', 'asset', 'bank', 'savings goal');
ANALYZE finance_account;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE line text; result text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP result := result || line || E'\n'; END LOOP;
  RETURN result;
END $f$;
SET LOCAL enable_seqscan = off;
SELECT matches(pg_temp.plan_of($$SELECT * FROM finance_account WHERE user_id = 1 AND normalized_name LIKE 'sav%' LIMIT 20$$),
               'ix_finance_account_user_normalized_name', 'typeahead (user_id, normalized_name LIKE ''sav%'') uses its index');
RESET enable_seqscan;
SELECT results_eq($$SELECT name::text FROM finance_account WHERE user_id = 1 AND normalized_name LIKE 'sav%' LIMIT 20$$,
                  $$VALUES ('Savings Goal')$$, 'typeahead finds the prefix match');

-- Post-deployment verification 4: outbox query works
INSERT INTO platform_outbox (event_type, aggregate_type, aggregate_id, user_id, payload)
VALUES ('finance.account.created', 'finance_account', 1, 1, '{"name": "My Savings"}');
SELECT results_eq($$SELECT status::text, count(*)::int FROM platform_outbox GROUP BY status$$,
                  $$VALUES ('pending', 1)$$, 'outbox: one pending message');

-- Step 3 (verify data integrity): the tables the guide counts can be queried
SELECT lives_ok($$SELECT (SELECT count(*) FROM finance_account) + (SELECT count(*) FROM finance_journal_entry)
                       + (SELECT count(*) FROM journal_entry) + (SELECT count(*) FROM habits_habit)$$,
                'finance_account, finance_journal_entry, journal_entry, habits_habit can be counted');

-- a journal entry with balanced lines
INSERT INTO finance_journal_entry (user_id, entry_date, description) VALUES (1, '2025-12-18', 'transfer') RETURNING id AS je \gset
SELECT lives_ok(format($$INSERT INTO finance_journal_line (journal_entry_id, account_id, debit, credit)
                         SELECT %s, id, CASE WHEN name = 'My Savings' THEN 100 ELSE 0 END,
                                CASE WHEN name = 'My Savings' THEN 0 ELSE 100 END
                           FROM finance_account WHERE user_id = 1 AND name IN ('My Savings', 'Savings Goal')$$, :je),
                'journal lines insert');
SELECT throws_ok(format($$INSERT INTO finance_journal_line (journal_entry_id, account_id, debit, credit)
                          VALUES (%s, (SELECT min(id) FROM finance_account), 5, 5)$$, :je),
                 '23514', NULL, 'a line is either a debit or a credit');
SELECT throws_ok($$INSERT INTO finance_account (user_id, name, account_type) VALUES (1, 'x', 'crypto')$$,
                 '23514', NULL, 'account_type is checked');

-- the validation revision starts with its lock timeout
SELECT matches((SELECT up_sql FROM lg.script WHERE revision = '20251218_backend_updates_validation'),
               '^(\s*--[^\n]*\n)*\s*SET LOCAL lock_timeout = ''5s'';',
               'the validation''s first statement is SET LOCAL lock_timeout = ''5s''');

SELECT * FROM finish();
ROLLBACK;
