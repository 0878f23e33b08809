-- Row-level security (002_rls_policies): workspace isolation and roles.
-- Table owners bypass RLS (no FORCE ROW LEVEL SECURITY, as on Supabase), so
-- the test creates a plain role, grants it what Supabase grants to
-- "authenticated", and runs each query as that role with a user id in
-- request.jwt.claim.sub (what auth.uid() reads).  pg_temp.as_user() switches
-- role only around the query, because pgTAP's own bookkeeping tables belong
-- to the session user.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(30);

CREATE ROLE lg_ex_cos_authenticated NOLOGIN;
GRANT USAGE ON SCHEMA auth, core, ops, comms, meetings, media, work, intel TO lg_ex_cos_authenticated;
DO $$
DECLARE s text;
BEGIN
  FOREACH s IN ARRAY ARRAY['core', 'ops', 'comms', 'meetings', 'media', 'work', 'intel'] LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO lg_ex_cos_authenticated', s);
  END LOOP;
END $$;

-- Runs q as lg_ex_cos_authenticated with auth.uid() = uid; returns q's first
-- column as text, or 'ERROR <sqlstate>'.
CREATE FUNCTION pg_temp.as_user(uid text, q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE result text;
BEGIN
  PERFORM set_config('request.jwt.claim.sub', uid, true);
  SET LOCAL ROLE lg_ex_cos_authenticated;
  BEGIN
    EXECUTE q INTO result;
  EXCEPTION WHEN OTHERS THEN
    result := 'ERROR ' || SQLSTATE;
  END;
  RESET ROLE;
  PERFORM set_config('request.jwt.claim.sub', '', true);
  RETURN result;
END $f$;

-- Two workspaces, set up by the owner of the tables (who bypasses RLS)
\set ws_a '''aaaaaaaa-0000-0000-0000-000000000001'''
\set ws_b '''bbbbbbbb-0000-0000-0000-000000000002'''
\set owner_a '''a0000000-0000-0000-0000-00000000000a'''
\set admin_a '''a0000000-0000-0000-0000-0000000000ad'''
\set member_a '''a0000000-0000-0000-0000-00000000000d'''
\set viewer_a '''a0000000-0000-0000-0000-00000000000c'''
\set service_a '''a0000000-0000-0000-0000-00000000005e'''
\set owner_b '''b0000000-0000-0000-0000-00000000000b'''
\set stranger '''e0000000-0000-0000-0000-00000000000e'''
\set newcomer '''f0000000-0000-0000-0000-00000000000f'''
INSERT INTO core.workspaces (id, name) VALUES (:ws_a, 'Workspace A'), (:ws_b, 'Workspace B');
INSERT INTO core.members (workspace_id, user_id, role) VALUES
  (:ws_a, :owner_a, 'owner'), (:ws_a, :admin_a, 'admin'), (:ws_a, :member_a, 'member'),
  (:ws_a, :viewer_a, 'viewer'), (:ws_a, :service_a, 'service'), (:ws_b, :owner_b, 'owner');
INSERT INTO core.contacts (workspace_id, full_name, email) VALUES
  (:ws_a, 'Alice Investor', 'alice@example.com'), (:ws_a, 'Arthur Advisor', 'arthur@example.com'),
  (:ws_b, 'Bob Customer', 'bob@example.com');
INSERT INTO ops.tasks (workspace_id, title, due_at) VALUES
  (:ws_a, 'Send deck', now() - interval '1 day'), (:ws_b, 'Renew contract', now() + interval '1 day');

-- the table owner sees everything (RLS is not forced)
SELECT is((SELECT count(*)::int FROM core.contacts), 3, 'the table owner bypasses RLS and sees all 3 contacts');

-- Verify isolation works: each user sees only their workspaces
SELECT is(pg_temp.as_user(:owner_a, 'SELECT string_agg(name, '','') FROM core.workspaces'), 'Workspace A',
          'owner of A sees only workspace A');
SELECT is(pg_temp.as_user(:owner_b, 'SELECT string_agg(name, '','') FROM core.workspaces'), 'Workspace B',
          'owner of B sees only workspace B');
SELECT is(pg_temp.as_user(:stranger, 'SELECT count(*) FROM core.workspaces'), '0', 'a non-member sees no workspace');
SELECT is(pg_temp.as_user(NULL, 'SELECT count(*) FROM core.contacts'), '0', 'without a user id nothing is visible');
SELECT is(pg_temp.as_user(:viewer_a, 'SELECT count(*) FROM core.contacts'), '2', 'a viewer of A sees A''s 2 contacts');
SELECT is(pg_temp.as_user(:owner_b, 'SELECT string_agg(full_name, '','') FROM core.contacts'), 'Bob Customer',
          'owner of B sees only B''s contact');
SELECT is(pg_temp.as_user(:owner_b, 'SELECT count(*) FROM core.members'), '1', 'members of other workspaces are invisible');
SELECT is(pg_temp.as_user(:owner_a, 'SELECT string_agg(title, '','') FROM ops.open_tasks WHERE is_overdue'), 'Send deck',
          'views obey RLS too (ops.open_tasks as owner of A)');
SELECT is(pg_temp.as_user(:owner_b, 'SELECT count(*) FROM core.workspace_overview'), '1',
          'core.workspace_overview shows owner of B one workspace');

-- writes
SELECT is(pg_temp.as_user(:owner_a, format('INSERT INTO core.contacts (workspace_id, full_name) VALUES (%L, ''Intruder'') RETURNING 1', :ws_b)),
          'ERROR 42501', 'a user cannot write into another workspace');
SELECT is(pg_temp.as_user(:viewer_a, format('INSERT INTO core.contacts (workspace_id, full_name) VALUES (%L, ''Vic'') RETURNING 1', :ws_a)),
          'ERROR 42501', 'a viewer cannot insert');
SELECT is(pg_temp.as_user(:member_a, format('INSERT INTO core.contacts (workspace_id, full_name) VALUES (%L, ''Mia'') RETURNING full_name', :ws_a)),
          'Mia', 'a member can insert into their workspace');
SELECT is(pg_temp.as_user(:member_a, format('WITH u AS (UPDATE core.contacts SET title = ''CEO'' WHERE workspace_id = %L RETURNING 1) SELECT count(*) FROM u', :ws_a)),
          '3', 'a member can update their workspace''s rows');
SELECT is(pg_temp.as_user(:member_a, format('UPDATE core.contacts SET workspace_id = %L WHERE full_name = ''Mia'' RETURNING 1', :ws_b)),
          'ERROR 42501', 'a member cannot move a row into another workspace');
SELECT is(pg_temp.as_user(:member_a, 'WITH d AS (DELETE FROM core.contacts RETURNING 1) SELECT count(*) FROM d'), '0',
          'a member (non-admin) deletes nothing');
SELECT is(pg_temp.as_user(:admin_a, 'WITH d AS (DELETE FROM core.contacts WHERE full_name = ''Mia'' RETURNING 1) SELECT count(*) FROM d'), '1',
          'an admin deletes in their workspace');
SELECT is(pg_temp.as_user(:service_a, 'WITH d AS (DELETE FROM ops.tasks RETURNING 1) SELECT count(*) FROM d'), '1',
          'a service account acts as admin in its workspace (deletes A''s task, not B''s)');
SELECT is(pg_temp.as_user(:owner_b, 'SELECT count(*) FROM ops.tasks'), '1', 'B''s task is still there');

-- Non-admin should not be able to delete workspace
SELECT is(pg_temp.as_user(:admin_a, format('WITH d AS (DELETE FROM core.workspaces WHERE id = %L RETURNING 1) SELECT count(*) FROM d', :ws_a)),
          '0', 'an admin cannot delete the workspace');
SELECT is(pg_temp.as_user(:owner_b, format('WITH d AS (DELETE FROM core.workspaces WHERE id = %L RETURNING 1) SELECT count(*) FROM d', :ws_a)),
          '0', 'the owner of B cannot delete workspace A');
SELECT is((SELECT count(*)::int FROM core.workspaces), 2, 'both workspaces are still there');
SELECT is(pg_temp.as_user(:member_a, format('INSERT INTO core.members (workspace_id, user_id, role) VALUES (%L, %L, ''admin'') RETURNING 1', :ws_a, :stranger)),
          'ERROR 42501', 'a member cannot add members');
SELECT is(pg_temp.as_user(:admin_a, format('INSERT INTO core.members (workspace_id, user_id, role) VALUES (%L, %L, ''viewer'') RETURNING 1', :ws_a, :stranger)),
          '1', 'an admin can add members');

-- The guide's step 8, as a new authenticated user: create workspace, then
-- make oneself its owner; then the usual fixtures
SELECT pg_temp.as_user(:newcomer, 'INSERT INTO core.workspaces (name) VALUES (''Test Workspace'') RETURNING id') AS new_ws \gset
SELECT ok(:'new_ws' ~ '^[0-9a-f-]{36}$', 'INSERT INTO core.workspaces ... RETURNING id works for its creator');
SELECT is(pg_temp.as_user(:newcomer, format('INSERT INTO core.members (workspace_id, user_id, role) VALUES (%L, auth.uid(), ''owner'') RETURNING role', :'new_ws')),
          'owner', 'the creator adds themselves as owner');
SELECT is(pg_temp.as_user(:stranger, format('INSERT INTO core.members (workspace_id, user_id, role) VALUES (%L, auth.uid(), ''owner'') RETURNING role', :'new_ws')),
          'ERROR 42501', 'nobody else can make themselves its owner');
SELECT is(pg_temp.as_user(:newcomer, 'SELECT string_agg(name, '','') FROM core.workspaces'), 'Test Workspace',
          'SELECT * FROM core.workspaces shows only your workspaces');
SELECT matches(pg_temp.as_user(:newcomer, format('INSERT INTO core.founders (workspace_id, user_id, display_name, email) VALUES (%L, auth.uid(), ''Test Founder'', ''test@example.com'') RETURNING id', :'new_ws')),
               '^[0-9a-f-]{36}$', 'create test founder ... RETURNING id');
SELECT is(pg_temp.as_user(:newcomer, format('SELECT auth.is_founder(%L) AND auth.get_founder_id(%L) IS NOT NULL', :'new_ws', :'new_ws')),
          'true', 'auth.is_founder / auth.get_founder_id know the founder');

SELECT * FROM finish();
ROLLBACK;
