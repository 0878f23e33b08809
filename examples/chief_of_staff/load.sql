-- AI Chief of Staff (seed 001): registers every revision with lg.
-- Run from this folder:  psql -X -v ON_ERROR_STOP=1 -f load.sql
-- then:                  SELECT * FROM lg_migrate('heads');
--
-- 000_supabase_auth_stub  stand-in for Supabase's auth schema and auth.uid()
-- 001_initial_schema      7 schemas, 12 enums, 30 tables, 3 views, 5 helpers, updated_at triggers
-- 002_rls_policies        5 auth helpers, RLS on all 30 tables, 120 policies
-- 001_vector_embeddings   (branch "vector", only where pgvector is available)
--                         5 embedding columns and their IVFFlat indexes
\ir revisions/000_supabase_auth_stub.sql
\ir revisions/001_initial_schema.sql
\ir revisions/002_rls_policies.sql

-- pgvector is optional: its revision sits on its own labelled branch and is
-- registered only where the extension can be installed, so that
-- lg_migrate('heads') works either way.
SELECT count(*) > 0 AS has_vector FROM pg_available_extensions WHERE name = 'vector' \gset
-- The \warn lines (stderr) say which way it went in scripts/examples.sh's
-- output, which scripts/matrix.sh reports.
\if :has_vector
\ir revisions/001_vector_embeddings.sql
\warn 'chief_of_staff vector branch: registered (the vector extension is available)'
\else
\warn 'chief_of_staff vector branch: skipped: the vector extension (pgvector) is not available on this server'
\endif
