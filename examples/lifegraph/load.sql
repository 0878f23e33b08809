-- Life Graph Foundation (seed 000): registers every revision with lg.
-- Run from this folder:  psql -X -v ON_ERROR_STOP=1 -f load.sql
-- then:                  SELECT * FROM lg_migrate('head');
\ir revisions/000_documents.sql
\ir revisions/001_add_extensions.sql
\ir revisions/002_create_core_tables.sql
\ir revisions/003_enhance_documents.sql
\ir revisions/004_create_signals_links.sql
