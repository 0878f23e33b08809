-- Live Conversational Threads V2 (seed 002): registers every revision with lg.
-- Run from this folder:  psql -X -v ON_ERROR_STOP=1 -f load.sql
-- then:                  SELECT * FROM lg_migrate('head');
\ir revisions/lct_0000_uuid_ossp.sql
\ir revisions/732e0cd9a870_initial_schema.sql
