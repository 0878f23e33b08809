-- LifeOS online (seed 003 and three online changes): registers the 14
-- revisions of examples/lifeos, then the three that cannot run in one
-- transaction.
-- Run from this folder:  psql -X -v ON_ERROR_STOP=1 -f load.sql
-- then:                  CALL lg_apply('head');
\ir ../lifeos/load.sql
\ir revisions/20260105_task_urgency.sql
\ir revisions/20260110_task_urgent_overdue.sql
\ir revisions/20260115_task_title_search.sql
