-- 002_rls_policies.sql: row-level security for multi-tenant isolation.
-- The guide names the 5 auth helper functions (its rollback drops them) and
-- the security model; the bodies and the 120 policies (4 per table: select,
-- insert, update, delete) are designed here:
--   * a user sees the rows of the workspaces they are a member of
--     (auth.user_workspaces()), a workspace they created and their own
--     membership rows (so that the guide's "INSERT INTO core.workspaces ...
--     RETURNING id" and "INSERT INTO core.members ..." work for the creator:
--     RETURNING needs the new row to pass the SELECT policy, and a STABLE
--     helper does not yet see the row its own statement inserts);
--   * role order owner > admin > member > viewer; "service" is a backend
--     account that counts as an admin;
--   * members (and above) insert and update workspace data, viewers only read,
--     admins delete; only an owner deletes a workspace; admins manage members,
--     and the creator of a workspace may add themselves as its owner.
-- The helpers are SECURITY DEFINER with an empty search_path: they read
-- core.members as their owner, so the policies on core.members do not
-- recurse into themselves.  Policies apply to every role (TO PUBLIC; on
-- Supabase one would write TO authenticated).  Table owners and superusers
-- bypass RLS (no FORCE ROW LEVEL SECURITY), as on Supabase, where the
-- backend's service role bypasses it too.
SELECT lg_revision('002_rls_policies',
  parents => '{001_initial_schema}',
  message => 'row-level security: auth helpers, RLS on all 30 tables, 120 policies',
  up => $up$
CREATE OR REPLACE FUNCTION auth.user_workspaces() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $fn$
  SELECT m.workspace_id FROM core.members m WHERE m.user_id = auth.uid()
$fn$;

CREATE OR REPLACE FUNCTION auth.has_workspace_role(p_workspace_id uuid, p_role core.role_type) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $fn$
  SELECT EXISTS (
    SELECT 1 FROM core.members m
     WHERE m.workspace_id = p_workspace_id AND m.user_id = auth.uid()
       AND (m.role = p_role
            OR (m.role <> 'service'::core.role_type AND p_role <> 'service'::core.role_type AND m.role < p_role)))
$fn$;

CREATE OR REPLACE FUNCTION auth.is_workspace_admin(p_workspace_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $fn$
  SELECT auth.has_workspace_role(p_workspace_id, 'admin'::core.role_type)
      OR auth.has_workspace_role(p_workspace_id, 'service'::core.role_type)
$fn$;

CREATE OR REPLACE FUNCTION auth.is_founder(p_workspace_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $fn$
  SELECT EXISTS (SELECT 1 FROM core.founders f WHERE f.workspace_id = p_workspace_id AND f.user_id = auth.uid())
$fn$;

CREATE OR REPLACE FUNCTION auth.get_founder_id(p_workspace_id uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $fn$
  SELECT f.id FROM core.founders f WHERE f.workspace_id = p_workspace_id AND f.user_id = auth.uid()
$fn$;

-- RLS on every table of the 7 domains
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT schemaname, tablename FROM pg_tables
            WHERE schemaname IN ('core', 'ops', 'comms', 'meetings', 'media', 'work', 'intel')
  LOOP
    EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', r.schemaname, r.tablename);
  END LOOP;
END $$;

-- core.workspaces
DROP POLICY IF EXISTS workspaces_select ON core.workspaces;
CREATE POLICY workspaces_select ON core.workspaces FOR SELECT
  USING (id IN (SELECT auth.user_workspaces()) OR created_by = auth.uid());
DROP POLICY IF EXISTS workspaces_insert ON core.workspaces;
CREATE POLICY workspaces_insert ON core.workspaces FOR INSERT
  WITH CHECK (auth.uid() IS NOT NULL AND created_by = auth.uid());
DROP POLICY IF EXISTS workspaces_update ON core.workspaces;
CREATE POLICY workspaces_update ON core.workspaces FOR UPDATE
  USING (auth.is_workspace_admin(id)) WITH CHECK (auth.is_workspace_admin(id));
DROP POLICY IF EXISTS workspaces_delete ON core.workspaces;
CREATE POLICY workspaces_delete ON core.workspaces FOR DELETE
  USING (auth.has_workspace_role(id, 'owner'));

-- core.members
DROP POLICY IF EXISTS members_select ON core.members;
CREATE POLICY members_select ON core.members FOR SELECT
  USING (workspace_id IN (SELECT auth.user_workspaces()) OR user_id = auth.uid());
DROP POLICY IF EXISTS members_insert ON core.members;
CREATE POLICY members_insert ON core.members FOR INSERT
  WITH CHECK (auth.is_workspace_admin(workspace_id)
              OR (user_id = auth.uid() AND role = 'owner'
                  AND EXISTS (SELECT 1 FROM core.workspaces w
                               WHERE w.id = workspace_id AND w.created_by = auth.uid())));
DROP POLICY IF EXISTS members_update ON core.members;
CREATE POLICY members_update ON core.members FOR UPDATE
  USING (auth.is_workspace_admin(workspace_id)) WITH CHECK (auth.is_workspace_admin(workspace_id));
DROP POLICY IF EXISTS members_delete ON core.members;
CREATE POLICY members_delete ON core.members FOR DELETE
  USING (auth.is_workspace_admin(workspace_id) OR user_id = auth.uid());

-- every other table: workspace data
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT schemaname, tablename FROM pg_tables
            WHERE schemaname IN ('core', 'ops', 'comms', 'meetings', 'media', 'work', 'intel')
              AND (schemaname, tablename) NOT IN (('core', 'workspaces'), ('core', 'members'))
            ORDER BY 1, 2
  LOOP
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I.%I', r.tablename || '_select', r.schemaname, r.tablename);
    EXECUTE format('CREATE POLICY %I ON %I.%I FOR SELECT USING (workspace_id IN (SELECT auth.user_workspaces()))',
                   r.tablename || '_select', r.schemaname, r.tablename);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I.%I', r.tablename || '_insert', r.schemaname, r.tablename);
    EXECUTE format('CREATE POLICY %I ON %I.%I FOR INSERT '
                   'WITH CHECK (auth.has_workspace_role(workspace_id, ''member'') OR auth.is_workspace_admin(workspace_id))',
                   r.tablename || '_insert', r.schemaname, r.tablename);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I.%I', r.tablename || '_update', r.schemaname, r.tablename);
    EXECUTE format('CREATE POLICY %I ON %I.%I FOR UPDATE '
                   'USING (auth.has_workspace_role(workspace_id, ''member'') OR auth.is_workspace_admin(workspace_id)) '
                   'WITH CHECK (auth.has_workspace_role(workspace_id, ''member'') OR auth.is_workspace_admin(workspace_id))',
                   r.tablename || '_update', r.schemaname, r.tablename);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I.%I', r.tablename || '_delete', r.schemaname, r.tablename);
    EXECUTE format('CREATE POLICY %I ON %I.%I FOR DELETE USING (auth.is_workspace_admin(workspace_id))',
                   r.tablename || '_delete', r.schemaname, r.tablename);
  END LOOP;
END $$;

INSERT INTO public.schema_migrations (version, description)
VALUES ('002', 'row-level security policies') ON CONFLICT (version) DO NOTHING;
$up$,
  -- The guide's rollback, with one fix: the policies use the helper
  -- functions, so they are dropped first (otherwise DROP FUNCTION fails
  -- with "other objects depend on it").
  down => $down$
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT schemaname, tablename, policyname FROM pg_policies
            WHERE schemaname IN ('core', 'ops', 'comms', 'meetings', 'media', 'work', 'intel')
  LOOP
    EXECUTE format('DROP POLICY %I ON %I.%I', r.policyname, r.schemaname, r.tablename);
  END LOOP;
  FOR r IN SELECT schemaname, tablename
             FROM pg_tables
            WHERE schemaname IN ('core', 'ops', 'comms', 'meetings', 'media', 'work', 'intel')
  LOOP
    EXECUTE format('ALTER TABLE %I.%I DISABLE ROW LEVEL SECURITY', r.schemaname, r.tablename);
  END LOOP;
END $$;

DROP FUNCTION IF EXISTS auth.user_workspaces();
DROP FUNCTION IF EXISTS auth.has_workspace_role(uuid, core.role_type);
DROP FUNCTION IF EXISTS auth.is_workspace_admin(uuid);
DROP FUNCTION IF EXISTS auth.is_founder(uuid);
DROP FUNCTION IF EXISTS auth.get_founder_id(uuid);

DELETE FROM public.schema_migrations WHERE version = '002';
$down$);
