-- 000: the documents table that existed before Life Graph (the guide's 003
-- "enhances existing documents table").  Designed here so the example is
-- self-contained: only the columns the later revisions rely on (id, created_at)
-- plus a file name and title.  gen_random_uuid() is built into PostgreSQL 13+,
-- so this base does not need pgcrypto (which 001 installs).
SELECT lg_revision('000',
  message => 'pre-existing documents table (before Life Graph)',
  up => $up$
CREATE TABLE documents (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    filename TEXT NOT NULL,
    title TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
$up$,
  down => $down$
DROP TABLE documents;
$down$);
