-- 001_add_extensions.py: PostgreSQL extensions (pgcrypto, pg_trgm, btree_gist)
SELECT lg_revision('001',
  parents => '{000}',
  message => 'add extensions: pgcrypto, pg_trgm, btree_gist',
  up => $up$
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;
$up$,
  down => $down$
DROP EXTENSION IF EXISTS btree_gist;
DROP EXTENSION IF EXISTS pg_trgm;
DROP EXTENSION IF EXISTS pgcrypto;
$down$,
  -- the guide's post-migration check, re-run by lg_verify()
  verify => $verify$
SELECT count(*) = 3 FROM pg_extension WHERE extname IN ('pgcrypto', 'pg_trgm', 'btree_gist')
$verify$);
