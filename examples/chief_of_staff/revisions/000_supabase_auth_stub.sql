-- 000_supabase_auth_stub: a stand-in for what Supabase provides before any
-- migration runs: schema auth and auth.uid(), which reads the user id from
-- the request's JWT claims (request.jwt.claim.sub, or the sub of
-- request.jwt.claims), as Supabase's own function does.  Designed here so that
-- row-level security can be tested on plain PostgreSQL.  Do not register this
-- revision on a Supabase project (auth.uid() exists there); make
-- 001_initial_schema a base instead.
SELECT lg_revision('000_supabase_auth_stub',
  message => 'stand-in for Supabase auth schema and auth.uid()',
  up => $up$
CREATE SCHEMA IF NOT EXISTS auth;

CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE
AS $fn$
  SELECT coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$fn$;
$up$,
  down => $down$
DROP FUNCTION auth.uid();
DROP SCHEMA auth;
$down$);
